import { parseArgs } from 'node:util';
import { connectCluster, createClusterPort } from '../../cluster/index.js';
import { systemClock } from '../../controller/clock.js';
import { createOperatorDeps } from '../../controller/create-operator-deps.js';
import { createLogger } from '../../controller/logger.js';
import { createMetrics } from '../../controller/metrics.js';
import { parseInterval } from '../../controller/parse-interval.js';
import { OPTIONAL_PROTOCOLS, type OptionalProtocol, type TenantPolicy } from '../../controller/tenant-policy.js';
import { defaultIdentity, Operator } from '../../controller/operator.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { describeFailure } from '../describe-failure.js';

export const RUN_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'metrics-port': { type: 'string', default: '8080' },
  'health-port': { type: 'string', default: '8081' },
  'lease-namespace': { type: 'string' },
  'lease-name': { type: 'string', default: 'driftback-leader' },
  'log-level': { type: 'string', default: 'info' },
  'allow-repo-protocols': { type: 'string', multiple: true },
  'allowed-github-repository': { type: 'string', multiple: true },
  'git-timeout': { type: 'string', default: '5m' },
  'trusted-manager': { type: 'string', multiple: true },
} as const;

/**
 * The operator until SIGTERM or SIGINT: then it stops taking work, lets an in-flight pull
 * request finish, releases the Lease and exits 0.
 */
export const runCommand: Command = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: RUN_OPTIONS, strict: true, allowPositionals: false });
  const metricsPort = port(values['metrics-port'], '--metrics-port');
  const healthPort = port(values['health-port'], '--health-port');
  const log = createLogger({ level: values['log-level'], destination: io.stdout as NodeJS.WritableStream });
  const tenantPolicy = tenantPolicyOf(values);

  let operator: Operator;
  try {
    const connection = await connectCluster({ kubeconfig: values.kubeconfig, context: values.context, env: io.env });
    const metrics = createMetrics({ defaultMetrics: true });
    const deps = createOperatorDeps({ cluster: createClusterPort(connection), metrics, log, clock: systemClock, tempDir: io.env.TMPDIR, tenantPolicy, trustedManagers: values['trusted-manager'] });
    operator = new Operator(deps, {
      leaseNamespace: values['lease-namespace'] ?? io.env.POD_NAMESPACE ?? connection.namespace,
      leaseName: values['lease-name'],
      identity: defaultIdentity(io.env),
      metricsPort,
      healthPort,
    });
    await operator.start();
  } catch (error) {
    io.stderr.write(`driftback: ${describeFailure(error)}\n`);
    return EXIT.failure;
  }

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      void operator.stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, 'shutdown was not clean');
        resolve();
      });
    };
    const onTerm = () => shutdown('SIGTERM');
    const onInt = () => shutdown('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  return EXIT.ok;
};

function tenantPolicyOf(values: { 'allow-repo-protocols'?: string[]; 'allowed-github-repository'?: string[]; 'git-timeout': string }): TenantPolicy {
  const extraProtocols = (values['allow-repo-protocols'] ?? []).flatMap((list) => list.split(',')).map((p) => p.trim()).filter(Boolean);
  const unknown = extraProtocols.find((p) => !(OPTIONAL_PROTOCOLS as readonly string[]).includes(p));
  if (unknown !== undefined) throw new UsageError(`--allow-repo-protocols takes ${OPTIONAL_PROTOCOLS.join(', ')} (https and ssh are always allowed; got "${unknown}")`);
  let gitTimeoutMs: number;
  try {
    gitTimeoutMs = parseInterval(values['git-timeout']);
  } catch (error) {
    throw new UsageError(`--git-timeout: ${(error as Error).message}`);
  }
  const repositories = values['allowed-github-repository'];
  return {
    extraProtocols: extraProtocols as OptionalProtocol[],
    gitTimeoutMs,
    ...(repositories?.length ? { githubRepositories: repositories } : {}),
  };
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number (got "${value}")`);
  return n;
}
