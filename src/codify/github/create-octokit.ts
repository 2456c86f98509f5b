import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export type GitHubAuth =
  | { token: string }
  | { appId: number | string; privateKey: string; installationId: number | string };

export interface GitHubClientOptions {
  /** Default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3. */
  apiUrl?: string;
  auth: GitHubAuth;
  userAgent?: string;
  /**
   * GitHub's limits, as plugin-throttling enforces them: writes 1 s apart, content creation 3 s
   * apart, waits for retry-after / x-ratelimit-reset on 403 and 429. Tests shrink the waits
   * (retryAfterBaseMs) or turn the spacing off (enabled: false).
   */
  /**
   * A rate limit whose reset is further away than `maxWaitSeconds` (default 60) is not waited out
   * in the process: the request fails as rate-limited and the caller defers that write, so one
   * exhausted quota never freezes the operator's other outputs, its Lease or its SIGTERM.
   */
  throttle?: { enabled?: boolean; retryAfterBaseMs?: number; maxRetries?: number; maxWaitSeconds?: number };
  /** Retries of 5xx and other transient failures: 3 by default, after 1, 4 and 9 s. */
  retry?: { retries?: number; retryAfterBaseMs?: number };
  log?: (message: string) => void;
  /** Called with `x-ratelimit-remaining` of every response that carries it (the operator exports it as a metric). */
  onRateLimitRemaining?: (remaining: number) => void;
}

const DriftbackOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof DriftbackOctokit>;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.log ?? (() => undefined);
  const maxRetries = options.throttle?.maxRetries ?? 3;
  const maxWaitSeconds = options.throttle?.maxWaitSeconds ?? 60;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < maxRetries && retryAfter <= maxWaitSeconds;
      const until = new Date(Date.now() + retryAfter * 1000).toISOString();
      log(`GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `retrying after ${retryAfter}s` : `deferred until ${until}`}`);
      return retrying;
    };
  const auth = options.auth;
  const client = new DriftbackOctokit({
    baseUrl: (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'driftback',
    ...('token' in auth
      ? { auth: auth.token }
      : {
          authStrategy: createAppAuth,
          auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId },
        }),
    throttle: {
      enabled: options.throttle?.enabled ?? true,
      retryAfterBaseValue: options.throttle?.retryAfterBaseMs ?? 1000,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    retry: {
      retries: options.retry?.retries ?? 3,
      retryAfterBaseValue: options.retry?.retryAfterBaseMs ?? 1000,
    },
    // Failed requests surface as thrown errors; Octokit's own per-request error lines would repeat them.
    log: { debug: () => undefined, info: () => undefined, warn: log, error: () => undefined },
  });
  const report = options.onRateLimitRemaining;
  if (report) {
    const read = (headers: Record<string, unknown> | undefined) => {
      const remaining = Number(headers?.['x-ratelimit-remaining']);
      if (Number.isFinite(remaining)) report(remaining);
    };
    client.hook.after('request', (response) => read(response.headers));
    client.hook.error('request', (error) => {
      read((error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
      throw error;
    });
  }
  return client;
}
