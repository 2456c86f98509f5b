import type { JsonObject, KubeObject } from '../../model/index.js';
import { asJson } from './json-util.js';
import { apiVersionOf, type ResourceType } from './resource-type.js';
import { badRequest } from './status-errors.js';

interface ContinueToken {
  rv: number;
  start: number;
}

/** A list as real servers send it: items without kind or apiVersion, paged by limit/continue. */
export function listResponse(
  type: ResourceType,
  objects: KubeObject[],
  resourceVersion: number,
  limit: number | undefined,
  token: string | null,
): JsonObject {
  const from = token ? decodeToken(token) : { rv: resourceVersion, start: 0 };
  const end = limit && limit > 0 ? from.start + limit : objects.length;
  const page = objects.slice(from.start, end);
  const metadata: JsonObject = { resourceVersion: String(from.rv) };
  if (end < objects.length) {
    metadata.continue = Buffer.from(JSON.stringify({ rv: from.rv, start: end })).toString('base64url');
    metadata.remainingItemCount = objects.length - end;
  }
  return {
    kind: `${type.kind}List`,
    apiVersion: apiVersionOf(type),
    metadata,
    items: page.map((object) => {
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = asJson(object);
      return rest;
    }),
  };
}

function decodeToken(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (typeof parsed.rv === 'number' && typeof parsed.start === 'number') return { rv: parsed.rv, start: parsed.start };
  } catch {
    // fall through to the error every malformed token gets
  }
  throw badRequest('continue key is not valid: the format of the token is not recognized');
}
