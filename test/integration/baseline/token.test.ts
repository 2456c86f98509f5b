import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BaselineError, loadBaseline } from '../../../src/baseline/index.js';
import { startRefusingGitHost, type RefusingGitHost } from '../../support/refusing-git-host.js';

// A Git smart-HTTP endpoint that records the Authorization header it receives and refuses access.
describe('loadBaseline with an HTTPS token', () => {
  const token = 'ghp_tokenThatMustNeverBePrinted';
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  let host: RefusingGitHost;
  let seen: (string | undefined)[];
  let base: string;

  beforeAll(async () => {
    host = await startRefusingGitHost();
    ({ seen, url: base } = host);
  });

  afterAll(() => host.close());

  it('sends the token as an Authorization header and reports a refusal as access denied, without the token', async () => {
    const error = (await loadBaseline({ repo: `${base}/acme/infra.git`, token }).catch((e: unknown) => e)) as BaselineError;
    expect(seen).toContain(`Basic ${basic}`);
    expect(error).toBeInstanceOf(BaselineError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(new RegExp(`^cannot clone ${base}/acme/infra\\.git: access denied: .*403`));
    for (const text of [error.message, String(error.stack), String((error.cause as Error).message)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(basic);
    }
  });

  it('never prompts for credentials when there is no token', async () => {
    seen.length = 0;
    const error = (await loadBaseline({ repo: `${base}/acme/infra.git`, revision: 'main' }).catch((e: unknown) => e)) as BaselineError;
    expect(seen.every((header) => header === undefined)).toBe(true);
    expect(error.kind).toBe('auth');
    expect(error.message).toContain(`cannot clone ${base}/acme/infra.git at main: access denied:`);
  });
});
