import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  token?: string;
  namespace?: string;
  context?: string;
}

/** A kubeconfig for the stand-in; plain http:// needs insecure-skip-tls-verify for client-node. */
export async function writeKubeconfig(file: string, server: { url: string }, options: KubeconfigOptions = {}): Promise<void> {
  const name = options.context ?? 'standin';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: server.url, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: options.token ? { token: options.token } : {} }],
    contexts: [{ name, context: { cluster: name, user: name, ...(options.namespace ? { namespace: options.namespace } : {}) } }],
    'current-context': name,
    preferences: {},
  };
  await writeFile(file, stringify(config), { mode: 0o600 });
}
