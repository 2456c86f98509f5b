/** RFC 6901: `~` becomes `~0` and `/` becomes `~1` (annotation keys such as `app.kubernetes.io/name` hold slashes). */
const NEEDS_ESCAPE = /[~/]/;

export function escapeSegment(segment: string): string {
  if (!NEEDS_ESCAPE.test(segment)) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function toPointer(segments: readonly string[]): string {
  let pointer = '';
  for (const segment of segments) pointer += `/${escapeSegment(segment)}`;
  return pointer;
}

export type PointerMatcher = (segments: readonly string[]) => boolean;

/**
 * Compiles pointers that may use `*` for any list element or map key. A path matches when a
 * pointer names it or one of its ancestors, so ignoring `/spec/replicas` also ignores whatever
 * lies below it.
 */
export function compilePointerMatcher(pointers: readonly string[]): PointerMatcher {
  const patterns = pointers.map((pointer) =>
    pointer === '' ? [] : pointer.replace(/^\//, '').split('/').map(unescapeSegment),
  );
  if (patterns.length === 0) return () => false;
  return (segments) =>
    patterns.some(
      (pattern) =>
        pattern.length <= segments.length &&
        pattern.every((part, i) => part === '*' || part === segments[i]),
    );
}
