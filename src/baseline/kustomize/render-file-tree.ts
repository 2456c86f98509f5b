import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isJsonObject, type KubeObject } from '../../model/index.js';
import { parseDocuments } from '../parse-documents.js';
import { normalizeRepoPath } from '../repo-paths.js';
import { findKustomizeBinary } from './kustomize-binary.js';
import type { RenderSettings } from './render-roots.js';
import { runKustomize } from './run-kustomize.js';

/**
 * Renders a root from files held in memory: codify proves an overlay edit this way before it
 * commits it. The files go to a fresh temporary directory, removed afterwards; the render is the
 * scan's sandboxed one.
 */
export function createKustomizeRenderer(settings: RenderSettings): {
  render(files: ReadonlyMap<string, string>, root: string): Promise<{ objects: KubeObject[] } | { error: string }>;
} {
  return {
    async render(files, root) {
      let binary;
      try {
        binary = await findKustomizeBinary(settings.binary, settings.pathVariable);
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
      const dir = await mkdtemp(join(tmpdir(), 'driftback-rerender-'));
      try {
        const tree = join(dir, 'tree');
        await mkdir(tree);
        for (const [path, text] of files) {
          const normalized = normalizeRepoPath(path);
          if ('reason' in normalized) return { error: `refused to write ${path}: it ${normalized.reason}` };
          const target = join(tree, normalized.path);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, text);
        }
        const outcome = await runKustomize(binary, join(tree, root), { ...settings, home: dir });
        if ('error' in outcome) return { error: outcome.error.split(`${tree}/`).join('') };
        const parsed = parseDocuments(outcome.yaml);
        if ('error' in parsed) return { error: `${root} (rendered):${parsed.error.line}:${parsed.error.column}: ${parsed.error.reason}` };
        if ('template' in parsed) return { error: `${root} (rendered): template syntax at line ${parsed.template.line}` };
        return { objects: parsed.documents.map((doc) => doc.value).filter(isJsonObject) as unknown as KubeObject[] };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
