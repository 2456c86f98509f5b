/**
 * What an API server added to an object it was sent: every field present in what it returned and
 * absent from what it was given, as the diff engine would ask the defaults table about it.
 */
import type { JsonObject, JsonValue, KubeObject } from '../../src/model/index.js';
import { isJsonObject } from '../../src/model/index.js';

export interface AddedField {
  /** Segments from the object root with list indexes as '*', the table's addressing. */
  path: string[];
  /** RFC 6901 pointer with real indexes, for messages. */
  pointer: string;
  value: JsonValue;
  parent: JsonObject;
}

export interface ServerAdditions {
  added: AddedField[];
  /** Fields whose value the server changed (never a default: the table cannot explain them). */
  changed: string[];
}

/** Per-object bookkeeping the diff never compares (see src/diff/normalize-metadata.ts). */
const BOOKKEEPING = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation']);

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function serverAdditions(sent: KubeObject, returned: KubeObject): ServerAdditions {
  const result: ServerAdditions = { added: [], changed: [] };
  const walk = (given: JsonValue | undefined, got: JsonValue, path: string[], pointer: string, parent: JsonObject, key: string): void => {
    if (given === undefined) {
      result.added.push({ path, pointer, value: got, parent });
      return;
    }
    if (Array.isArray(got) && Array.isArray(given)) {
      got.forEach((item, index) => walk(given[index], item, [...path, '*'], `${pointer}/${index}`, parent, key));
      return;
    }
    if (isJsonObject(got) && isJsonObject(given)) {
      for (const child in got) walk(given[child], got[child] as JsonValue, [...path, child], `${pointer}/${escape(child)}`, got, child);
      return;
    }
    if (JSON.stringify(given) !== JSON.stringify(got)) result.changed.push(`${pointer}: ${JSON.stringify(given)} -> ${JSON.stringify(got)}`);
  };
  const root = returned as unknown as JsonObject;
  const given = sent as unknown as JsonObject;
  for (const key in root) {
    if (key === 'status') continue;
    if (key === 'metadata' && isJsonObject(root.metadata)) {
      const metadata = root.metadata;
      const givenMetadata = isJsonObject(given.metadata) ? given.metadata : {};
      for (const field in metadata) {
        if (BOOKKEEPING.has(field)) continue;
        walk(givenMetadata[field], metadata[field] as JsonValue, ['metadata', field], `/metadata/${field}`, metadata, field);
      }
      continue;
    }
    walk(given[key], root[key] as JsonValue, [key], `/${escape(key)}`, root, key);
  }
  return result;
}
