import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BaselineError, loadBaseline } from '../../../src/baseline/index.js';

// A Git smart-HTTP endpoint that records the Authorization header it receives and refuses access.
describe('loadBaseline with an HTTPS token', () => {
  const token = 'ghp_tokenThatMustNeverBePrinted';
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const seen: (string | undefined)[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(request.headers.authorization ? 403 : 401, { 'WWW-Authenticate': 'Basic realm="git"' });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
