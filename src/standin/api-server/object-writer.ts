import { randomUUID } from 'node:crypto';
import type { JsonObject, KubeObject, ObjectMeta } from '../../model/index.js';
import type { Catalog } from './catalog.js';
import { orderMetadata, withDefinitionStatus } from './object-shape.js';
import { isDeepStrictEqual } from 'node:util';
import { asJson, asKubeObject, cloneJson, timestamp } from './json-util.js';
import {
  describeConflicts,
  managedFieldsForApply,
  managedFieldsForCreate,
  managedFieldsForUpdate,
  type WriteContext,
} from './managed-fields.js';
import type { ObjectStore } from './object-store.js';
import { apiVersionOf, bucketOf, type ResourceType } from './resource-type.js';
import { alreadyExists, conflict, invalid, notFound } from './status-errors.js';

export interface WriteRequest {
  /** Absent for direct store writes that keep the managedFields they were given. */
  manager?: string;
  operation?: 'Update' | 'Apply';
  subresource?: string;
  dryRun?: boolean;
  /** Direct store writes may set status and skip the subresource rules. */
  direct?: boolean;
  /** The applied configuration, for server-side apply. */
  applied?: JsonObject;
  force?: boolean;
}

const CRD_BUCKET = 'apiextensions.k8s.io/customresourcedefinitions';
const NAMESPACE_BUCKET = '/namespaces';
const SEED_MANAGER = 'kubectl-client-side-apply';
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * What a real server does around a write: identity and timestamps, generation, status rules of
 * the subresources, defaulting, managedFields, finalizers, and the side effects of CRDs and
 * namespaces. Handlers and the direct store both write through here.
 */
export class ObjectWriter {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: ObjectStore,
    private readonly defaulter: (object: KubeObject) => KubeObject = (o) => o,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  create(type: ResourceType, input: KubeObject, request: WriteRequest): KubeObject {
    const object = cloneJson(input);
    const metadata = object.metadata;
    if (!metadata.name && typeof metadata.generateName === 'string') metadata.name = metadata.generateName + randomSuffix();
    if (!metadata.name) {
      throw invalid(type.kind, type.group, '', 'metadata.name', 'Required value: name or generateName is required');
    }
    if (!type.namespaced) delete metadata.namespace;
    if (this.store.peek(bucketOf(type), metadata.namespace, metadata.name)) throw alreadyExists(type, metadata.name);
    const now = this.clock();
    object.apiVersion = apiVersionOf(type);
    object.kind = type.kind;
    if (!request.direct || !metadata.uid) metadata.uid = randomUUID();
    if (!request.direct || !metadata.creationTimestamp) metadata.creationTimestamp = timestamp(now);
    delete metadata.resourceVersion;
    delete metadata.deletionTimestamp;
    if (type.generation) metadata.generation = 1;
    else delete metadata.generation;
    if (!request.direct && type.subresources.includes('status')) delete object.status;
    let created = this.catalog.defaultCustom(type, this.defaulter(foldStringData(type, object)));
    if (type.kind === 'CustomResourceDefinition' && type.group === 'apiextensions.k8s.io') created = withDefinitionStatus(created);
    created.metadata.managedFields = this.createdFields(type, created, request, now);
    created.metadata = orderMetadata(created.metadata);
    if (request.dryRun) return created;
    const stored = this.store.commit(bucketOf(type), created);
    if (bucketOf(type) === CRD_BUCKET) this.catalog.registerDefinition(stored);
    return stored;
  }

  update(type: ResourceType, current: KubeObject, input: KubeObject, request: WriteRequest): KubeObject {
    const name = current.metadata.name;
    const sent = input.metadata.resourceVersion;
    if (sent && sent !== current.metadata.resourceVersion && !request.direct) throw conflict(type, name);
    let next = cloneJson(input);
    if (request.subresource === 'status') next = { ...cloneJson(current), status: next.status };
    else if (!request.direct && type.subresources.includes('status')) next.status = current.status;
    if (next.status === undefined) delete next.status;
    next.apiVersion = current.apiVersion;
    next.kind = current.kind;
    next.metadata = { ...next.metadata, ...identityOf(current.metadata) };
    next = this.catalog.defaultCustom(type, this.defaulter(foldStringData(type, next)));
    next.metadata.generation = nextGeneration(type, current, next);
    if (next.metadata.generation === undefined) delete next.metadata.generation;
    next.metadata.managedFields = this.updatedFields(type, current, next, request);
    next.metadata = orderMetadata(next.metadata);
    if (isDeepStrictEqual(asJson(withoutVersion(current)), asJson(withoutVersion(next)))) return current;
    if (request.dryRun) return next;
    if (next.metadata.deletionTimestamp && !hasFinalizers(next)) {
      return this.removeNow(type, current.metadata.namespace, name) ?? next;
    }
    const stored = this.store.commit(bucketOf(type), next);
    if (bucketOf(type) === CRD_BUCKET) this.catalog.registerDefinition(stored);
    return stored;
  }

