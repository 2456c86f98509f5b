export { KUSTOMIZATION_FILES } from './parse-kustomization.js';
export { readKustomizeTree, type ReadRepoFile } from './read-tree.js';
export { blameField, describeWriter, fieldSources, type FieldWriter } from './blame-field.js';
export { parseImage } from './image-reference.js';
