export { applyChangesToSource, type EditSubject, type SourceEdit } from './apply-changes.js';
