import { afterEach, describe, expect, it } from '@jest/globals';
import { gitEnvironment } from '../../../src/git-auth/index.js';

const TOKEN = 'ghp_unitT0ken+/=';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

function config(env: Readonly<Record<string, string>>): Record<string, string> {
  const entries: Record<string, string> = {};
  for (let index = 0; index < Number(env.GIT_CONFIG_COUNT); index++) {
    entries[env[`GIT_CONFIG_KEY_${index}`]!] = env[`GIT_CONFIG_VALUE_${index}`]!;
  }
  return entries;
}

describe('gitEnvironment (shared by the baseline and codify)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('scopes the header to the remote origin, turns prompts off and limits stalled transfers', () => {
    const git = gitEnvironment({ remote: 'https://github.com/acme/infra.git', token: TOKEN });
    expect(config(git.env)).toEqual({
      'http.lowSpeedLimit': '1000',
      'http.lowSpeedTime': '60',
      'submodule.recurse': 'false',
      'http.https://github.com/.extraHeader': `Authorization: Basic ${BASIC}`,
    });
    expect(git.env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(git.simpleGitOptions.allowEnvironment).toEqual(expect.arrayContaining(['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_2', 'GIT_CONFIG_VALUE_2', 'GIT_TERMINAL_PROMPT']));
    expect(git.simpleGitOptions.unsafe).toEqual({ allowUnsafeConfigEnvCount: true });
  });

  it('keeps a non-default port in the origin', () => {
    const git = gitEnvironment({ remote: 'http://127.0.0.1:8080/infra.git', token: TOKEN });
    expect(Object.keys(config(git.env))).toContain('http.http://127.0.0.1:8080/.extraHeader');
  });

  it.each(['/srv/git/infra.git', 'git@github.com:acme/infra.git', 'ssh://git@github.com/acme/infra.git', 'file:///srv/git/infra.git'])(
    'sets no header for %s, yet still redacts the token',
    (remote) => {
      const git = gitEnvironment({ remote, token: TOKEN });
      expect(Object.keys(config(git.env)).filter((key) => /extraheader/i.test(key))).toEqual([]);
      expect(git.redact(`a ${TOKEN} b ${BASIC}`)).toBe('a *** b ***');
    },
  );

  it('limits the transports only when told to (the operator does; scan takes what git clone takes)', () => {
    expect(gitEnvironment({ remote: 'https://github.com/acme/infra.git' }).env.GIT_ALLOW_PROTOCOL).toBeUndefined();
    expect(gitEnvironment({ remote: 'https://github.com/acme/infra.git', protocols: ['https', 'ssh'] }).env.GIT_ALLOW_PROTOCOL).toBe('https:ssh');
  });

  it('drops inherited GIT_* and guarded variables instead of passing them to git', () => {
    process.env.GIT_DIR = '/elsewhere';
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'core.sshCommand';
    process.env.PAGER = 'less';
    const git = gitEnvironment({ remote: 'https://github.com/acme/infra.git' });
    expect(git.env.GIT_DIR).toBeUndefined();
    expect(git.env.PAGER).toBeUndefined();
    expect(config(git.env)).toEqual({ 'http.lowSpeedLimit': '1000', 'http.lowSpeedTime': '60', 'submodule.recurse': 'false' });
    expect(git.env.PATH).toBe(process.env.PATH);
  });

  it('redacts URL credentials and the URL password, encoded or not', () => {
    const git = gitEnvironment({ remote: 'https://user:p%40ss@github.com/acme/infra.git' });
    expect(git.redact("fatal: unable to access 'https://user:p%40ss@github.com/acme/infra.git/' p@ss p%40ss")).toBe(
      "fatal: unable to access 'https://github.com/acme/infra.git/' *** ***",
    );
  });
});
