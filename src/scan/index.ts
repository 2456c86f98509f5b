/**
 * The one-shot scan: from a Git revision, a cluster and policies to a report. The CLI, the demo and
 * the bench all run it; none of them imports another for it.
 */
export { runScan, type ScanOptions, type ScanOutcome } from './run-scan.js';
export { describeIoError, loadPolicySources, readPolicyFile, resolvePolicySources, type PolicySource } from './policy-sources.js';
