import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BUILTIN_POLICY_NAMES,
  builtinPolicy,
  compilePolicies,
  parsePolicyDocuments,
  PolicyError,
  type CompiledPolicySet,
  type LoadedPolicy,
} from '../policy/index.js';

const BUILTIN_PREFIX = 'builtin:';
const POLICY_FILE = /\.ya?ml$/i;

/** One `--policy` value's files, or the built-in pack it names. */
export interface PolicySource {
  spec: string;
  /** Paths as messages show them: relative to cwd when below it. */
  files: string[];
  builtin?: LoadedPolicy[];
}

/**
 * Reads `--policy <file|dir|builtin:name>` values (directories recursively, .yaml/.yml) and
 * compiles them as one set. Throws PolicyError for anything unreadable or invalid: nothing is
 * scanned with a half-loaded policy.
 */
export async function loadPolicySources(specs: string[], cwd: string): Promise<CompiledPolicySet> {
  const loaded: LoadedPolicy[] = [];
  for (const source of await resolvePolicySources(specs, cwd)) {
    if (source.builtin) loaded.push(...source.builtin);
    for (const file of source.files) loaded.push(...(await readPolicyFile(file, cwd)));
  }
  return compilePolicies(loaded);
}

export async function resolvePolicySources(specs: string[], cwd: string): Promise<PolicySource[]> {
  const sources: PolicySource[] = [];
  for (const spec of specs) {
    if (spec.startsWith(BUILTIN_PREFIX)) {
      const builtin = builtinPolicy(spec.slice(BUILTIN_PREFIX.length));
      if (!builtin) throw new PolicyError({ origin: spec }, `unknown built-in policy; known: ${BUILTIN_POLICY_NAMES.map((n) => BUILTIN_PREFIX + n).join(', ')}`);
      sources.push({ spec, files: [], builtin });
    } else {
      sources.push({ spec, files: await listPolicyFiles(spec, cwd) });
    }
  }
  return sources;
}

export async function readPolicyFile(file: string, cwd: string): Promise<LoadedPolicy[]> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new PolicyError({ origin: file }, `cannot read: ${describeIoError(error)}`, { cause: error });
  }
  return parsePolicyDocuments(text, file);
}

async function listPolicyFiles(spec: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, spec);
  const shown = displayPath(absolute, cwd);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(absolute)).isDirectory();
  } catch (error) {
    throw new PolicyError({ origin: shown }, `cannot read: ${describeIoError(error)}`, { cause: error });
  }
  if (!isDirectory) return [shown];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && POLICY_FILE.test(entry.name))
    .map((entry) => displayPath(path.join(entry.parentPath, entry.name), cwd))
    .sort();
  if (files.length === 0) throw new PolicyError({ origin: shown }, 'no .yaml or .yml files in this directory');
  return files;
}

function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** One line for a failed read, without the absolute path Node puts in its messages. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
