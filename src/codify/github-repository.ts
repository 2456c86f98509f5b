/**
 * `owner/name` from a github.com repository URL (https, ssh or scp-like), for
 * `--github-repository`'s default; undefined for anything else (GHES needs the flag).
 */
export function githubRepositoryFromUrl(repo: string): string | undefined {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(
    repo,
  );
  return match ? `${match[1]}/${match[2]}` : undefined;
}
