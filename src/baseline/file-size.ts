export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_FILE_SIZE = '5Mi';

/** Beyond this a file cannot be read into one string (V8 caps strings near 512 MiB). */
const LIMIT_BYTES = 512 * 1024 * 1024;
const SIZE = /^(\d+)(Ki|Mi|Gi|k|M|G)?B?$/;
const FACTOR: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };

/**
 * A per-file size limit as people write it for Kubernetes (`8Mi`, `512Ki`, `10M`, a byte count;
 * a trailing `B` is allowed), in bytes; or why it is refused.
 */
export function parseFileSize(text: string): { bytes: number } | { reason: string } {
  const match = SIZE.exec(text.trim());
  if (!match) return { reason: `must be a size such as 8Mi, 512Ki or 10M (got "${text}")` };
  const bytes = Number(match[1]) * (match[2] ? (FACTOR[match[2]] ?? 1) : 1);
  if (bytes < 1 || bytes > LIMIT_BYTES) return { reason: `must be between 1 byte and 512Mi (got "${text}")` };
  return { bytes };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