  /** Deletes at once, or only marks for deletion while finalizers remain, as the server does. */
  delete(type: ResourceType, namespace: string | undefined, name: string, dryRun = false): KubeObject {
    const current = this.store.read(bucketOf(type), namespace, name);
    if (!current) throw notFound(type, name);
    if (dryRun) return current;
    if (hasFinalizers(current)) {
      if (current.metadata.deletionTimestamp) return current;
      current.metadata.deletionTimestamp = timestamp(this.clock());
      current.metadata.deletionGracePeriodSeconds = 0;
      current.metadata = orderMetadata(current.metadata);
      return this.store.commit(bucketOf(type), current);
    }
    return this.removeNow(type, namespace, name) ?? current;
  }

  private removeNow(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const removed = this.store.remove(bucketOf(type), namespace, name);
    if (!removed) return undefined;
    if (bucketOf(type) === CRD_BUCKET) this.removeDefinition(removed);
    if (bucketOf(type) === NAMESPACE_BUCKET) this.removeNamespaceContents(name);
    return removed;
  }

  private removeDefinition(crd: KubeObject): void {
    const served = this.catalog.all().find((t) => `${t.resource}.${t.group}` === crd.metadata.name);
    this.catalog.unregisterDefinition(crd.metadata.name);
    if (!served) return;
    for (const object of this.store.readAll(bucketOf(served))) {
      this.store.remove(bucketOf(served), object.metadata.namespace, object.metadata.name);
    }
  }

  private removeNamespaceContents(namespace: string): void {
    for (const bucket of this.store.bucketsWithObjects()) {
      for (const object of this.store.readAll(bucket, namespace)) this.store.remove(bucket, namespace, object.metadata.name);
    }
  }

  private context(type: ResourceType, manager: string, request: WriteRequest, now: Date): WriteContext {
    return {
      manager,
      operation: request.operation ?? 'Update',
      apiVersion: apiVersionOf(type),
      time: timestamp(now),
      subresource: request.subresource,
    };
  }

  private createdFields(type: ResourceType, object: KubeObject, request: WriteRequest, now: Date): ObjectMeta['managedFields'] {
    if (!request.manager && request.direct && object.metadata.managedFields) return object.metadata.managedFields;
    const context = this.context(type, request.manager ?? SEED_MANAGER, request, now);
    return managedFieldsForCreate(request.applied ?? asJson(object), context);
  }

  private updatedFields(type: ResourceType, current: KubeObject, next: KubeObject, request: WriteRequest): ObjectMeta['managedFields'] {
    if (!request.manager) return next.metadata.managedFields ?? current.metadata.managedFields;
    const entries = current.metadata.managedFields ?? [];
    const context = this.context(type, request.manager, request, this.clock());
    if (!request.applied) return managedFieldsForUpdate(entries, asJson(current), asJson(next), context);
    const result = managedFieldsForApply(entries, asJson(current), asJson(next), request.applied, context, request.force ?? false);
    if (result.conflicts.length > 0) throw conflict(type, current.metadata.name, describeConflicts(result.conflicts));
    return result.entries;
  }
}

/** A real API server stores a Secret's stringData base64-encoded into data and never returns stringData. */
function foldStringData(type: ResourceType, object: KubeObject): KubeObject {
  if (type.kind !== 'Secret' || type.group !== '' || typeof object.stringData !== 'object' || object.stringData === null) return object;
  const data: Record<string, string> = { ...(object.data as Record<string, string> | undefined) };
  for (const [key, value] of Object.entries(object.stringData as Record<string, unknown>)) data[key] = Buffer.from(String(value)).toString('base64');
  const { stringData: _folded, ...rest } = object;
  return { ...rest, data } as KubeObject;
}

function identityOf(metadata: ObjectMeta): Partial<ObjectMeta> {
  const { name, namespace, uid, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, resourceVersion } = metadata;
  const identity: Partial<ObjectMeta> = { name, namespace, uid, creationTimestamp, resourceVersion };
  if (deletionTimestamp !== undefined) Object.assign(identity, { deletionTimestamp, deletionGracePeriodSeconds });
  if (namespace === undefined) delete identity.namespace;
  return identity;
}

/** generation counts changes to anything but metadata (and status, when status is its own subresource). */
function nextGeneration(type: ResourceType, current: KubeObject, next: KubeObject): number | undefined {
  if (!type.generation) return undefined;
  const generation = typeof current.metadata.generation === 'number' ? current.metadata.generation : 1;
  const content = (o: KubeObject): JsonObject => {
    const { metadata: _metadata, status, ...rest } = asJson(o);
    return type.subresources.includes('status') ? rest : { ...rest, status: status ?? null };
  };
  return isDeepStrictEqual(content(current), content(next)) ? generation : generation + 1;
}

function withoutVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _rv, ...metadata } = object.metadata;
  return asKubeObject({ ...asJson(object), metadata: metadata as unknown as JsonObject });
}

function hasFinalizers(object: KubeObject): boolean {
  const finalizers = object.metadata.finalizers;
  return Array.isArray(finalizers) && finalizers.length > 0;
}

function randomSuffix(): string {
  return Array.from({ length: 5 }, () => NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)]).join('');
}
