import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { ClusterError } from './cluster-error.js';
import { messageOf } from './error-message.js';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeconfigOptions {
  /** The `--kubeconfig` flag: one file, which must exist. */
  kubeconfig?: string;
  /** The `--context` flag; default: the kubeconfig's current-context. */
  context?: string;
  /** Where KUBECONFIG, HOME and KUBERNETES_SERVICE_HOST/PORT are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The in-cluster service account directory (token, ca.crt, namespace). */
  serviceAccountDir?: string;
}

export interface LoadedKubeconfig {
  kubeConfig: KubeConfig;
  /** Where the configuration came from, for messages: a file, the KUBECONFIG list or in-cluster. */
  source: string;
  context: string;
  cluster: Cluster;
  user?: User;
  namespace: string;
}

/**
 * Finds the kubeconfig as kubectl does: `--kubeconfig`, else the KUBECONFIG list (merged, the
 * first file to define a name or current-context wins, missing files skipped), else
 * ~/.kube/config, else the in-cluster service account. Then selects `--context` or the
 * current-context. Every problem is a ClusterError (stall) naming the file or context.
 */
export function loadKubeconfig(options: KubeconfigOptions = {}): LoadedKubeconfig {
  const env = options.env ?? process.env;
  const { kubeConfig, source } = findKubeconfig(options, env);
  return selectContext(kubeConfig, source, options.context);
}

function findKubeconfig(options: KubeconfigOptions, env: NodeJS.ProcessEnv): { kubeConfig: KubeConfig; source: string } {
  if (options.kubeconfig !== undefined) {
    return { kubeConfig: loadFile(options.kubeconfig), source: `kubeconfig ${options.kubeconfig}` };
  }
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '');
  if (listed.length > 0) {
    const present = listed.filter((file) => existsSync(file));
    if (present.length === 0) {
      throw configError(`no kubeconfig found: none of the files in KUBECONFIG exist (${listed.join(', ')})`);
    }
    return { kubeConfig: mergeFirstWins(present.map(loadFile)), source: `kubeconfig ${present.join(delimiter)}` };
  }
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const defaultFile = join(home, '.kube', 'config');
  if (existsSync(defaultFile)) return { kubeConfig: loadFile(defaultFile), source: `kubeconfig ${defaultFile}` };
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) {
    return { kubeConfig: inClusterConfig(env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR), source: 'in-cluster service account' };
  }
  throw configError(
    `no kubeconfig found: no --kubeconfig, KUBECONFIG is not set, ${defaultFile} does not exist and KUBERNETES_SERVICE_HOST is not set`,
  );
}

function loadFile(file: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(file);
  } catch (error) {
    throw configError(`cannot load kubeconfig ${file}: ${firstLine(error)}`, error);
  }
  return kubeConfig;
}

function mergeFirstWins(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext: string | undefined;
  for (const config of configs) {
    for (const cluster of config.getClusters()) if (!clusters.has(cluster.name)) clusters.set(cluster.name, cluster);
    for (const user of config.getUsers()) if (!users.has(user.name)) users.set(user.name, user);
    for (const context of config.getContexts()) if (!contexts.has(context.name)) contexts.set(context.name, context);
    currentContext ??= config.getCurrentContext() || undefined;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return merged;
}

function inClusterConfig(env: NodeJS.ProcessEnv, dir: string): KubeConfig {
  const tokenFile = join(dir, 'token');
  if (!existsSync(tokenFile)) {
    throw configError(`cannot use the in-cluster service account: ${tokenFile} does not exist`);
  }
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const namespaceFile = join(dir, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : undefined;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'in-cluster',
        server: `https://${host.includes(':') ? `[${host}]` : host}:${env.KUBERNETES_SERVICE_PORT}`,
        caFile: join(dir, 'ca.crt'),
        skipTLSVerify: false,
      },
    ],
    // client-node's tokenFile provider re-reads the file, so rotated projected tokens are picked up.
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', namespace }],
    currentContext: 'in-cluster',
  });
  return kubeConfig;
}

function selectContext(kubeConfig: KubeConfig, source: string, requested: string | undefined): LoadedKubeconfig {
  const known = kubeConfig.getContexts().map((context) => context.name);
  const knownList = known.length > 0 ? known.join(', ') : 'none';
  const name = requested ?? (kubeConfig.getCurrentContext() || undefined);
  if (name === undefined) {
    throw configError(`${source} has no current-context; pass --context (contexts: ${knownList})`);
  }
  const context = kubeConfig.getContextObject(name);
  if (!context) {
    throw configError(`context "${name}" not found in ${source} (contexts: ${knownList})`);
  }
  const cluster = kubeConfig.getCluster(context.cluster);
  if (!cluster || !cluster.server) {
    throw configError(`context "${name}" in ${source} names cluster "${context.cluster}", which is not defined or has no server`);
  }
  kubeConfig.setCurrentContext(name);
  // kubectl talks plain HTTP to an http:// server; client-node refuses unless skipTLSVerify is
  // set ("HTTP protocol is not allowed when skipTLSVerify is not set"), which means nothing for HTTP.
  const usable = cluster.server.startsWith('http://') ? { ...cluster, skipTLSVerify: true } : cluster;
  if (usable !== cluster) {
    kubeConfig.clusters = kubeConfig.getClusters().map((entry) => (entry === cluster ? usable : entry));
  }
  const user = kubeConfig.getUser(context.user) ?? undefined;
  return {
    kubeConfig,
    source,
    context: name,
    cluster: usable,
    ...(user ? { user } : {}),
    namespace: context.namespace || 'default',
  };
}

function configError(message: string, cause?: unknown): ClusterError {
  return new ClusterError(message, { disposition: 'stall', cause });
}

function firstLine(error: unknown): string {
  const text = messageOf(error);
  return text.split('\n')[0]?.trim() ?? text;
}
