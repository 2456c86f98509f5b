import type { KubeObject } from './kube-object.js';
import type { ObjectRef } from './object-ref.js';

/** Where a manifest came from: a path relative to the repository root and a 0-based document index. */
export interface SourceLocation {
  path: string;
  document: number;
  /** 1-based line of the document's first line, for SARIF and messages. */
  line?: number;
}

export interface Manifest {
  ref: ObjectRef;
  object: KubeObject;
  source: SourceLocation;
}

/** A problem found while reading the baseline; `fatal` problems make the scan exit 2. */
export interface BaselineProblem {
  severity: 'error' | 'warning';
  /** One line, naming file (and line:column where known) and the reason. */
  message: string;
  path?: string;
}

export interface Baseline {
  repo: string;
  /** The commit sha that was read. */
  revision: string;
  paths: string[];
  manifests: Manifest[];
  problems: BaselineProblem[];
}
