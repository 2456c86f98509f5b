export { createGitPort, GitStepError } from './simple-git-port.js';
export { resolveInside } from './safe-path.js';
