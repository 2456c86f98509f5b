export type { CompareOptions } from './compare-options.js';
export { compareObjects } from './compare-objects.js';
export { findActors } from './find-actors.js';
export { DEFAULT_GIT_MANAGERS, SYSTEM_MANAGERS } from './managers.js';
export { secretFingerprint } from './secret-redaction.js';
