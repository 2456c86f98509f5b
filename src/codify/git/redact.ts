/**
 * Git echoes what it was given: a failing push can print the extra header, a URL, or the
 * credential it tried. Every message that leaves this folder goes through scrubSecret first.
 */
export function basicAuthHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

function secretForms(token: string): string[] {
  const forms = [
    token,
    Buffer.from(token).toString('base64'),
    Buffer.from(`x-access-token:${token}`).toString('base64'),
    Buffer.from(token).toString('base64url'),
    encodeURIComponent(token),
    Buffer.from(token).toString('hex'),
  ];
  // Longest first so that a form containing another is replaced whole.
  return [...new Set(forms)].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

export function scrubSecret(text: string, token: string | undefined): string {
  if (!token) return text;
  let scrubbed = text;
  for (const form of secretForms(token)) scrubbed = scrubbed.split(form).join('***');
  return scrubbed;
}

/** The repository as it may be shown: credentials in the URL's user-info are dropped. */
export function displayRepo(repo: string): string {
  try {
    const url = new URL(repo);
    if (!url.username && !url.password) return repo;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return repo;
  }
}
