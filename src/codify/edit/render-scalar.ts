import { parse, Scalar } from 'yaml';
import type { JsonPrimitive } from '../../model/index.js';
import { pad } from './text-layout.js';

/**
 * kubectl reads YAML through sigs.k8s.io/yaml, which resolves plain scalars by YAML 1.1 rules:
 * `on`, `yes`, `012`, `1_000`, `1:30`, `2026-01-01` are not strings there. A string we write
 * must read back as the same string under 1.1 and 1.2, so anything that looks like one of
 * these is quoted.
 */
const AMBIGUOUS_PLAIN = [
  /^(y|yes|n|no|true|false|on|off)$/i,
  /^(~|null)$/i,
  /^[-+]?[0-9_.]*[0-9][0-9_.]*([eE][-+]?[0-9]+)?$/,
  /^[-+]?0[xXoObB][0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
  /^[-+]?\.(inf|nan)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
  /^(=|<<)$/,
];

/** Control characters, C1 controls, Unicode line separators and the BOM: only escaped forms are safe. */
function hasUnprintable(value: string, allowTabAndNewline: boolean): boolean {
  return [...value].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    if (allowTabAndNewline && (code === 0x09 || code === 0x0a)) return false;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
  });
}

function readsBackAs(source: string, version: '1.1' | '1.2'): unknown {
  try {
    return parse(source, { version });
  } catch {
    return undefined;
  }
}

function isPlainSafe(value: string, inFlow: boolean): boolean {
  if (value === '' || value !== value.trim() || hasUnprintable(value, false)) return false;
  if (AMBIGUOUS_PLAIN.some((pattern) => pattern.test(value))) return false;
  if (/^[,[\]{}#&*!|>'"%@`]/.test(value) || /^[-?:](\s|$)/.test(value)) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  if (/^(---|\.\.\.)/.test(value)) return false;
  if (inFlow && /[,[\]{}:]/.test(value)) return false;
  return readsBackAs(value, '1.2') === value && readsBackAs(value, '1.1') === value;
}

function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function singleQuoted(value: string): string | undefined {
  return hasUnprintable(value, false) ? undefined : `'${value.replace(/'/g, "''")}'`;
}

/**
 * A literal block keeps a multi-line string readable. Strings whose first line starts with
 * whitespace (needs an indentation indicator), with whitespace-only lines, or with more than
 * one trailing newline (keep chomping would swallow blank lines that follow) are double-quoted
 * instead: always correct, if less pretty.
 */
export function canBeLiteral(value: string): boolean {
  if (!value.includes('\n') || hasUnprintable(value, true)) return false;
  if (value.trim() === '' || value.endsWith('\n\n')) return false;
  const lines = value.replace(/\n$/, '').split('\n');
  if (lines.some((line) => line !== '' && line.trim() === '')) return false;
  const first = lines.find((line) => line !== '');
  return first !== undefined && !/^\s/.test(first);
}

export function renderLiteral(value: string, contentColumn: number): string {
  const clip = value.endsWith('\n');
  const lines = (clip ? value.slice(0, -1) : value).split('\n');
  const body = lines.map((line) => (line === '' ? '' : pad(contentColumn) + line));
  return [`|${clip ? '' : '-'}`, ...body].join('\n');
}

export interface ScalarStyle {
  json: boolean;
  inFlow: boolean;
  /** The style of the value being replaced, kept when the new value allows it. */
  previous?: Scalar.Type;
  /** Column for the content of a literal block; literal blocks are not allowed without it. */
  literalColumn?: number;
}

export function renderScalar(value: JsonPrimitive, style: ScalarStyle): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (style.json) return JSON.stringify(value);
  if (style.literalColumn !== undefined && canBeLiteral(value)) return renderLiteral(value, style.literalColumn);
  if (style.previous === Scalar.QUOTE_SINGLE && !value.includes('\n')) {
    const single = singleQuoted(value);
    if (single !== undefined) return single;
  }
  if (style.previous === Scalar.QUOTE_DOUBLE) return doubleQuoted(value);
  return isPlainSafe(value, style.inFlow) ? value : doubleQuoted(value);
}

export function renderKey(key: string, json: boolean, inFlow: boolean): string {
  return json ? JSON.stringify(key) : isPlainSafe(key, inFlow) ? key : doubleQuoted(key);
}
