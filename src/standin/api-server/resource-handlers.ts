import type { ServerResponse } from 'node:http';
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../../model/index.js';
import { pruneUnapplied } from './apply-prune.js';
import type { Catalog } from './catalog.js';
import { sendJson } from './http-io.js';
import { asJson, asKubeObject } from './json-util.js';
import { listResponse } from './list-response.js';
import type { ObjectStore } from './object-store.js';
import type { ObjectWriter, WriteRequest } from './object-writer.js';
import { applyPatchDocument, parsePatchBody, patchTypeOf } from './patch-object.js';
import type { ResourcePath } from './request-path.js';
import { apiVersionOf, bucketOf, type ResourceType } from './resource-type.js';
import { fromScale, toScale } from './scale.js';
import { toTable, wantsTable } from './table.js';
import { parseFieldSelector, parseLabelSelector, type Selector } from './selectors.js';
import { ApiError, badRequest, conflict, expired, methodNotSupported, notFound } from './status-errors.js';
import type { WatchHub } from './watch.js';

export interface ResourceCall {
  method: string;
  type: ResourceType;
  path: ResourcePath;
  query: URLSearchParams;
  contentType?: string;
  accept?: string;
  body: string;
  manager: string;
  response: ServerResponse;
}

export interface ResourceBackend {
  catalog: Catalog;
  store: ObjectStore;
  writer: ObjectWriter;
  watches: WatchHub;
}

/** The verbs on one resource path: get, list, watch, create, update, patch, delete, deletecollection. */
export function handleResourceCall(backend: ResourceBackend, call: ResourceCall): void {
  const { method, path } = call;
  if (path.name === undefined) {
    if (method === 'GET') return listOrWatch(backend, call);
    if (method === 'POST') return create(backend, call);
    if (method === 'DELETE') return deleteCollection(backend, call);
  } else if (method === 'GET') {
    return get(backend, call);
  } else if (method === 'PUT') {
    return replace(backend, call);
  } else if (method === 'PATCH') {
    return patch(backend, call);
  } else if (method === 'DELETE' && path.subresource === undefined) {
    return remove(backend, call);
  }
  throw methodNotSupported(call.type, method.toLowerCase());
}

function served(type: ResourceType, object: KubeObject): JsonObject {
  return { ...asJson(object), apiVersion: apiVersionOf(type) };
}

function read(backend: ResourceBackend, call: ResourceCall): KubeObject {
  const name = call.path.name ?? '';
  const found = backend.store.peek(bucketOf(call.type), call.path.namespace, name);
  if (!found) throw notFound(call.type, name);
  return found;
}

function writeRequest(call: ResourceCall, extra: Partial<WriteRequest> = {}): WriteRequest {
  return {
    manager: call.manager,
    subresource: call.path.subresource,
    dryRun: call.query.getAll('dryRun').includes('All'),
    ...extra,
  };
}

function get(backend: ResourceBackend, call: ResourceCall): void {
  const object = read(backend, call);
  if (call.path.subresource === 'scale') return sendJson(call.response, 200, toScale(object));
  if (wantsTable(call.accept)) return sendJson(call.response, 200, toTable(call.type, [object], {}, new Date()));
  sendJson(call.response, 200, served(call.type, object));
}

function selection(call: ResourceCall): Selector {
  const labels = parseLabelSelector(call.query.get('labelSelector'));
  const fields = parseFieldSelector(call.query.get('fieldSelector'));
  return (object) => labels(object) && fields(object);
}

function listOrWatch(backend: ResourceBackend, call: ResourceCall): void {
  const { query, type, path } = call;
  const selects = selection(call);
  if (query.get('watch') === 'true' || query.get('watch') === '1') {
    const timeout = query.get('timeoutSeconds');
    backend.watches.open(call.response, {
      type,
      namespace: path.namespace,
      selects,
      resourceVersion: query.get('resourceVersion') ?? undefined,
      timeoutSeconds: timeout === null ? undefined : Number(timeout),
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      render: wantsTable(call.accept) ? (object) => toTable(type, [object], {}, new Date()) : undefined,
    });
    return;
  }
  const requested = query.get('resourceVersion');
  const current = backend.store.resourceVersion;
  if (query.get('resourceVersionMatch') && requested && requested !== '0' && !backend.store.eventsAfter(Number(requested))) {
    throw expired(requested, String(current));
  }
  const objects = backend.store.peekAll(bucketOf(type), path.namespace).filter(selects);
  const limit = query.get('limit');
  const list = listResponse(type, objects, current, limit ? Number(limit) : undefined, query.get('continue'));
  if (!wantsTable(call.accept)) return sendJson(call.response, 200, list);
  const page = (list.items as JsonObject[]).map((item) => asKubeObject({ ...item, apiVersion: apiVersionOf(type), kind: type.kind }));
  sendJson(call.response, 200, toTable(type, page, list.metadata as JsonObject, new Date()));
}

