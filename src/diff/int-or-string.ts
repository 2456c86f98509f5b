/**
 * Fields typed IntOrString: Git may write `"8080"` where the server returns 8080. A string that
 * is not all digits (`http`, `25%`) is a port name or a percentage and only equals itself.
 */
const INT_OR_STRING_FIELDS = new Set(['targetPort', 'port', 'maxSurge', 'maxUnavailable', 'minAvailable']);

export function isIntOrStringPath(path: readonly string[]): boolean {
  const last = path[path.length - 1];
  return last !== undefined && INT_OR_STRING_FIELDS.has(last);
}

export function intOrStringEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'string') return /^\d+$/.test(b) && Number(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return /^\d+$/.test(a) && Number(a) === b;
  return false;
}
