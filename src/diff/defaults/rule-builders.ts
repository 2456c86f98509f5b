import type { JsonValue } from '../../model/index.js';
import type { DefaultContext, DefaultRule } from './types.js';

function show(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A field the API server sets to one fixed value; `field` names it as the API reference does. */
export function fixed(path: DefaultRule['path'], value: JsonValue, field: string, why = ''): DefaultRule {
  return { path, value, detail: `API server default for ${field} (${show(value)}${why ? ` ${why}` : ''})` };
}

/** A field the API server derives from the rest of the object. */
export function derived(
  path: DefaultRule['path'],
  matches: (ctx: DefaultContext) => boolean,
  detail: string,
): DefaultRule {
  return { path, matches, detail };
}

/** A value the server or a controller assigns (an IP, a port, a bound volume, a uid). */
export function allocated(
  path: DefaultRule['path'],
  matches: (ctx: DefaultContext) => boolean,
  detail: string,
): DefaultRule {
  return { path, matches, reason: 'allocated', detail };
}