function parseObject(call: ResourceCall): JsonObject {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(call.body) as JsonValue;
  } catch (error) {
    throw badRequest(`error decoding request body: ${(error as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw badRequest('the request body must be a JSON object');
  if (!isJsonObject(parsed.metadata)) parsed.metadata = {};
  return parsed;
}

function bodyObject(call: ResourceCall): KubeObject {
  const body = parseObject(call);
  const metadata = body.metadata as JsonObject;
  const { namespace } = call.path;
  if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (namespace !== undefined) metadata.namespace = namespace;
  if (body.kind !== undefined && body.kind !== call.type.kind && call.path.subresource !== 'scale') {
    throw badRequest(`the kind of the provided object (${String(body.kind)}) does not match the resource ${call.type.resource}`);
  }
  return asKubeObject(body);
}

function create(backend: ResourceBackend, call: ResourceCall): void {
  if (call.type.namespaced && call.path.namespace === undefined) throw methodNotSupported(call.type, 'create');
  const created = backend.writer.create(call.type, bodyObject(call), writeRequest(call));
  sendJson(call.response, 201, served(call.type, created));
}

function replace(backend: ResourceBackend, call: ResourceCall): void {
  const current = read(backend, call);
  const body = bodyObject(call);
  if (call.path.subresource === 'scale') {
    const updated = backend.writer.update(call.type, current, fromScale(current, asJson(body)), writeRequest(call));
    sendJson(call.response, 200, toScale(updated));
    return;
  }
  if (body.metadata.name !== current.metadata.name) {
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${current.metadata.name})`);
  }
  const updated = backend.writer.update(call.type, current, body, writeRequest(call));
  sendJson(call.response, 200, served(call.type, updated));
}

function patch(backend: ResourceBackend, call: ResourceCall): void {
  const { type, path, query } = call;
  const patchType = patchTypeOf(call.contentType, backend.catalog.isBuiltin(type));
  const document = parsePatchBody(patchType, call.body);
  const apply = patchType === 'apply';
  const manager = query.get('fieldManager');
  if (apply && !manager) {
    throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  }
  if (apply && !isJsonObject(document)) throw badRequest('the applied configuration must be an object');
  const extra: Partial<WriteRequest> = apply && isJsonObject(document) ? { operation: 'Apply', applied: document, force: query.get('force') === 'true' } : {};
  const current = backend.store.peek(bucketOf(type), path.namespace, path.name ?? '');
  if (!current) {
    if (!apply || path.subresource) throw notFound(type, path.name ?? '');
    const object = asKubeObject({ ...extra.applied, metadata: { ...metaOf(document), name: path.name ?? '' } });
    if (path.namespace !== undefined) object.metadata.namespace = path.namespace;
    const created = backend.writer.create(type, object, writeRequest(call, extra));
    sendJson(call.response, 201, served(type, created));
    return;
  }
  if (path.subresource === 'scale') {
    const scale = applyPatchDocument(patchType, toScale(current), document);
    const updated = backend.writer.update(type, current, fromScale(current, scale), writeRequest(call, extra));
    sendJson(call.response, 200, toScale(updated));
    return;
  }
  let next = applyPatchDocument(patchType, asJson(current), document);
  if (apply && manager) next = pruneUnapplied(next, current.metadata.managedFields ?? [], extra.applied ?? {}, manager);
  const updated = backend.writer.update(type, current, asKubeObject(next), writeRequest(call, extra));
  sendJson(call.response, 200, served(type, updated));
}

function metaOf(document: JsonValue): JsonObject {
  return isJsonObject(document) && isJsonObject(document.metadata) ? document.metadata : {};
}

interface DeleteOptions {
  dryRun: boolean;
  preconditions: { uid?: string; resourceVersion?: string };
}

function deleteOptions(call: ResourceCall): DeleteOptions {
  const options = call.body.trim() ? parseObject(call) : {};
  const dryRun = call.query.getAll('dryRun').includes('All') || (Array.isArray(options.dryRun) && options.dryRun.includes('All'));
  const given = isJsonObject(options.preconditions) ? options.preconditions : {};
  const text = (value: JsonValue | undefined): string | undefined => (typeof value === 'string' && value ? value : undefined);
  return { dryRun, preconditions: { uid: text(given.uid), resourceVersion: text(given.resourceVersion) } };
}

function remove(backend: ResourceBackend, call: ResourceCall): void {
  const { type, path } = call;
  const options = deleteOptions(call);
  const { uid, resourceVersion } = options.preconditions;
  if (uid || resourceVersion) {
    const current = read(backend, call);
    if (uid && uid !== current.metadata.uid) {
      throw conflict(type, current.metadata.name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
    }
    if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) {
      const actual = current.metadata.resourceVersion ?? '';
      throw conflict(type, current.metadata.name, `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${actual}`);
    }
  }
  const result = backend.writer.delete(type, path.namespace, path.name ?? '', options.dryRun);
  if (result.metadata.deletionTimestamp) {
    sendJson(call.response, 200, served(type, result));
    return;
  }
  const details: JsonObject = { name: result.metadata.name, kind: type.resource, uid: result.metadata.uid ?? '' };
  if (type.group) details.group = type.group;
  sendJson(call.response, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
}

function deleteCollection(backend: ResourceBackend, call: ResourceCall): void {
  const { type, path } = call;
  const selects = selection(call);
  const { dryRun } = deleteOptions(call);
  const doomed = backend.store.peekAll(bucketOf(type), path.namespace).filter(selects);
  const deleted = doomed.map((object) => backend.writer.delete(type, object.metadata.namespace, object.metadata.name, dryRun));
  sendJson(call.response, 200, listResponse(type, deleted, backend.store.resourceVersion, undefined, null));
}
