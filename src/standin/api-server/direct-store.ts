import type { KubeObject } from '../../model/index.js';
import type { ObjectLocator, StandInStore } from './api-types.js';
import type { Catalog } from './catalog.js';
import { cloneJson } from './json-util.js';
import type { ObjectStore } from './object-store.js';
import type { ObjectWriter } from './object-writer.js';
import { bucketOf, type ResourceType } from './resource-type.js';

/** The store as tests and the demo use it: by apiVersion and kind, through the same write rules as the API. */
export function directStore(catalog: Catalog, store: ObjectStore, writer: ObjectWriter): StandInStore {
  const typeOf = (apiVersion: string, kind: string): ResourceType => {
    const type = catalog.findByKind(apiVersion, kind);
    if (!type) throw new Error(`the stand-in API server does not serve ${kind} in ${apiVersion}`);
    return type;
  };
  return {
    get resourceVersion() {
      return String(store.resourceVersion);
    },
    get: (ref) => store.read(bucketOf(typeOf(ref.apiVersion, ref.kind)), ref.namespace, ref.name),
    list: (apiVersion, kind, namespace) => store.readAll(bucketOf(typeOf(apiVersion, kind)), namespace),
    put(object: KubeObject, options = {}) {
      const type = typeOf(object.apiVersion, object.kind);
      const current = store.read(bucketOf(type), object.metadata.namespace, object.metadata.name);
      const request = { direct: true, manager: options.manager, subresource: options.subresource };
      return cloneJson(current ? writer.update(type, current, object, request) : writer.create(type, object, request));
    },
    delete(ref: ObjectLocator) {
      const type = typeOf(ref.apiVersion, ref.kind);
      if (!store.read(bucketOf(type), ref.namespace, ref.name)) return undefined;
      return cloneJson(writer.delete(type, ref.namespace, ref.name));
    },
  };
}
