import { Pushgateway, Registry } from 'prom-client';
import { createDriftGauges } from '../controller/metrics.js';
import type { DriftReport } from '../model/report.js';
import { countDriftedByVerdict, earliestDriftWrite } from '../report/drift-gauges.js';
import { EXIT, UsageError, type CommandIO, type ExitCode } from './command.js';
import { describeFailure } from './describe-failure.js';

/** The Pushgateway job of every scan; its group is the scan's namespace and name. */
export const SCAN_JOB = 'driftback-scan';
const PUSH_TIMEOUT_MS = 10_000;

export interface PushTarget {
  url: URL;
  namespace: string;
  /** `--scan-name`: the `driftwatch` label, as a DriftWatch's name is for the operator. */
  name: string;
}

/** `--pushgateway <url>`, checked before the cluster is asked or anything cloned. */
export function pushgatewayUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--pushgateway must be an http(s) URL (got "${text}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--pushgateway must be an http(s) URL (got "${withoutPassword(url)}")`);
  return url;
}

/**
 * Replaces the scan's group on the Pushgateway with the drift gauges of this report (a PUT, so a
 * verdict whose count fell to zero is pushed as zero, not left at its old value). An incomplete
 * scan (exit 2) pushes nothing: its counts would read as less drift than there is, while the
 * group's push_time_seconds going stale shows that scans stopped completing.
 */
export async function pushScanMetrics(target: PushTarget, report: DriftReport, code: ExitCode, io: CommandIO, now: number): Promise<ExitCode> {
  const where = withoutPassword(target.url);
  if (code === EXIT.failure) {
    io.stderr.write(`driftback: metrics not pushed to ${where}: the scan was incomplete\n`);
    return code;
  }
  const registry = new Registry();
  const gauges = createDriftGauges([registry]);
  const labels = { namespace: target.namespace, driftwatch: target.name };
  for (const [verdict, count] of Object.entries(countDriftedByVerdict(report.results))) gauges.driftedObjects.set({ ...labels, verdict }, count);
  const since = earliestDriftWrite(report.results);
  gauges.oldestDriftAge.set(labels, since === undefined ? 0 : Math.max(0, (now - since) / 1000));
  try {
    await new Pushgateway(target.url.href, { timeout: PUSH_TIMEOUT_MS }, registry).push({ jobName: SCAN_JOB, groupings: labels });
    return code;
  } catch (error) {
    io.stderr.write(`driftback: cannot push metrics to ${where}: ${describeFailure(error)}\n`);
    return EXIT.failure;
  }
}

function withoutPassword(url: URL): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return shown.href;
}
