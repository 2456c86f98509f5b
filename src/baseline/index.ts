export { BaselineError, BASELINE_ERROR_KINDS, type BaselineErrorKind, type BaselineErrorDetails } from './baseline-error.js';
export { gitRemote, loadBaseline, type LoadBaselineOptions } from './load-baseline.js';
export { readManifests, DEFAULT_MAX_FILE_BYTES, type ReadManifestsOptions, type ManifestsRead } from './read-manifests.js';
export { resolveNamespaces, type ScopeOf } from './resolve-namespaces.js';
export { MAX_EXPANDED_NODES } from './parse-documents.js';
export { createRenderCache, type RenderCache, type RenderSettings } from './kustomize/render-roots.js';
export { DEFAULT_RENDER_TIMEOUT_MS } from './kustomize/run-kustomize.js';
export { createKustomizeRenderer } from './kustomize/render-file-tree.js';
