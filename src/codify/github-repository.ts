/** `owner/name` of a github.com remote (https, ssh or scp-like form); undefined for other hosts. */
export function githubRepositoryFromUrl(repo: string): string | undefined {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(repo);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
