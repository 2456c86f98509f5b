import { createHash } from 'node:crypto';
import { objectKey, type DriftResult, type JsonValue } from '../model/index.js';

function canonical(value: JsonValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 of the drift a pull request stands for: objects, status, verdict and changes, in a
 * canonical order. Actors and times are left out on purpose: a second write of the same value
 * is the same drift and must not touch the pull request.
 */
export function fingerprintDrift(results: readonly DriftResult[], codifyDeletions: boolean): string {
  const entries = results
    .filter((result) => result.status === 'Drifted' || result.status === 'Missing')
    .map((result) => ({
      key: objectKey(result.object),
      status: result.status,
      verdict: result.verdict,
      source: `${result.source.path}#${result.source.document}`,
      changes: result.changes
        .map((change) => canonical({ op: change.op, path: change.path, baseline: change.baseline ?? null, live: change.live ?? null, redacted: change.redacted ?? false }))
        .sort(),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return createHash('sha256')
    .update(canonical({ codifyDeletions, entries }))
    .digest('hex');
}
