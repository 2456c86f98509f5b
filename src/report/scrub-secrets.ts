import type { KubeObject } from '../model/kube-object.js';
import { REDACTED, type Change } from '../model/drift.js';
import type { DriftReport } from '../model/report.js';

// The diff already reports Secret changes redacted; this is the last line of defence on the
// finished text, so a value that slipped through any other field (an annotation, an error
// message) is still never printed. Very short values are skipped: replacing every "a" or "1"
// in a report would wreck it and such values are not secrets worth the name.
const MIN_SECRET_LENGTH = 4;

export function collectSecretValues(objects: Iterable<KubeObject>): string[] {
  const values = new Set<string>();
  for (const object of objects) {
    if (object.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData'] as const) {
      const entries = object[field];
      if (typeof entries !== 'object' || entries === null) continue;
      for (const raw of Object.values(entries as Record<string, unknown>)) {
        if (typeof raw !== 'string') continue;
        const plain = field === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
        for (const form of spellings(plain)) if (form.length >= MIN_SECRET_LENGTH) values.add(form);
      }
    }
  }
  // Longest first, so a value that contains another is replaced whole.
  return [...values].sort((a, b) => b.length - a.length);
}

function spellings(plain: string): string[] {
  const escaped = JSON.stringify(plain).slice(1, -1);
  const base64 = Buffer.from(plain, 'utf8').toString('base64');
  return [plain, escaped, base64, base64.replace(/=+$/, ''), JSON.stringify(escaped).slice(1, -1)];
}

/**
 * The report with every string scrubbed, for formatting. Scrubbing only the finished text is not
 * enough: the table and markdown shorten long values, and a secret cut in half by the shortening
 * no longer matches, so its first characters would be printed.
 */
export function scrubReportValues<T>(value: T, secretValues: readonly string[]): T {
  if (secretValues.length === 0) return value;
  return scrubDeep(value, secretValues) as T;
}

function scrubDeep(value: unknown, secretValues: readonly string[]): unknown {
  if (typeof value === 'string') return scrubSecretValues(value, secretValues);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secretValues));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, secretValues)]));
}

export function scrubSecretValues(text: string, secretValues: readonly string[]): string {
  let scrubbed = text;
  for (const value of secretValues) if (scrubbed.includes(value)) scrubbed = scrubbed.split(value).join(REDACTED);
  return scrubbed;
}

/**
 * The report as the codify stage may use it: a change whose value contains a Secret's value (a
 * password pasted into a ConfigMap, say) is marked redacted, so it is neither written to Git nor
 * shown in a pull request; the rest of the report is scrubbed as for printing.
 */
export function redactSecretChanges(report: DriftReport, secretValues: readonly string[]): DriftReport {
  if (secretValues.length === 0) return report;
  const holdsSecret = (value: unknown) => value !== undefined && secretValues.some((secret) => JSON.stringify(value).includes(secret) || String(value).includes(secret));
  const results = report.results.map((result) => ({
    ...result,
    changes: result.changes.map((change): Change =>
      change.redacted || (!holdsSecret(change.baseline) && !holdsSecret(change.live))
        ? change
        : {
            op: change.op,
            path: change.path,
            ...(change.baseline !== undefined ? { baseline: REDACTED } : {}),
            ...(change.live !== undefined ? { live: REDACTED } : {}),
            redacted: true,
          },
    ),
  }));
  return scrubReportValues({ ...report, results }, secretValues);
}
