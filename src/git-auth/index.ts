export { describeGitStop, gitEnvironment, type GitAccess, type GitEnvironment } from './git-environment.js';
export { redact, stripUrlCredentials, tokenSecrets } from './redact.js';
