import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_FILE_SIZE, parseFileSize } from '../../baseline/index.js';
import { EXIT, UsageError, type Command, type CommandIO, type ExitCode } from '../command.js';
import { createKustomizeRenderer } from '../../baseline/index.js';
import { githubCloneToken } from '../clone-token.js';
import { describeFailure } from '../describe-failure.js';
import { loadPolicySources } from '../policy-sources.js';
import { runScan, type ScanOutcome } from '../scan-pipeline.js';
import { parseControllerField } from '../controller-field-flag.js';
import { describeRef } from '../../model/object-ref.js';
import { describeEmptyScan } from '../../report/describe-empty-scan.js';
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
  'controller-field': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  kustomize: { type: 'string' },
  'kustomize-timeout': { type: 'string' },
  'allow-remote-bases': { type: 'boolean', default: false },
  'report-file': { type: 'string', multiple: true },
  pushgateway: { type: 'string' },
  'scan-name': { type: 'string', default: 'scan' },
  'max-file-size': { type: 'string', default: DEFAULT_MAX_FILE_SIZE },
  exclude: { type: 'string', multiple: true },
  'exclude-kind': { type: 'string', multiple: true },
  'restart-as-drift': { type: 'boolean', default: false },
  ...PR_OPTIONS,
} as const;

export const scanCommand: Command = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: SCAN_OPTIONS, allowPositionals: false, strict: true });
  if (!values.repo) throw new UsageError('scan needs --repo <git url or local path>');
  const output = oneOf(values.output, OUTPUT_FORMATS, '--output');
  const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on') as FailOn;
  const reportFiles = parseReportFiles(values['report-file'], io.cwd);
  const pushgateway = values.pushgateway === undefined ? undefined : pushgatewayUrl(values.pushgateway);
  const maxFileSize = parseFileSize(values['max-file-size']);
  if ('reason' in maxFileSize) throw new UsageError(`--max-file-size ${maxFileSize.reason}`);
  // Bad pull-request flags are bad input: refused before the cluster is asked or anything cloned.
  const pullRequests = values['open-prs'] ? preparePullRequests(values, io) : undefined;
  const controllerFields = values['controller-field']?.map(parseControllerField);
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
      restartAsDrift: values['restart-as-drift'],
      maxFileBytes: maxFileSize.bytes,
      exclude: excludeGlobs(values.exclude),
      excludeKinds: excludeKinds(values['exclude-kind']),
      controllerFields,
      token: githubCloneToken(values.repo, values['github-token'] ?? io.env.GITHUB_TOKEN, values['github-api-url']),
      kustomize,
      env: io.env,
      cwd: io.cwd,
    });
    const secrets = collectSecretValues([...outcome.live.values(), ...outcome.baseline.manifests.map((m) => m.object)]);
    const say = (text: string) => scrubSecretValues(text, secrets);
    const nothingCompared = outcome.report.results.length === 0;
    // Nothing compared: one line that sums up every skipped and unreadable place (the report lists each).
    if (nothingCompared) io.stderr.write(say(`driftback: error: ${describeEmptyScan({ ...outcome.baseline, excludedObjects: outcome.excludedObjects })}\n`));
    else reportProblems(io, outcome, say);
    for (const warning of outcome.warnings) io.stderr.write(say(`driftback: warning: ${warning}\n`));
    const shown = scrubReportValues(outcome.report, secrets);
    io.stdout.write(say(formatReport(shown, output as OutputFormat)));
    writeReportFiles(reportFiles, (format) => say(formatReport(shown, format)));

    let code: ExitCode = exitCodeFor(outcome.report, failOn);
    if (pushgateway) {
      const target = { url: pushgateway, namespace: values.namespace ?? outcome.connection.namespace, name: values['scan-name'] };
      code = await pushScanMetrics(target, outcome.report, code, io, Date.now());
    }
    const baselineHadErrors = outcome.problems.some((p) => p.severity === 'error');
    // A scan that saw nothing, or only part of Git, must not rewrite or close the pull requests of drift it could not look at.
    if (pullRequests && baselineHadErrors && !nothingCompared) {
      io.stderr.write('driftback: pull requests left alone: the scan is incomplete (see the errors above), so nothing is written to Git\n');
    } else if (pullRequests && !nothingCompared) {
      const renderer = createKustomizeRenderer({ ...kustomize, pathVariable: io.env.PATH });
      const prCode = await openPullRequests(pullRequests, { ...outcome, report: redactSecretChanges(outcome.report, secrets) }, io, say, renderer);
      if (prCode !== EXIT.ok) code = prCode;
    }
    return code;
  } catch (error) {
    return reportFailure(io, error);
  }
};

function reportProblems(io: CommandIO, outcome: ScanOutcome, say: (text: string) => string): void {
  for (const problem of outcome.problems) io.stderr.write(say(`driftback: ${problem.severity === 'error' ? 'error' : 'warning'}: ${problem.message}\n`));
  for (const result of outcome.report.results) {
    if (result.status === 'Error') io.stderr.write(say(`driftback: error: ${describeRef(result.object)}: ${result.error}\n`));
  }
}

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

function excludeGlobs(globs: string[] | undefined): string[] | undefined {
  if (globs?.some((glob) => glob.trim() === '')) throw new UsageError('--exclude takes a path glob such as "vendor/**" or "*.json" (got "")');
  return globs;
}

/** `Kind` or `group/Kind`; an apiVersion in place of the group would silently match nothing. */
function excludeKinds(kinds: string[] | undefined): string[] | undefined {
  const bad = kinds?.find((kind) => !/^(?:[a-z0-9.-]+\/)?[A-Za-z][A-Za-z0-9]*$/.test(kind) || /^v\d[^/]*\//.test(kind));
  if (bad !== undefined) throw new UsageError(`--exclude-kind takes Kind or group/Kind, such as Secret or apps/Deployment (got "${bad}")`);
  return kinds;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}
