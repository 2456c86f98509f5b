import { compileTable } from './compile-table.js';
import { DEFAULT_TABLE } from './table.js';
import type { DefaultContext, DefaultMatch } from './types.js';

const compiled = compileTable(DEFAULT_TABLE);

/** Whether the API server filled in this live-only field, and why; undefined when a person did. */
export function matchServerDefault(ctx: DefaultContext): DefaultMatch | undefined {
  return compiled.match(ctx);
}
