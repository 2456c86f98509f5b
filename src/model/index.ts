export * from './json.js';
export * from './kube-object.js';
export * from './object-ref.js';
export * from './manifest.js';
export * from './drift.js';
export * from './verdict.js';
export * from './report.js';
export * from './merge-keys.js';
