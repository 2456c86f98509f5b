import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type Command, type CommandIO, type ExitCode } from '../command.js';
import { createKustomizeRenderer } from '../../baseline/index.js';
import { githubCloneToken } from '../clone-token.js';
import { describeFailure } from '../describe-failure.js';
import { loadPolicySources } from '../policy-sources.js';
import { runScan } from '../scan-pipeline.js';
import { FAIL_ON, exitCodeFor, type FailOn } from '../../report/exit-code.js';
import { OUTPUT_FORMATS, formatReport, type OutputFormat } from '../../report/format-report.js';
import { collectSecretValues, redactSecretChanges, scrubReportValues, scrubSecretValues } from '../../report/scrub-secrets.js';
import { openPullRequests, preparePullRequests, PR_OPTIONS } from '../open-pull-requests.js';
import { pushgatewayUrl, pushScanMetrics } from '../push-scan-metrics.js';
import { parseReportFiles, writeReportFiles } from '../report-files.js';

export const SCAN_OPTIONS = {
  repo: { type: 'string' },
  revision: { type: 'string' },
  path: { type: 'string', multiple: true },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string' },
  policy: { type: 'string', multiple: true },
  output: { type: 'string', default: 'table' },
  'fail-on': { type: 'string', default: 'drift' },
  explain: { type: 'boolean', default: false },
  'trusted-manager': { type: 'string', multiple: true },
  'git-manager': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  kustomize: { type: 'string' },
  'kustomize-timeout': { type: 'string' },
  'allow-remote-bases': { type: 'boolean', default: false },
  'report-file': { type: 'string', multiple: true },
  pushgateway: { type: 'string' },
  'scan-name': { type: 'string', default: 'scan' },
  ...PR_OPTIONS,
} as const;

export const scanCommand: Command = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: SCAN_OPTIONS, allowPositionals: false, strict: true });
  if (!values.repo) throw new UsageError('scan needs --repo <git url or local path>');
  const output = oneOf(values.output, OUTPUT_FORMATS, '--output');
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on') as FailOn;
  const reportFiles = parseReportFiles(values['report-file'], io.cwd);
  const pushgateway = values.pushgateway === undefined ? undefined : pushgatewayUrl(values.pushgateway);
  // Bad pull-request flags are bad input: refused before the cluster is asked or anything cloned.
  const pullRequests = values['open-prs'] ? preparePullRequests(values, io) : undefined;
  const kustomize = {
    binary: values.kustomize === undefined ? undefined : resolve(io.cwd, values.kustomize),
    timeoutMs: seconds(values['kustomize-timeout'], '--kustomize-timeout'),
    allowRemoteBases: values['allow-remote-bases'],
  };

  try {
    const policies = values.policy?.length ? await loadPolicySources(values.policy, io.cwd) : undefined;
    const outcome = await runScan({
      repo: values.repo,
      revision: values.revision,
      paths: values.path ?? [],
      kubeconfig: values.kubeconfig,
      context: values.context,
      namespace: values.namespace,
      policies,
      explain: values.explain,
      trustedManagers: values['trusted-manager'],
      gitManagers: values['git-manager'],
      ignorePointers: ignorePointers(values.ignore),
      token: githubCloneToken(values.repo, values['github-token'] ?? io.env.GITHUB_TOKEN, values['github-api-url']),
      kustomize,
      env: io.env,
      cwd: io.cwd,
    });
    const secrets = collectSecretValues([...outcome.live.values(), ...outcome.baseline.manifests.map((m) => m.object)]);
    const say = (text: string) => scrubSecretValues(text, secrets);
    for (const problem of outcome.problems) io.stderr.write(say(`driftback: ${problem.severity}: ${problem.message}\n`));
    for (const result of outcome.report.results) {
      if (result.status === 'Error') io.stderr.write(say(`driftback: error: ${result.object.kind} ${result.object.namespace ? `${result.object.namespace}/` : ''}${result.object.name}: ${result.error}\n`));
    }
    const shown = scrubReportValues(outcome.report, secrets);
    io.stdout.write(say(formatReport(shown, output as OutputFormat)));
    writeReportFiles(reportFiles, (format) => say(formatReport(shown, format)));

    const baselineHadErrors = outcome.problems.some((p) => p.severity === 'error');
    let code: ExitCode = exitCodeFor(outcome.report, failOn, baselineHadErrors);
    if (pushgateway) {
      const target = { url: pushgateway, namespace: values.namespace ?? outcome.connection.namespace, name: values['scan-name'] };
      code = await pushScanMetrics(target, outcome.report, code, io, Date.now());
    }
    if (pullRequests && baselineHadErrors) {
      // Objects Git holds but the scan could not read would look resolved: their pull requests would be rewritten or closed.
      io.stderr.write('driftback: pull requests left alone: the scan is incomplete (see the errors above), so nothing is written to Git\n');
    } else if (pullRequests) {
      const renderer = createKustomizeRenderer({ ...kustomize, pathVariable: io.env.PATH });
      const prCode = await openPullRequests(pullRequests, { ...outcome, report: redactSecretChanges(outcome.report, secrets) }, io, say, renderer);
      if (prCode !== EXIT.ok) code = prCode;
    }
    return code;
  } catch (error) {
    return reportFailure(io, error);
  }
};

function reportFailure(io: CommandIO, error: unknown): ExitCode {
  io.stderr.write(`driftback: ${describeFailure(error)}\n`);
  return EXIT.failure;
}

function ignorePointers(pointers: string[] | undefined): string[] | undefined {
  const bad = pointers?.find((p) => !p.startsWith('/'));
  if (bad !== undefined) throw new UsageError(`--ignore takes a JSON Pointer such as /spec/replicas (got "${bad}")`);
  return pointers;
}

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`${flag} takes a number of seconds above 0 (got "${value}")`);
  return parsed * 1000;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}
