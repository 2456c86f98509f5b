import { isJsonObject, mergeKeysFor, sameListElement, type JsonValue } from '../model/index.js';

/**
 * Whether applying a strategic-merge patch document writes the field at `segments` of the live
 * object (RFC 6901 segments, list indexes as live has them). A list with merge keys is entered at
 * the patch element with the live element's keys; any other list is replaced whole, so a patch
 * holding it writes every element. A key set to null deletes the field: that writes it too.
 */
export function strategicMergeWrites(patch: JsonValue, live: unknown, segments: readonly string[]): boolean {
  let cursor: JsonValue | undefined = patch;
  let liveCursor: unknown = live;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (cursor === null) return true;
    if (Array.isArray(cursor)) {
      const keys = mergeKeysFor(segments.slice(0, i));
      if (!keys || !Array.isArray(liveCursor)) return true;
      const element: unknown = liveCursor[Number(segment)];
      const match: JsonValue | undefined = cursor.find((candidate) => sameListElement(candidate, element, keys));
      if (match === undefined) return false;
      cursor = match;
      liveCursor = element;
      continue;
    }
    if (!isJsonObject(cursor)) return true;
    if (!(segment in cursor)) return false;
    cursor = cursor[segment];
    liveCursor = isJsonObject(liveCursor) || Array.isArray(liveCursor) ? (liveCursor as Record<string, unknown>)[segment] : undefined;
  }
  return true;
}

/** Whether a JSON 6902 operation writes the field, a field inside it, or a field that holds it. */
export function json6902Writes(operation: JsonValue, segments: readonly string[]): boolean {
  if (!isJsonObject(operation) || typeof operation.path !== 'string' || operation.op === 'test') return false;
  return pointersOverlap(operation.path.split('/').slice(1).map(unescape), segments);
}

/**
 * Whether a replacement's `fieldPath` (`spec.template.spec.containers.[name=web].image`) names the
 * field, read against the live object to resolve `[key=value]` and `*` in lists.
 */
export function fieldPathWrites(fieldPath: string, live: unknown, segments: readonly string[]): boolean {
  const parts = splitFieldPath(fieldPath);
  let cursor: unknown = live;
  const resolved: string[] = [];
  for (const [i, part] of parts.entries()) {
    const wanted = segments[i];
    if (Array.isArray(cursor)) {
      const selectorMatch = part.match(/^\[(.+?)=(.*)\]$/);
      let index: number;
      if (part === '*' || part === '-') index = Number(wanted);
      else if (selectorMatch) index = cursor.findIndex((element) => isJsonObject(element) && String(element[selectorMatch[1]!]) === selectorMatch[2]);
      else index = Number(part);
      if (!Number.isInteger(index) || index < 0) return false;
      resolved.push(String(index));
      cursor = cursor[index];
    } else {
      resolved.push(part);
      cursor = isJsonObject(cursor) ? cursor[part] : undefined;
    }
  }
  return pointersOverlap(resolved, segments);
}

function pointersOverlap(a: readonly string[], b: readonly string[]): boolean {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) if (a[i] !== b[i] && a[i] !== '-' && b[i] !== '-') return false;
  return true;
}

function splitFieldPath(fieldPath: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of fieldPath) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.filter((part) => part !== '');
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
