import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandIO } from '../../../src/cli/command.js';

export interface FakeIO extends CommandIO {
  out: () => string;
  err: () => string;
}

export function fakeIO(cwd: string): FakeIO {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

const roots: string[] = [];

/** A temporary directory holding the given files (paths relative to it); see removeTempTrees. */
export async function tempTree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'driftback-policy-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

export function policyText(name: string, rules: Array<Record<string, unknown>>): string {
  const body = rules.map((rule) => `    - ${JSON.stringify({ message: 'violated', ...rule })}`);
  return ['apiVersion: driftback.dev/v1alpha1', 'kind: DriftPolicy', `metadata: { name: ${name} }`, 'spec:', '  rules:', ...body, ''].join('\n');
}

export async function removeTempTrees(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}
