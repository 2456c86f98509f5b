import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ClusterError, connectCluster, loadKubeconfig } from '../../../src/cluster/index.js';

function kubeconfig(contexts: { name: string; server: string; namespace?: string; token?: string }[], current?: string): string {
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const c of contexts) lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${c.server}`);
  lines.push('users:');
  for (const c of contexts) lines.push(`- name: ${c.name}-user`, '  user:', `    token: ${c.token ?? 'secret-token'}`);
  lines.push('contexts:');
  for (const c of contexts) {
    lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.name}`, `    user: ${c.name}-user`);
    if (c.namespace) lines.push(`    namespace: ${c.namespace}`);
  }
  if (current) lines.push(`current-context: ${current}`);
  return `${lines.join('\n')}\n`;
}

describe('loadKubeconfig', () => {
  let dir: string;
  let home: string;
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const loadError = (run: () => unknown): ClusterError => {
    try {
      run();
    } catch (error) {
      if (error instanceof ClusterError) return error;
      throw error;
    }
    throw new Error('expected a ClusterError');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftback-kubeconfig-'));
    home = join(dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes --kubeconfig before KUBECONFIG and ~/.kube/config', () => {
    const flag = write('flag.yaml', kubeconfig([{ name: 'flag', server: 'https://flag:6443' }], 'flag'));
    const env = write('env.yaml', kubeconfig([{ name: 'env', server: 'https://env:6443' }], 'env'));
    writeFileSync(join(home, '.kube', 'config'), kubeconfig([{ name: 'home', server: 'https://home:6443' }], 'home'));
    const loaded = loadKubeconfig({ kubeconfig: flag, env: { KUBECONFIG: env, HOME: home } });
    expect(loaded.context).toBe('flag');
    expect(loaded.cluster.server).toBe('https://flag:6443');
    expect(loaded.source).toBe(`kubeconfig ${flag}`);
  });

  it('merges the KUBECONFIG list as kubectl does: first definition and first current-context win, missing files skipped', () => {
    const first = write('a.yaml', kubeconfig([{ name: 'shared', server: 'https://first:6443', namespace: 'shop' }], 'shared'));
    const second = write(
      'b.yaml',
      kubeconfig(
        [
          { name: 'shared', server: 'https://second:6443' },
          { name: 'other', server: 'https://other:6443' },
        ],
        'other',
      ),
    );
    const env = { KUBECONFIG: [join(dir, 'missing.yaml'), first, second].join(':'), HOME: home };
    const loaded = loadKubeconfig({ env });
    expect(loaded.context).toBe('shared');
    expect(loaded.cluster.server).toBe('https://first:6443');
    expect(loaded.namespace).toBe('shop');
    expect(loadKubeconfig({ env, context: 'other' }).cluster.server).toBe('https://other:6443');
  });

  it('falls back to ~/.kube/config, then to the in-cluster service account', () => {
    writeFileSync(join(home, '.kube', 'config'), kubeconfig([{ name: 'home', server: 'https://home:6443' }], 'home'));
    expect(loadKubeconfig({ env: { HOME: home } }).context).toBe('home');

    const sa = join(dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), 'projected-token');
    writeFileSync(join(sa, 'namespace'), 'driftback-system\n');
    const inCluster = loadKubeconfig({
      env: { HOME: join(dir, 'nobody'), KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
      serviceAccountDir: sa,
    });
    expect(inCluster.cluster.server).toBe('https://[fd00::1]:443');
    expect(inCluster.namespace).toBe('driftback-system');
    expect(inCluster.source).toBe('in-cluster service account');
  });

  it('defaults the namespace to "default" and allows plain http servers', () => {
    const file = write('http.yaml', kubeconfig([{ name: 'local', server: 'http://127.0.0.1:8080' }], 'local'));
    const loaded = loadKubeconfig({ kubeconfig: file, env: {} });
    expect(loaded.namespace).toBe('default');
    expect(loaded.cluster.skipTLSVerify).toBe(true);
    expect(loaded.kubeConfig.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });

  it('names the file when the kubeconfig is missing or broken', () => {
    const missing = join(dir, 'nope.yaml');
    const notFound = loadError(() => loadKubeconfig({ kubeconfig: missing, env: {} }));
    expect(notFound.message).toContain(`cannot load kubeconfig ${missing}`);
    expect(notFound.disposition).toBe('stall');

    const broken = write('broken.yaml', 'clusters: [\n  - name: x\n');
    expect(loadError(() => loadKubeconfig({ kubeconfig: broken, env: {} })).message).toMatch(
      new RegExp(`^cannot load kubeconfig ${broken}: .+`),
    );

    const listed = loadError(() => loadKubeconfig({ env: { KUBECONFIG: `${missing}:${join(dir, 'also.yaml')}`, HOME: home } }));
    expect(listed.message).toContain('none of the files in KUBECONFIG exist');
    expect(listed.message).toContain(missing);

    const nothing = loadError(() => loadKubeconfig({ env: { HOME: join(dir, 'nobody') } }));
    expect(nothing.message).toContain('no kubeconfig found');
  });

  it('names the context when it is unknown or absent, never the token', () => {
    const file = write('two.yaml', kubeconfig([{ name: 'a', server: 'https://a:6443', token: 'sekrit-abc' }]));
    const unknown = loadError(() => loadKubeconfig({ kubeconfig: file, context: 'prod', env: {} }));
    expect(unknown.message).toBe(`context "prod" not found in kubeconfig ${file} (contexts: a)`);
    const none = loadError(() => loadKubeconfig({ kubeconfig: file, env: {} }));
    expect(none.message).toContain('has no current-context; pass --context');
    expect(`${unknown.message}${none.message}`).not.toContain('sekrit');
  });
});

describe('connectCluster', () => {
  it('reports credentials that cannot be prepared, naming the context, before any request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftback-connect-'));
    try {
      const file = join(dir, 'config');
      writeFileSync(
        file,
        [
          'apiVersion: v1',
          'clusters: [{ name: c, cluster: { server: "https://k8s.example:6443" } }]',
          `users: [{ name: u, user: { client-certificate: ${join(dir, 'missing.crt')}, client-key: ${join(dir, 'missing.key')} } }]`,
          'contexts: [{ name: admin, context: { cluster: c, user: u } }]',
          'current-context: admin',
        ].join('\n'),
      );
      await expect(connectCluster({ kubeconfig: file, env: {} })).rejects.toThrow(
        new RegExp(`^cannot prepare the credentials of context "admin" \\(kubeconfig ${file}\\): ENOENT`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
