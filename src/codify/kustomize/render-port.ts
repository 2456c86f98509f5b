import type { KubeObject } from '../../model/index.js';

/**
 * Renders a kustomization from files held in memory (the base branch with edits applied), so
 * codify can check an edit before committing it. src/baseline implements it with the same
 * sandboxed kustomize as the scan.
 */
export interface KustomizeRenderPort {
  /** `files`: repository path to text, holding at least every file the root's build reads. */
  render(files: ReadonlyMap<string, string>, root: string): Promise<{ objects: KubeObject[] } | { error: string }>;
}
