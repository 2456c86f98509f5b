import { createHash } from 'node:crypto';
import type { Change, JsonValue, Suppression } from '../model/index.js';
import { REDACTED, isJsonObject } from '../model/index.js';

/** A stable, non-reversible name for a Secret value (its decoded bytes), for comparing and logging. */
export function secretFingerprint(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The decoded bytes of each key a Secret will hold: `data` is base64, `stringData` is plain text
 * and wins over `data` for the same key, as the API server merges them on write.
 */
export function secretValues(data: unknown, stringData?: unknown): Map<string, { bytes: Buffer; fromStringData: boolean }> {
  const values = new Map<string, { bytes: Buffer; fromStringData: boolean }>();
  if (isJsonObject(data)) {
    for (const key in data) {
      const value = data[key];
      // An empty value comes back from the API server as null.
      if (typeof value === 'string' || value === null) values.set(key, { bytes: Buffer.from(value ?? '', 'base64'), fromStringData: false });
    }
  }
  if (isJsonObject(stringData)) {
    for (const key in stringData) {
      const value = stringData[key];
      if (typeof value === 'string') values.set(key, { bytes: Buffer.from(value, 'utf8'), fromStringData: true });
    }
  }
  return values;
}

// Shorter values would redact unrelated text ("1", "true"); they are still redacted on an exact match.
const MIN_EMBEDDED_LENGTH = 4;

/**
 * Every spelling in which a Secret's values could leak into a label, an annotation or any other
 * change value: plain text, base64 as stored, base64 as written in Git, and the JSON-escaped form
 * a last-applied-configuration would hold.
 */
export function secretNeedles(values: Iterable<{ bytes: Buffer }>, rawStrings: Iterable<string>): string[] {
  const needles = new Set<string>();
  const add = (text: string): void => {
    if (text.length > 0) needles.add(text);
    const escaped = JSON.stringify(text).slice(1, -1);
    if (escaped !== text) needles.add(escaped);
  };
  for (const { bytes } of values) {
    add(bytes.toString('utf8'));
    add(bytes.toString('base64'));
  }
  for (const raw of rawStrings) add(raw);
  return [...needles];
}

function leaks(value: JsonValue | undefined, needles: readonly string[]): boolean {
  if (typeof value === 'string') {
    return needles.some((needle) => value === needle || (needle.length >= MIN_EMBEDDED_LENGTH && value.includes(needle)));
  }
  if (Array.isArray(value)) return value.some((item) => leaks(item, needles));
  if (isJsonObject(value)) return Object.keys(value).some((key) => leaks(value[key], needles));
  return false;
}

/** Replaces any change value that holds a Secret value, in any spelling, by REDACTED. */
export function redactChanges(changes: Change[], needles: readonly string[]): void {
  if (needles.length === 0) return;
  for (const change of changes) {
    if (change.redacted) continue;
    let redacted = false;
    if (change.baseline !== undefined && leaks(change.baseline, needles)) {
      change.baseline = REDACTED;
      redacted = true;
    }
    if (change.live !== undefined && leaks(change.live, needles)) {
      change.live = REDACTED;
      redacted = true;
    }
    if (redacted) change.redacted = true;
  }
}

/** Suppression details quote values only for quantities and ports; in a Secret, not even those. */
export function redactSuppressions(suppressed: Suppression[], needles: readonly string[]): void {
  for (const suppression of suppressed) {
    if (suppression.detail !== undefined && leaks(suppression.detail, needles)) suppression.detail = REDACTED;
  }
}
