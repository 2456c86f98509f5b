import { DriftbackError } from '../model/failure.js';
import type { DriftWatchSpec } from './drift-watch-spec.js';
import type { ClusterPort } from './ports.js';

export interface WatchSecrets {
  git?: string;
  /** The data of the Secret that spec.pullRequests.github.secretRef names: `token`, or a GitHub App's keys. */
  github?: Record<string, string>;
}

export class MissingSecretError extends DriftbackError {
  override name = 'MissingSecretError';
  readonly stage = 'secret' as const;
  readonly disposition = 'wait' as const;
  readonly conditionReason = 'SecretNotFound';
}

/** The credentials a DriftWatch names, read from its own namespace; their values stay in this process. */
export async function readWatchSecrets(cluster: Pick<ClusterPort, 'readSecret'>, spec: DriftWatchSpec): Promise<WatchSecrets> {
  const read = async (name: string | undefined, field: string, accepts: (data: Record<string, string>) => boolean, keys: string) => {
    if (!name) return undefined;
    const data = await cluster.readSecret(spec.namespace, name);
    if (!data) throw new MissingSecretError(`Secret ${spec.namespace}/${name} named by ${field} does not exist`);
    if (!accepts(data)) throw new MissingSecretError(`Secret ${spec.namespace}/${name} named by ${field} has no key ${keys}`);
    return data;
  };
  const git = await read(spec.source.secretName, 'spec.source.secretRef', (d) => !!d.token, '"token"');
  const github = await read(
    spec.pullRequests.github?.secretName,
    'spec.pullRequests.github.secretRef',
    (d) => !!d.token || (!!d.appId && !!d.installationId && !!d.privateKey),
    '"token" (nor "appId", "installationId" and "privateKey")',
  );
  return { git: git?.token, github };
}
