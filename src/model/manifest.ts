import type { KubeObject } from './kube-object.js';
import type { KustomizeTree, RenderedOrigin } from './kustomization.js';
import type { ObjectRef } from './object-ref.js';

/** Where a manifest came from: a path relative to the repository root and a 0-based document index. */
export interface SourceLocation {
  path: string;
  document: number;
  /** 1-based line of the document's first line, for SARIF and messages. */
  line?: number;
  /** The Kustomize root (a repository directory) that rendered the object; `path` is then the file it came from. */
  root?: string;
  /** The binary and version that rendered it, e.g. `kustomize v5.5.0 (kubectl)`. */
  renderer?: string;
}

export interface Manifest {
  ref: ObjectRef;
  object: KubeObject;
  source: SourceLocation;
  /** Present when the object was rendered by kustomize. */
  origin?: RenderedOrigin;
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

/** What the baseline's paths held, so that a scan that compared nothing can say what it found. */
export interface BaselineInventory {
  /** `.yaml`, `.yml` and `.json` files (and Kustomize files), read or skipped. */
  manifestFiles: number;
  /** Other files below the paths (a README, code), not read. */
  otherFiles: number;
  /** Files and directories left out by `--exclude`. */
  excludedPaths: number;
}

export interface Baseline {
  repo: string;
  /** The commit sha that was read. */
  revision: string;
  paths: string[];
  manifests: Manifest[];
  problems: BaselineProblem[];
  /** The Kustomize roots that were rendered, by directory. */
  kustomize?: Map<string, KustomizeTree>;
  inventory: BaselineInventory;
}
