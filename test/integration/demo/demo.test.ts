import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../../src/cli/main.js';
import { SAMPLE_REPO_FILES } from '../../../src/demo/sample-app.js';

const SEEDED_PASSWORD = /DATABASE_PASSWORD: (.+)/.exec(SAMPLE_REPO_FILES['clusters/prod/api/secret.yaml']!)![1]!;

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

    // One pull request for the scan; its commit changes only the drifted lines and keeps the comment.
    expect(stdout.match(/pull request created: #\d+/g)).toHaveLength(1);
    expect(stdout).toContain('+  replicas: 5  # baseline capacity');
    expect(stdout).toContain('+    release: spring-sale');
    expect(stdout).not.toContain('ghcr.io/acme/api:latest"\n+');

    // The operator finds a live edit and updates the same pull request.
    expect(stdout).toMatch(/DriftWatch driftback-system\/shop Ready: compared 7 objects/);
    expect(stdout).toMatch(/Event DriftDetected on Deployment shop\/web after \d+ ms/);
    expect(stdout).toMatch(/pull request #1 on driftback\/driftback-system-shop-clusters-prod updated/);

    for (const secret of [SEEDED_PASSWORD, 'hunter2-rotated-by-hand']) {
      expect(stdout).not.toContain(secret);
      expect(stdout).not.toContain(Buffer.from(secret).toString('base64'));
    }
  }, 120_000);
});
