import { describe, expect, it } from '@jest/globals';
import { createMetrics } from '../../../src/controller/metrics.js';

describe('createMetrics', () => {
  // A standby replica never calls GitHub: a rate limit of 0 from it would fire the rate-limit alert.
  it('exports no GitHub rate limit until a response reported one', async () => {
    const metrics = createMetrics();
    expect(await metrics.registry.metrics()).not.toContain('driftback_github_rate_limit_remaining');
    metrics.githubRateLimitRemaining.set(4321);
    metrics.githubRateLimitRemaining.set(4320);
    expect(await metrics.registry.metrics()).toContain('\ndriftback_github_rate_limit_remaining 4320\n');
  });
});
