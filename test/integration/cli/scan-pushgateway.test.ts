/**
 * `scan --pushgateway`: the drift gauges the operator exports, pushed once per scan, checked
 * against a small HTTP server that records what a Pushgateway would receive.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DriftReport } from '../../../src/model/report.js';
import { SHOP_FILES } from '../../support/cli-fixtures.js';
import { linesOf, runDriftback, startScanCluster, writeTestFile, type ScanCluster } from '../../support/cli-harness.js';
import { createGitRepo, type GitRepo } from '../../support/git-repo.js';

const NO_CONFIG_DRIFT = `apiVersion: driftback.dev/v1alpha1
kind: DriftPolicy
metadata:
  name: no-config-drift
spec:
  rules:
    - name: config-is-reviewed
      match:
        kinds: [ConfigMap]
      expression: "false"
      message: ConfigMaps change only through Git
      severity: high
`;

interface Push {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

/** Records every request; answers with `status`. */
class RecordingGateway {
  readonly pushes: Push[] = [];
  status = 200;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<RecordingGateway> {
    const server = createServer();
    const gateway = new RecordingGateway(server);
    server.on('request', (req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        gateway.pushes.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
        res.writeHead(gateway.status).end(gateway.status === 200 ? '' : 'gateway says no');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return gateway;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** Sample values by series (`name{labels}`) from the Prometheus text format. */
function samples(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of linesOf(text)) {
    if (line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

describe('scan --pushgateway', () => {
  let cluster: ScanCluster;
  let repo: GitRepo;
  let gateway: RecordingGateway;
  let policyFile: string;
  const scan = (...extra: string[]) =>
    runDriftback(['scan', '--repo', repo.url, '--path', 'clusters/prod', '--kubeconfig', cluster.kubeconfig, '--output', 'json', ...extra]);

  beforeAll(async () => {
    cluster = await startScanCluster({ namespace: 'shop' });
    repo = createGitRepo(SHOP_FILES);
    await cluster.apply(SHOP_FILES);
    gateway = await RecordingGateway.start();
    policyFile = writeTestFile(cluster.dir, 'no-config-drift.yaml', NO_CONFIG_DRIFT);
  });

  afterEach(() => {
    gateway.pushes.length = 0;
    gateway.status = 200;
  });

  afterAll(async () => {
    await gateway.close();
    await cluster.close();
    repo.cleanup();
  });

  it('pushes every verdict as zero and no drift age for a scan in sync, grouped by namespace and scan name', async () => {
    const run = await scan('--pushgateway', gateway.url, '--scan-name', 'nightly');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(gateway.pushes).toHaveLength(1);
    const push = gateway.pushes[0]!;
    expect(push.method).toBe('PUT');
    expect(push.url).toBe('/metrics/job/driftback-scan/namespace/shop/driftwatch/nightly');
    expect(samples(push.body)).toEqual(
      new Map([
        ['driftback_drifted_objects{namespace="shop",driftwatch="nightly",verdict="compliant"}', 0],
        ['driftback_drifted_objects{namespace="shop",driftwatch="nightly",verdict="violating"}', 0],
        ['driftback_drifted_objects{namespace="shop",driftwatch="nightly",verdict="none"}', 0],
        ['driftback_drift_age_seconds{namespace="shop",driftwatch="nightly"}', 0],
      ]),
    );
  });

  describe('after hand edits', () => {
    beforeAll(async () => {
      await cluster.kubectl.mergePatch({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }, { spec: { replicas: 5 } }, 'kubectl-scale');
      await cluster.kubectl.mergePatch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' } }, { data: { FEATURE_CHECKOUT_V2: 'true' } }, 'kubectl-edit');
    });

    it('pushes the drifted objects by verdict and the age of the earliest hand edit; the exit code stays the scan own', async () => {
      const before = Date.now();
      const run = await scan('--pushgateway', gateway.url, '--policy', policyFile, '--namespace', 'shop');
      const after = Date.now();
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as DriftReport;
      const earliestEdit = Math.min(...report.results.flatMap((r) => r.actors.map((a) => Date.parse(a.time!))));

      expect(gateway.pushes.map((p) => p.url)).toEqual(['/metrics/job/driftback-scan/namespace/shop/driftwatch/scan']);
      const pushed = samples(gateway.pushes[0]!.body);
      expect(pushed.get('driftback_drifted_objects{namespace="shop",driftwatch="scan",verdict="compliant"}')).toBe(1);
      expect(pushed.get('driftback_drifted_objects{namespace="shop",driftwatch="scan",verdict="violating"}')).toBe(1);
      expect(pushed.get('driftback_drifted_objects{namespace="shop",driftwatch="scan",verdict="none"}')).toBe(0);
      // The age was measured between the two clock readings around the scan, from the earliest edit.
      const pushedAt = earliestEdit + pushed.get('driftback_drift_age_seconds{namespace="shop",driftwatch="scan"}')! * 1000;
      expect(pushedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(pushedAt).toBeLessThanOrEqual(after + 1000);
    });

    it('a gateway that refuses the push makes the scan exit 2, naming the gateway without its password', async () => {
      gateway.status = 500;
      const url = gateway.url.replace('http://', 'http://ops:s3cret-pw@');
      const run = await scan('--pushgateway', url);
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'DriftReport' });
      expect(linesOf(run.stderr)).toEqual([expect.stringMatching(/^driftback: cannot push metrics to http:\/\/127\.0\.0\.1:\d+\/: .*500/)]);
      expect(run.stderr).not.toContain('s3cret-pw');
      expect(gateway.pushes).toHaveLength(1);
    });
  });

  it('an incomplete scan pushes nothing and says so', async () => {
    const broken = createGitRepo({ 'clusters/prod/odd.yaml': 'apiVersion: acme.io/v1\nkind: Frobnicator\nmetadata:\n  name: odd\n  namespace: shop\n', ...SHOP_FILES });
    try {
      const run = await runDriftback(['scan', '--repo', broken.url, '--path', 'clusters/prod', '--kubeconfig', cluster.kubeconfig, '--output', 'json', '--pushgateway', gateway.url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`driftback: metrics not pushed to ${gateway.url}/: the scan was incomplete`);
      expect(gateway.pushes).toEqual([]);
    } finally {
      broken.cleanup();
    }
  });
});
