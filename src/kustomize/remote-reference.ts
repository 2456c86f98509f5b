/**
 * Whether a `resources`/`components` entry names something kustomize would fetch: a URL, an
 * scp-like git address, a `git::` getter, a bare forge host, or a `?ref=` query (kustomize's
 * repospec accepts all of them).
 */
export function isRemoteReference(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^git(@|::)/i.test(entry) ||
    /^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com)[/:]/i.test(entry) ||
    /[?&](ref|version|submodules|timeout)=/.test(entry)
  );
}
