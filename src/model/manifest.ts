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

/**
 * What reading the baseline ran into. `error`: something that should have been compared was not
 * (a file that did not parse, a refused file, an object defined twice), so the scan is partial;
 * `skipped`: something deliberately not compared, and why (a Helm chart, a document that is not
 * a Kubernetes object); `warning`: a notice that changes nothing compared.
 */
export type ProblemSeverity = 'error' | 'skipped' | 'warning';

export interface BaselineProblem {
  severity: ProblemSeverity;
  /** The file or directory, relative to the repository root. */
  path: string;
  document?: number;
  /** 1-based line, where known. */
  line?: number;
  object?: ObjectRef;
  /** Why, without the place. */
  reason: string;
  /** One line for people: the place (`file:line:column`, `file#document (line n)`) and the reason. */
  message: string;
}

export interface Baseline {
  repo: string;
  /** The commit sha that was read. */
  revision: string;
  paths: string[];
  manifests: Manifest[];
  problems: BaselineProblem[];
}
