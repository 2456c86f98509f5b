export { createGitPort, GitStepError } from './simple-git-port.js';
export { UnsafePathError } from './safe-path.js';
export { displayRepo, scrubSecret } from './redact.js';
