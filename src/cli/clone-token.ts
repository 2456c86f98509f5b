/**
 * The GitHub token (`--github-token`, else GITHUB_TOKEN) to clone `--repo` with, given only when
 * `--repo` is an HTTP(S) URL on the host the token is for: github.com, or the host of
 * `--github-api-url` (GitHub Enterprise Server serves its API at https://HOST/api/v3 and git at
 * https://HOST/...; an `api.` prefix, as in api.github.com, is the same host's API). Any other
 * host (a GitLab, a mirror, a CI cache) never receives it.
 */
export function githubCloneToken(repo: string, token: string | undefined, apiUrl: string | undefined): string | undefined {
  if (!token) return undefined;
  const host = httpHost(repo);
  if (!host) return undefined;
  const githubHosts = new Set(['github.com']);
  const apiHost = httpHost(apiUrl ?? 'https://api.github.com');
  if (apiHost) githubHosts.add(apiHost).add(apiHost.replace(/^api\./, ''));
  return githubHosts.has(host) ? token : undefined;
}

/** `host[:port]`, lower case, of an http(s) URL; undefined for anything else. */
function httpHost(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
