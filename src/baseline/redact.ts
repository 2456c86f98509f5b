// One redaction for every git caller lives in src/git-auth; the baseline re-exports it.
export { redact, stripUrlCredentials } from '../git-auth/index.js';
