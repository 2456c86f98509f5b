/**
 * `--exclude` patterns, as .gitignore reads them: `*` and `?` stay within one path segment, `**`
 * spans any number of segments, and a pattern without a `/` matches a file or directory name at
 * any depth (`*.json`, `tests`). A pattern with a `/` is anchored at the repository root
 * (`clusters/prod/secrets.yaml`, `vendor/**`). A matching directory excludes everything below it.
 */
export type PathMatcher = (path: string) => boolean;

export function compilePathGlobs(patterns: readonly string[]): PathMatcher {
  const compiled = patterns.map((pattern) => {
    const trimmed = pattern.replace(/^\.?\//, '').replace(/\/+$/, '');
    return { anywhere: !trimmed.includes('/'), regex: new RegExp(`^${globToRegex(trimmed)}$`) };
  });
  if (compiled.length === 0) return () => false;
  return (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return compiled.some(({ anywhere, regex }) => regex.test(anywhere ? name : path));
  };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more directories; a trailing `**` is everything below.
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') {
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else {
      out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return out;
}
