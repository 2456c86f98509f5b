import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { BaselineError, loadBaseline, type LoadBaselineOptions } from '../../../src/baseline/index.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const configMap = (name: string, namespace?: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  key: ${name}\n`;

describe('loadBaseline from a real Git repository', () => {
  let repo: GitRepo;
  let tempDir: string;
  let first: string;
  let onBranch: string;
  let latest: string;

  beforeAll(() => {
    repo = createGitRepo({
      'apps/web.yaml': configMap('web', 'shop'),
      'apps/db.yml': configMap('db', 'shop'),
      'README.md': '# not a manifest\n',
    });
    first = repo.sha;
    repo.tag('v1');
    onBranch = repo.commit({ 'apps/feature.yaml': configMap('feature') }, 'feature', { branch: 'feature' });
    latest = repo.commit({ 'apps/db.yml': null, 'infra/ns.json': '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}' }, 'second');
    tempDir = mkdtempSync(join(tmpdir(), 'driftback-baseline-test-'));
  });

  afterAll(() => {
    repo.cleanup();
    rmSync(tempDir, { recursive: true, force: true });
  });

  const load = (options: Omit<LoadBaselineOptions, 'tempDir'>) => loadBaseline({ ...options, tempDir });
  const names = (manifests: readonly { ref: { name: string } }[]) => manifests.map((m) => m.ref.name);

  it('reads the default branch by file:// URL and names the commit sha', async () => {
    const baseline = await load({ repo: repo.url });
    expect(baseline.revision).toBe(latest);
    expect(baseline.repo).toBe(repo.url);
    expect(baseline.paths).toEqual(['.']);
    expect(names(baseline.manifests)).toEqual(['web', 'shop']);
    expect(baseline.manifests[0]?.source).toEqual({ path: 'apps/web.yaml', document: 0, line: 1 });
    expect(baseline.manifests[1]?.ref).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' });
    expect(baseline.problems).toEqual([]);
  });

  it('lets git use only the transports it is given (the operator passes https and ssh)', async () => {
    const error = await load({ repo: repo.url, gitProtocols: ['https', 'ssh'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as Error).message).toMatch(/transport 'file' not allowed/);
    expect(readdirSync(tempDir)).toEqual([]);
    expect((await load({ repo: repo.url, gitProtocols: ['https', 'ssh', 'file'] })).revision).toBe(latest);
  });

  it('never runs the ext:: transport when transports are limited', async () => {
    const marker = join(tempDir, 'ext-ran');
    const error = await load({ repo: `ext::sh -c touch% ${marker}`, gitProtocols: ['https', 'ssh', 'file'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaselineError);
    expect(existsSync(marker)).toBe(false);
  });

  it('stops a clone that runs past its time limit, with nothing left behind', async () => {
    const error = await load({ repo: repo.url, gitTimeoutMs: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as Error).message).toContain('git did not finish within the time allowed');
    // A caller's own signal (the scan's) does not lift the time limit.
    const withSignal = await load({ repo: repo.url, gitTimeoutMs: 1, signal: new AbortController().signal }).catch((caught: unknown) => caught);
    expect((withSignal as Error).message).toContain('git did not finish within the time allowed');
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('reads a local path relative to cwd', async () => {
    const baseline = await load({ repo: relative(dirname(repo.bare), repo.bare), cwd: dirname(repo.bare) });
    expect(baseline.revision).toBe(latest);
    expect(baseline.repo).toBe('remote.git');
  });

  it('reads a branch, a tag, a full sha and an abbreviated sha', async () => {
    expect((await load({ repo: repo.url, revision: 'feature' })).revision).toBe(onBranch);
    const tagged = await load({ repo: repo.url, revision: 'v1' });
    expect(tagged.revision).toBe(first);
    expect(names(tagged.manifests)).toEqual(['db', 'web']);
    const bySha = await load({ repo: repo.bare, revision: onBranch });
    expect(bySha.revision).toBe(onBranch);
    expect(names(bySha.manifests)).toContain('feature');
    expect((await load({ repo: repo.url, revision: first.slice(0, 10) })).revision).toBe(first);
  });

  it('falls back to a full fetch when the server refuses a commit it does not advertise', async () => {
    const buried = repo.commit({ 'apps/buried.yaml': configMap('buried') }, 'buried', { branch: 'history' });
    repo.commit({ 'apps/buried.yaml': null }, 'bury it', { branch: 'history' });
    // Protocol v0 servers only hand out commits at the tip of a ref.
    const home = mkdtempSync(join(tempDir, 'home-'));
    writeFileSync(join(home, '.gitconfig'), '[protocol]\n\tversion = 0\n');
    const previousHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const baseline = await load({ repo: repo.url, revision: buried });
      expect(baseline.revision).toBe(buried);
      expect(names(baseline.manifests)).toContain('buried');
    } finally {
      process.env.HOME = previousHome;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('reads only the requested paths', async () => {
    const baseline = await load({ repo: repo.url, paths: ['infra/'] });
    expect(baseline.paths).toEqual(['infra']);
    expect(names(baseline.manifests)).toEqual(['shop']);
  });

  it('removes its temporary checkout after success and after failure', async () => {
    await load({ repo: repo.url });
    await expect(load({ repo: repo.url, revision: 'no-such-branch' })).rejects.toThrow(BaselineError);
    await expect(load({ repo: repo.url, paths: ['missing'] })).rejects.toThrow(BaselineError);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('reads plain manifests from Git objects without writing them out, a large file whole', async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: 20_000 }, (_, i) => `  key${i}: ${'x'.repeat(40)}\n`).join('')}`;
    const plain = createGitRepo({ 'apps/big.yaml': big, 'apps/web.yaml': configMap('web', 'shop') });
    try {
      const written: string[] = [];
      const baseline = await load({
        repo: plain.url,
        onManifests: () => written.push(...readdirSync(tempDir, { recursive: true }).map(String).filter((entry) => entry.endsWith('.yaml'))),
      });
      expect(Buffer.byteLength(big)).toBeGreaterThan(1_000_000);
      expect(names(baseline.manifests)).toEqual(['big', 'web']);
      expect(Object.keys(baseline.manifests[0]!.object.data as object)).toHaveLength(20_000);
      expect(written).toEqual([]);
    } finally {
      plain.cleanup();
    }
  });

  it('a submodule is an empty directory, as in a checkout: the rest is read', async () => {
    const withSubmodule = createGitRepo({ 'apps/web.yaml': configMap('web', 'shop') });
    try {
      withSubmodule.git('update-index', '--add', '--cacheinfo', `160000,${withSubmodule.sha},vendor/charts`);
      withSubmodule.git('commit', '--quiet', '-m', 'a submodule');
      withSubmodule.git('push', '--quiet', 'origin', 'HEAD');
      const baseline = await load({ repo: withSubmodule.url });
      expect(names(baseline.manifests)).toEqual(['web']);
      expect(baseline.problems).toEqual([]);
    } finally {
      withSubmodule.cleanup();
    }
  });

  it('stops at its signal: during the clone, or between files, with the checkout removed', async () => {
    const duringClone = new AbortController();
    const cloning = load({ repo: repo.url, signal: duringClone.signal });
    duringClone.abort(new Error('the cluster is unreachable'));
    await expect(cloning).rejects.toThrow('the cluster is unreachable');

    const betweenFiles = new AbortController();
    const seen: string[] = [];
    const reading = load({
      repo: repo.url,
      signal: betweenFiles.signal,
      onManifests: (manifests) => {
        seen.push(...names(manifests));
        betweenFiles.abort(new Error('stop reading'));
      },
    });
    await expect(reading).rejects.toThrow('stop reading');
    expect(seen).toHaveLength(1);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('leaves nothing of its checkout in the OS temp directory by default, also after an error', async () => {
    const marker = `marker-${process.pid}-${Date.now()}.yaml`;
    const marked = createGitRepo({ [marker]: configMap('marked') });
    try {
      expect(names((await loadBaseline({ repo: marked.url })).manifests)).toEqual(['marked']);
      await expect(loadBaseline({ repo: marked.url, paths: ['missing'] })).rejects.toThrow(BaselineError);
      const ours = readdirSync(tmpdir())
        .filter((entry) => entry.startsWith('driftback-baseline-'))
        .filter((entry) => existsSync(join(tmpdir(), entry, 'checkout', marker)));
      expect(ours).toEqual([]);
    } finally {
      marked.cleanup();
    }
  });

  it('names repo and revision when the revision is unknown', async () => {
    const error = await load({ repo: repo.url, revision: 'no-such-branch' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as BaselineError).kind).toBe('revision');
    expect((error as BaselineError).message).toBe(
      `revision 'no-such-branch' not found in ${repo.url}: Remote branch no-such-branch not found in upstream origin`,
    );
    const sha = 'f'.repeat(40);
    const bySha = await load({ repo: repo.url, revision: sha }).catch((e: unknown) => e);
    expect((bySha as BaselineError).kind).toBe('revision');
    expect((bySha as BaselineError).message).toContain(`revision '${sha}' not found in ${repo.url}`);
  });

  it('fails with one line naming a repository that does not exist', async () => {
    const missing = join(tempDir, 'nope.git');
    const error = (await load({ repo: missing }).catch((e: unknown) => e)) as BaselineError;
    expect(error).toBeInstanceOf(BaselineError);
    expect(error.kind).toBe('clone');
    expect(error.message).toMatch(new RegExp(`^cannot clone ${missing}: .*does not exist`));
    expect(error.message).not.toContain('\n');
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('fails clearly on a repository without commits', async () => {
    const empty = join(tempDir, 'empty.git');
    spawnSync('git', ['init', '--quiet', '--bare', empty]);
    try {
      await expect(load({ repo: empty })).rejects.toThrow(`${empty} has no default branch: the repository has no commits`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it.each([['../outside'], ['/etc'], ['apps/../../x']])('refuses the path %s, which escapes the repository', async (path) => {
    const error = (await load({ repo: repo.url, paths: [path] }).catch((e: unknown) => e)) as BaselineError;
    expect(error).toBeInstanceOf(BaselineError);
    expect(error.kind).toBe('path');
    expect(error.message).toContain(`path '${path}' in ${repo.url}`);
  });

  it('names the path and revision when the path does not exist', async () => {
    const error = (await load({ repo: repo.url, revision: 'v1', paths: ['infra'] }).catch((e: unknown) => e)) as BaselineError;
    expect(error.message).toBe(`path 'infra' in ${repo.url} at v1: does not exist`);
  });

  it('never shows a token, in the URL or as an option, when the server cannot be reached', async () => {
    const token = 'ghp_S3cretT0kenValue';
    const error = (await load({
      repo: `https://x-access-token:${token}@127.0.0.1:9/acme/infra.git`,
      token,
      revision: 'main',
    }).catch((e: unknown) => e)) as BaselineError;
    expect(error).toBeInstanceOf(BaselineError);
    expect(error.kind).toBe('clone');
    expect(error.message).toMatch(/^cannot clone https:\/\/127\.0\.0\.1:9\/acme\/infra\.git at main: /);
    const everything = `${error.message} ${String(error.stack)} ${JSON.stringify(error)} ${String((error.cause as Error).message)}`;
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
  });

  it('never shows a password written into the URL', async () => {
    const error = (await load({ repo: 'https://someone:p%40ssw0rd-secret@127.0.0.1:9/acme/infra.git' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^cannot clone https:\/\/127\.0\.0\.1:9\/acme\/infra\.git: /);
    for (const text of [error.message, String((error.cause as Error).message)]) {
      expect(text).not.toContain('ssw0rd-secret');
      expect(text).not.toContain('someone');
    }
  });
});
