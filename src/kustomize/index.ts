export { KUSTOMIZATION_FILES, parseKustomization, type KustomizationFile } from './parse-kustomization.js';
export { findKustomizationFile, readKustomizeTree, resolveEntry, type ReadRepoFile, type ReadTreeOptions } from './read-tree.js';
export { isRemoteReference } from './remote-reference.js';
export { blameField, chainTo, describeWriter, fieldSources, type FieldWriter } from './blame-field.js';
export { imageName, parseImage, type ImageReference } from './image-reference.js';
export { matchesSelector } from './match-selector.js';
