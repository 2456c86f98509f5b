/**
 * The operator under injected faults (test/support/soak.ts). CI runs a short soak; `npm run soak`
 * runs the full one (DRIFTBACK_SOAK_EDITS=500) and asserts the RSS bound too, which a short run is
 * too brief to measure at steady state.
 */
import { describe, expect, it } from '@jest/globals';
import { formatSoakReport, runSoak } from '../../support/soak.js';

const EDITS = Number(process.env.DRIFTBACK_SOAK_EDITS ?? 100);
const SEED = Number(process.env.DRIFTBACK_SOAK_SEED ?? 20261205);
const FULL = EDITS >= 500;

describe('operator soak under injected faults', () => {
  it(`${EDITS} hand edits, seed ${SEED}: nothing missed, duplicated, stale, crashed or leaked`, async () => {
    const report = await runSoak({ seed: SEED, edits: EDITS, objects: 24 });
    process.stderr.write(`${formatSoakReport(report)}\n`);
    expect(report.editsMade).toBeGreaterThanOrEqual(EDITS);
    expect({
      missed: report.missed,
      duplicatePullRequests: report.duplicatePullRequests,
      staleAtEnd: report.staleAtEnd,
      crashes: report.crashes,
      secretLeaks: report.secretLeaks,
    }).toEqual({ missed: 0, duplicatePullRequests: 0, staleAtEnd: 0, crashes: 0, secretLeaks: 0 });
    expect(report.editsReported).toBe(report.editsMade);
    if (FULL) expect(report.rssGrowthPct).toBeLessThanOrEqual(10);
    expect(Object.entries(report.faults).filter(([, n]) => n === 0)).toEqual([]);
  }, FULL ? 3_600_000 : 300_000);
});
