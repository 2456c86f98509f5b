export { BaselineError, BASELINE_ERROR_KINDS, type BaselineErrorKind, type BaselineErrorDetails } from './baseline-error.js';
export { gitRemote, loadBaseline, type LoadBaselineOptions } from './load-baseline.js';
export { readManifests, type ReadManifestsOptions, type ManifestsRead } from './read-manifests.js';
export { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_SIZE, parseFileSize } from './file-size.js';
export { resolveNamespaces, type ScopeOf } from './resolve-namespaces.js';
export { MAX_EXPANDED_NODES } from './parse-documents.js';
export { customKindsInGit, type CustomKindsInGit, type ServedKinds } from './custom-kinds-in-git.js';
