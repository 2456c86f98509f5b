export * from './build-report.js';
export * from './exit-code.js';
export * from './format-report.js';
export * from './format-table.js';
export * from './format-markdown.js';
export * from './format-sarif.js';
export * from './scrub-secrets.js';
export * from './drift-gauges.js';
