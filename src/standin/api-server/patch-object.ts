import jsonpatch from 'fast-json-patch';
import { parse as parseYaml } from 'yaml';
import { isJsonObject, type JsonObject, type JsonValue } from '../../model/index.js';
import { mergePatch } from './merge-patch.js';
import { ApiError, badRequest, unsupportedMediaType } from './status-errors.js';
import { strategicMerge } from './strategic-merge.js';
import { cloneJson } from './json-util.js';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = keyof typeof PATCH_TYPES;

/** Custom resources have no Go struct tags to merge by, so the server refuses strategic merge for them. */
export function patchTypeOf(contentType: string | undefined, strategicAllowed: boolean): PatchType {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const found = (Object.keys(PATCH_TYPES) as PatchType[]).find((type) => PATCH_TYPES[type] === media);
  const allowed = (Object.keys(PATCH_TYPES) as PatchType[]).filter((type) => strategicAllowed || type !== 'strategic');
  if (!found || !allowed.includes(found)) throw unsupportedMediaType(allowed.map((type) => PATCH_TYPES[type]));
  return found;
}

/** Parses the body of a patch: YAML (a superset of JSON) for apply, JSON otherwise. */
export function parsePatchBody(type: PatchType, body: string): JsonValue {
  try {
    return (type === 'apply' ? parseYaml(body) : JSON.parse(body)) as JsonValue;
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
}

export function applyPatchDocument(type: PatchType, current: JsonObject, patch: JsonValue): JsonObject {
  const result = patchValue(type, current, patch);
  if (!isJsonObject(result)) throw badRequest('the patch did not produce an object');
  return result;
}

function patchValue(type: PatchType, current: JsonObject, patch: JsonValue): JsonValue {
  switch (type) {
    case 'merge':
      return mergePatch(current, patch);
    case 'strategic':
    case 'apply':
      return strategicMerge(current, patch);
    case 'json':
      return applyJsonPatch(current, patch);
  }
}

function applyJsonPatch(current: JsonObject, patch: JsonValue): JsonValue {
  if (!Array.isArray(patch)) throw badRequest('json patch must be a list of operations');
  try {
    const operations = patch as unknown as jsonpatch.Operation[];
    return jsonpatch.applyPatch(cloneJson(current), operations, true, true).newDocument as JsonValue;
  } catch (error) {
    throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${(error as Error).message}`);
  }
}
