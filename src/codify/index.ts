export * from './platform.js';
export * from './git-port.js';
export * from './ensure-pull-requests.js';
export { PR_GROUPINGS, BRANCH_PREFIX, branchFor, type PrGrouping } from './group-drift.js';
export type { SourceEditor } from './plan-edits.js';
export { fingerprintDrift } from './fingerprint.js';
export { readMarker } from './pr-body.js';
export { githubRepositoryFromUrl } from './github-repository.js';
export type { CodifyDisposition } from './disposition.js';
