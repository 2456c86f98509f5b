const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;

/** `https://user:token@host/x` becomes `https://host/x`, wherever it occurs in the text. */
export function stripUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1');
}

/** Removes credentials in URLs and every occurrence of the given secrets from a message. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = stripUrlCredentials(text);
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join('***');
  }
  return result;
}
