import type { JsonObject, JsonValue } from './json.js';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update' | string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: JsonObject;
  subresource?: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  managedFields?: ManagedFieldsEntry[];
  resourceVersion?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  [key: string]: JsonValue | undefined | ManagedFieldsEntry[] | Record<string, string>;
}

/** A Kubernetes object as plain JSON: a Git manifest or a live object with kind and apiVersion set. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}
