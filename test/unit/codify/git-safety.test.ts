import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsafePathError } from '../../../src/codify/index.js';
import { resolveInside } from '../../../src/codify/git/index.js';
import { redact, stripUrlCredentials, tokenSecrets } from '../../../src/git-auth/index.js';

describe('resolveInside', () => {
  let root: string;
  let clone: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'driftback-safe-'));
    clone = join(root, 'clone');
    mkdirSync(join(clone, 'apps'), { recursive: true });
    writeFileSync(join(clone, 'apps', 'web.yaml'), 'kind: A\n');
    mkdirSync(join(root, 'outside'));
    symlinkSync(join(root, 'outside'), join(clone, 'escape'));
    symlinkSync(join(root, 'outside', 'x.yaml'), join(clone, 'apps', 'link.yaml'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('resolves repository paths, new directories included', async () => {
    expect(await resolveInside(clone, 'apps/web.yaml')).toMatch(/clone\/apps\/web\.yaml$/);
    expect(await resolveInside(clone, 'new/dir/file.yaml')).toMatch(/clone\/new\/dir\/file\.yaml$/);
  });

  it.each(['../outside/x.yaml', 'apps/../../outside/x.yaml', '/etc/passwd', '.git/config', 'escape/x.yaml', 'apps/link.yaml', 'apps', ''])(
    'refuses %j',
    async (path) => {
      await expect(resolveInside(clone, path)).rejects.toBeInstanceOf(UnsafePathError);
    },
  );
});

describe('redacting git messages (src/git-auth, shared with the baseline)', () => {
  const token = 'ghp_abc+/=';

  it('removes the token in plain, URL, base64 and header forms', () => {
    const header = Buffer.from(`x-access-token:${token}`).toString('base64');
    const text = `a ${token} b ${encodeURIComponent(token)} c ${Buffer.from(token).toString('base64')} d Basic ${header}`;
    expect(redact(text, tokenSecrets(token))).toBe('a *** b *** c *** d Basic ***');
    expect(redact(text, tokenSecrets(undefined))).toBe(text);
  });

  it('drops credentials from a repository URL and leaves paths alone', () => {
    expect(stripUrlCredentials('https://x-access-token:secret@github.com/acme/infra.git')).toBe('https://github.com/acme/infra.git');
    expect(stripUrlCredentials('/srv/git/infra.git')).toBe('/srv/git/infra.git');
    expect(stripUrlCredentials('git@github.com:acme/infra.git')).toBe('git@github.com:acme/infra.git');
  });
});
