/**
 * Git echoes what it was given: a failing command can print a URL with its credentials, the
 * extra header, or the credential it tried. Every message about a git command goes through
 * redact() with the secrets of its GitEnvironment before it leaves the module that ran git.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;

/** `https://user:token@host/x` becomes `https://host/x`, wherever it occurs in the text. */
export function stripUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1');
}

/** Removes credentials in URLs and every occurrence of the given secrets from a message. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = stripUrlCredentials(text);
  // Longest first, so that a form containing another is replaced whole.
  const ordered = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of ordered) result = result.split(secret).join('***');
  return result;
}

/** The value of the `Authorization` header git sends for a token. */
export function basicCredential(token: string): string {
  return `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

/** A token in every form git or a remote may echo it: plain, in the header, encoded. */
export function tokenSecrets(token: string | undefined): string[] {
  if (!token) return [];
  return [
    token,
    Buffer.from(`x-access-token:${token}`).toString('base64'),
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('base64url'),
    encodeURIComponent(token),
    Buffer.from(token).toString('hex'),
  ];
}

/** A password written into the URL, as given and decoded, so that no message repeats it. */
export function urlPasswords(remote: string): string[] {
  try {
    const { password } = new URL(remote);
    if (!password) return [];
    try {
      return [password, decodeURIComponent(password)];
    } catch {
      return [password];
    }
  } catch {
    return [];
  }
}
