import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../../src/cli/main.js';
import { SAMPLE_REPO_FILES } from '../../../src/demo/sample-app.js';

const SEEDED_PASSWORD = /DATABASE_PASSWORD: (.+)/.exec(SAMPLE_REPO_FILES['apps/shop/base/api/secret.yaml']!)![1]!;

describe('driftback demo', () => {
  it('runs scan, pull request and operator on the embedded stand-in and shows each step, without any Secret value', async () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: process.cwd() };
    const code = await runCli(['demo'], io);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    expect(stdout).toMatch(/^Drifted\s+violating\s+Deployment\s+shop\s+api\s/m);
    expect(stdout).toMatch(/^Drifted\s+compliant\s+Deployment\s+shop\s+web\s/m);
    expect(stdout).toMatch(/^Missing\s+-\s+Service\s+shop\s+api\s/m);
    expect(stdout).toContain('~ /spec/replicas: 3 -> 5');
    expect(stdout).toContain('8 objects: 3 in sync, 4 drifted (3 compliant, 1 violating), 1 missing, 0 errors');

    // The prod overlay is rendered and scanned; each object names the file it came from and the root.
    expect(stdout).toMatch(/kubectl apply -k apps\/shop\/overlays\/prod +# rendered by kustomize v5\./);
    expect(stdout).toMatch(/^Drifted\s+compliant\s+Deployment\s+shop\s+web\s+apps\/shop\/base\/web\/deployment\.yaml#0 \(apps\/shop\/overlays\/prod\)$/m);

    // One pull request for the scan; it writes into the overlay, never the base: the images tag and
    // the replicas entry in place (comments kept), a new patch for what the overlay did not set.
    expect(stdout.match(/pull request created: #\d+/g)).toHaveLength(1);
    const diff = stdout.slice(stdout.indexOf('--- commit on'), stdout.indexOf('--- pull request #'));
    expect(diff).toContain('+    newTag: "1.14.3"  # promoted from staging');
    expect(diff).toContain('+    count: 5  # baseline capacity; scaled by hand during sales');
    expect(diff).toContain('+++ b/apps/shop/overlays/prod/driftback-deployment-web.yaml');
    expect(diff).toContain('+    release: spring-sale');
    expect(diff).toContain('+  - path: driftback-deployment-web.yaml');
    expect(diff).not.toContain('apps/shop/base/');
    expect(diff).not.toContain('ghcr.io/acme/api:latest');

    // The operator finds a live edit and updates the same pull request.
    expect(stdout).toMatch(/DriftWatch driftback-system\/shop Ready: compared 7 objects/);
    expect(stdout).toMatch(/Event DriftDetected on Deployment shop\/web after \d+ ms/);
    expect(stdout).toMatch(/pull request #1 on driftback\/driftback-system-shop-apps-shop-overlays-prod updated/);

    for (const secret of [SEEDED_PASSWORD, 'hunter2-rotated-by-hand']) {
      expect(stdout).not.toContain(secret);
      expect(stdout).not.toContain(Buffer.from(secret).toString('base64'));
    }
  }, 120_000);
});
