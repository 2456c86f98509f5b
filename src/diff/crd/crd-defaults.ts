import { groupOf, versionOf, type KubeObject } from '../../model/index.js';
import type { Normalizer } from '../normalizer.js';
import { isSchemaDefault, schemaNodeAt } from './crd-schema.js';
import type { CrdSchemas } from './crd-schemas.js';

/**
 * The defaults of the CRD schemas the cluster serves, as a normalizer: a field of a custom
 * resource that live has and Git lacks is the server's when it equals its schema default (with
 * the defaults below it applied), and lists pair by their x-kubernetes-list-map-keys.
 */
export function crdDefaults(schemas: Pick<CrdSchemas, 'lookup'>): Normalizer {
  return {
    name: 'crd-defaults',
    forObject(live: KubeObject) {
      const crd = schemas.lookup(groupOf(live.apiVersion), live.kind, versionOf(live.apiVersion));
      const root = crd?.schema;
      if (!root) return undefined;
      const detail = (path: readonly string[]) => `default of ${path.join('.')} in the schema of CRD ${crd.kind}.${crd.group}/${crd.version}`;
      return {
        explainAdded: (field) => (isSchemaDefault(root, field.path, field.value) ? { reason: 'default', detail: detail(field.path) } : undefined),
        listKey: (pattern) => schemaNodeAt(root, pattern)?.listKey,
      };
    },
  };
}
