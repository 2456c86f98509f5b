import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, JsonValue, KubeObject } from '../../model/index.js';
import { isJsonObject } from '../../model/index.js';
import type { ListKey } from '../normalizer.js';

/**
 * What the diff needs of a CRD's structural schema (apiextensions.k8s.io/v1): the `default` of
 * each field and how lists pair (`x-kubernetes-list-type` / `x-kubernetes-list-map-keys`). Only
 * nodes that hold either, or lead to one that does, are kept.
 */
export interface SchemaNode {
  /** The schema default with the defaults below it applied, as the server stores it. */
  default?: JsonValue;
  properties?: ReadonlyMap<string, SchemaNode>;
  additional?: SchemaNode;
  items?: SchemaNode;
  listKey?: ListKey;
}

/** One served version of a custom resource. */
export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  schema: SchemaNode | undefined;
  /** `.spec.replicas` of the scale subresource, as segments. */
  replicasPath?: readonly string[];
}

function compileNode(schema: unknown): SchemaNode | undefined {
  if (!isJsonObject(schema)) return undefined;
  const node: { -readonly [K in keyof SchemaNode]: SchemaNode[K] } = {};
  if (isJsonObject(schema.properties)) {
    const properties = new Map<string, SchemaNode>();
    for (const [name, child] of Object.entries(schema.properties)) {
      const compiled = compileNode(child);
      if (compiled) properties.set(name, compiled);
    }
    if (properties.size > 0) node.properties = properties;
  }
  node.additional = compileNode(schema.additionalProperties);
  node.items = compileNode(schema.items);
  const listType = schema['x-kubernetes-list-type'];
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (listType === 'set') node.listKey = { set: true };
  else if (listType === 'map' && Array.isArray(mapKeys) && mapKeys.every((k) => typeof k === 'string')) {
    const keyDefaults: Record<string, JsonValue> = {};
    for (const key of mapKeys) {
      const value = node.items?.properties?.get(key)?.default;
      if (value !== undefined) keyDefaults[key] = value;
    }
    node.listKey = { fields: mapKeys, defaults: keyDefaults };
  }
  if (schema.default !== undefined) node.default = applySchemaDefaults(schema.default as JsonValue, node);
  const kept = Object.values(node).some((value) => value !== undefined);
  return kept ? node : undefined;
}

/**
 * The apiextensions structural defaulting algorithm (apiextensions-apiserver
 * pkg/apiserver/schema/defaulting/algorithm.go): a missing or null field with a default gets a
 * copy of it, then every field is defaulted below, so a default's own fields are defaulted too.
 * Returns a defaulted copy.
 */
export function applySchemaDefaults(value: JsonValue, node: SchemaNode | undefined): JsonValue {
  if (!node) return value;
  if (Array.isArray(value)) return value.map((item) => applySchemaDefaults(item, node.items));
  if (!isJsonObject(value)) return value;
  const result: JsonObject = { ...value };
  for (const [name, child] of node.properties ?? []) {
    if ((result[name] === undefined || result[name] === null) && child.default !== undefined) result[name] = copyJson(child.default);
  }
  for (const name of Object.keys(result)) {
    const child = node.properties?.get(name) ?? node.additional;
    if (child) result[name] = applySchemaDefaults(result[name] as JsonValue, child);
  }
  return result;
}

function copyJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const key in value) copy[key] = copyJson(value[key] as JsonValue);
  return copy;
}

/** The node at a path whose list indexes are '*'. */
export function schemaNodeAt(root: SchemaNode | undefined, path: readonly string[]): SchemaNode | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    node = segment === '*' && node.items ? node.items : (node.properties?.get(segment) ?? node.additional);
  }
  return node;
}

export function isSchemaDefault(root: SchemaNode | undefined, path: readonly string[], value: JsonValue): boolean {
  const node = schemaNodeAt(root, path);
  return node?.default !== undefined && isDeepStrictEqual(node.default, value);
}

/** Every version a CustomResourceDefinition serves, compiled. */
export function compileCrd(crd: KubeObject): CrdVersion[] {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  const group = typeof spec.group === 'string' ? spec.group : '';
  const kind = typeof names.kind === 'string' ? names.kind : '';
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  return versions.map((version) => {
    const schema = isJsonObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
    const scale = isJsonObject(version.subresources) && isJsonObject(version.subresources.scale) ? version.subresources.scale : undefined;
    const replicas = typeof scale?.specReplicasPath === 'string' ? scale.specReplicasPath.replace(/^\./, '').split('.') : undefined;
    return { group, kind, version: String(version.name), schema: compileNode(schema), ...(replicas ? { replicasPath: replicas } : {}) };
  });
}
