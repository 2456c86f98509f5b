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
  /** The Kustomize roots that were rendered, by directory. */
  kustomize?: Map<string, KustomizeTree>;
}
