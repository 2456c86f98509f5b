import type { Change } from '../model/drift.js';
import type { JsonValue } from '../model/json.js';
import type { DriftResult } from '../model/report.js';

/** Compact one-line JSON for a value in a human report, shortened so a line stays readable. */
export function renderValue(value: JsonValue | undefined, maxLength = 80): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

export function renderChange(change: Change): string {
  if (change.op === 'add') return `+ ${change.path}: ${renderValue(change.live)}`;
  if (change.op === 'remove') return `- ${change.path}: ${renderValue(change.baseline)}`;
  return `~ ${change.path}: ${renderValue(change.baseline)} -> ${renderValue(change.live)}`;
}

export function renderSource(result: DriftResult): string {
  const { path, document, root } = result.source;
  return `${path}#${document}${root === undefined ? '' : ` (${root})`}`;
}

export function renderActors(result: DriftResult): string {
  return result.actors.map((a) => `${a.manager}${a.time ? ` at ${a.time}` : ''}`).join(', ');
}
