import { describe, expect, it } from '@jest/globals';
import { BaselineError } from '../../../src/baseline/index.js';
import { redact, stripUrlCredentials } from '../../../src/baseline/redact.js';
import { normalizeRepoPath } from '../../../src/baseline/repo-paths.js';
import { gitFailure, isAuthFailure } from '../../../src/baseline/run-git.js';

describe('BaselineError', () => {
  it.each([
    [{ kind: 'clone', repo: 'https://h/r.git', reason: 'unreachable' }, 'cannot clone https://h/r.git: unreachable'],
    [{ kind: 'auth', repo: 'https://h/r.git', revision: 'main', reason: 'HTTP 403' }, 'cannot clone https://h/r.git at main: access denied: HTTP 403'],
    [{ kind: 'revision', repo: 'r', revision: 'v9', reason: 'no such tag' }, "revision 'v9' not found in r: no such tag"],
    [{ kind: 'revision', repo: 'r', reason: 'the repository has no commits' }, 'r has no default branch: the repository has no commits'],
    [{ kind: 'path', repo: 'r', revision: 'abc', path: 'x', reason: 'does not exist' }, "path 'x' in r at abc: does not exist"],
  ] as const)('describes %o in one line', (details, message) => {
    const error = new BaselineError(details);
    expect(error.message).toBe(message);
    expect(error.kind).toBe(details.kind);
    expect(error.name).toBe('BaselineError');
  });
});

describe('redaction', () => {
  it('strips credentials from every URL in a text', () => {
    expect(stripUrlCredentials("unable to access 'https://user:tok@github.com/a/b.git/' and ssh://git@h:22/x")).toBe(
      "unable to access 'https://github.com/a/b.git/' and ssh://h:22/x",
    );
  });

  it('removes the secrets wherever they appear', () => {
    expect(redact('header tok123 and tok123 again', ['tok123', ''])).toBe('header *** and *** again');
  });

  it("takes git's last fatal line, scrubbed, as the reason and keeps a scrubbed cause", () => {
    const failure = gitFailure(new Error("Cloning into 'x'...\nwarning: w\nfatal: could not read Username for 'https://tok@h': terminal prompts disabled\n"), ['tok']);
    expect(failure.reason).toBe("could not read Username for 'https://h': terminal prompts disabled");
    expect(failure.cause.message).not.toContain('tok@');
    expect(isAuthFailure(failure.reason)).toBe(true);
    expect(isAuthFailure('Could not resolve host: h')).toBe(false);
  });
});

describe('normalizeRepoPath', () => {
  it.each([
    ['.', '.'],
    ['', '.'],
    ['./', '.'],
    ['clusters/prod/', 'clusters/prod'],
    ['./a//b/../c', 'a/c'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeRepoPath(input)).toEqual({ path: expected });
  });

  it.each(['..', '../x', 'a/../../x', '/etc'])('refuses %j', (input) => {
    expect(normalizeRepoPath(input)).toHaveProperty('reason');
  });
});
