import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ensureDriftPullRequests } from '../../../src/codify/index.js';
import { createGitPort } from '../../../src/codify/git/index.js';
import { LocalPullRequestPlatform } from '../../../src/codify/local/index.js';
import { BASELINE, FILES, driftReport, liveObjects, webDrift } from '../../support/codify-fixtures.js';
import { BareRepo } from '../../support/codify-git.js';
import { GitHttpServer } from '../../support/codify-git-http.js';

const TOKEN = 'ghp_argvT0ken+/=value';
const CREDENTIAL = `x-access-token:${TOKEN}`;
const AUTHORIZATION = `Basic ${Buffer.from(CREDENTIAL).toString('base64')}`;
const TOKEN_FORMS = [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(CREDENTIAL).toString('base64'), encodeURIComponent(TOKEN)];

interface Invocation {
  argv: string[];
  env: Record<string, string>;
}

/** The git config entries an invocation received through GIT_CONFIG_COUNT/KEY_n/VALUE_n. */
function envConfig(env: Record<string, string>): [string, string][] {
  const count = Number(env.GIT_CONFIG_COUNT ?? '0');
  return Array.from({ length: count }, (_, index): [string, string] => [
    env[`GIT_CONFIG_KEY_${index}`] ?? '',
    env[`GIT_CONFIG_VALUE_${index}`] ?? '',
  ]);
}

function nulFields(path: string): string[] {
  const fields = readFileSync(path, 'utf8').split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

// A `git` first on PATH records the argv and environment of every invocation (what `ps` and
// /proc/<pid>/cmdline or /proc/<pid>/environ would show) and then runs the real git.
describe("the codify git step keeps the token off git's command line", () => {
  let repo: BareRepo;
  let server: GitHttpServer;
  let directory: string;
  let fakeBin: string;
  let logDir: string;
  let realGit: string;
  let savedPath: string | undefined;

  beforeEach(async () => {
    realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    repo = BareRepo.create(FILES);
    server = await GitHttpServer.start(repo.path, AUTHORIZATION);
    directory = mkdtempSync(join(tmpdir(), 'driftback-prs-'));
    fakeBin = mkdtempSync(join(tmpdir(), 'driftback-fake-git-'));
    logDir = join(fakeBin, 'log');
    mkdirSync(logDir);
    const script = [
      '#!/bin/sh',
      `log='${logDir}'/$$`,
      'for arg in "$@"; do printf \'%s\\0\' "$arg"; done > "$log.argv"',
      'env -0 > "$log.env"',
      `exec '${realGit}' "$@"`,
      '',
    ].join('\n');
    writeFileSync(join(fakeBin, 'git'), script);
    chmodSync(join(fakeBin, 'git'), 0o755);
    savedPath = process.env.PATH;
    process.env.PATH = `${fakeBin}${delimiter}${savedPath ?? ''}`;
  });

  afterEach(async () => {
    process.env.PATH = savedPath;
    await server.close();
    repo.remove();
    rmSync(directory, { recursive: true, force: true });
    rmSync(fakeBin, { recursive: true, force: true });
  });

  function invocations(): Invocation[] {
    return readdirSync(logDir)
      .filter((name) => name.endsWith('.argv'))
      .map((name) => {
        const base = join(logDir, name.slice(0, -'.argv'.length));
        const env = Object.fromEntries(
          nulFields(`${base}.env`).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
        );
        return { argv: nulFields(`${base}.argv`), env };
      })
      // The test's HTTP server runs `git http-backend` through the same PATH.
      .filter(({ argv }) => argv[0] !== 'http-backend');
  }

  it('passes the token only in the environment, as a header scoped to the remote origin', async () => {
    const outcomes = await ensureDriftPullRequests({
      report: driftReport(server.url, [webDrift(5)]),
      baseline: BASELINE,
      live: liveObjects(5),
      options: { repo: server.url, token: TOKEN, baseBranch: 'main' },
      platform: new LocalPullRequestPlatform({ directory }),
      git: createGitPort(),
      log: () => undefined,
    });

    expect(outcomes).toEqual([expect.objectContaining({ action: 'created' })]);
    expect(new Set(server.authorizations)).toEqual(new Set([AUTHORIZATION]));

    const seen = invocations();
    const subcommands = seen.map(({ argv }) => argv.find((arg) => !arg.startsWith('-') && !arg.includes('=')));
    expect(subcommands).toEqual(expect.arrayContaining(['clone', 'ls-remote', 'commit', 'push']));

    const origin = new URL(server.url).origin;
    for (const { argv, env } of seen) {
      const commandLine = argv.join(' ');
      for (const form of TOKEN_FORMS) expect(commandLine).not.toContain(form);
      expect(commandLine).not.toMatch(/extraheader|authorization/i);
      // `-c` arguments would reach git's children through GIT_CONFIG_PARAMETERS.
      expect(env.GIT_CONFIG_PARAMETERS ?? '').not.toMatch(/extraheader|authorization/i);

      expect(env.GIT_TERMINAL_PROMPT).toBe('0');
      const config = envConfig(env);
      expect(config).toEqual(
        expect.arrayContaining([
          [`http.${origin}/.extraHeader`, `Authorization: ${AUTHORIZATION}`],
          ['http.lowSpeedLimit', expect.stringMatching(/^[1-9]\d*$/)],
          ['http.lowSpeedTime', expect.stringMatching(/^[1-9]\d*$/)],
        ]),
      );
      const headers = config.filter(([key]) => /extraheader$/i.test(key));
      expect(headers).toEqual([[`http.${origin}/.extraHeader`, `Authorization: ${AUTHORIZATION}`]]);
    }

    // git's own URL matching: the header goes to the repository's origin and nowhere else.
    const env = seen[0]?.env ?? {};
    const headerFor = (url: string) => {
      const result = spawnSync(realGit, ['config', '--get-urlmatch', 'http.extraheader', url], { env, cwd: directory, encoding: 'utf8' });
      return result.stdout.trim();
    };
    expect(headerFor(server.url)).toBe(`Authorization: ${AUTHORIZATION}`);
    expect(headerFor(`${origin}/other/repo.git`)).toBe(`Authorization: ${AUTHORIZATION}`);
    const otherPort = Number(new URL(server.url).port) === 65535 ? 65534 : Number(new URL(server.url).port) + 1;
    for (const elsewhere of [
      `http://127.0.0.1:${otherPort}${new URL(server.url).pathname}`,
      `https://127.0.0.1:${new URL(server.url).port}/infra.git`,
      'http://evil.example/infra.git',
      'https://github.com/acme/infra.git',
    ]) {
      expect(headerFor(elsewhere)).toBe('');
    }
  });

  it('sends no header at all when the remote is not http(s)', async () => {
    const outcomes = await ensureDriftPullRequests({
      report: driftReport(repo.path, [webDrift(5)]),
      baseline: BASELINE,
      live: liveObjects(5),
      options: { repo: repo.path, token: TOKEN, baseBranch: 'main' },
      platform: new LocalPullRequestPlatform({ directory }),
      git: createGitPort(),
      log: () => undefined,
    });

    expect(outcomes).toEqual([expect.objectContaining({ action: 'created' })]);
    const seen = invocations();
    expect(seen.length).toBeGreaterThan(0);
    for (const { argv, env } of seen) {
      for (const form of TOKEN_FORMS) expect(`${argv.join(' ')}\n${Object.values(env).join('\n')}`).not.toContain(form);
      expect(envConfig(env).filter(([key]) => /extraheader$/i.test(key))).toEqual([]);
      expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    }
  });
});
