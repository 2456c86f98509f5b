export { crdDefaults } from './crd-defaults.js';
export { applySchemaDefaults, compileCrd, type CrdVersion, type SchemaNode } from './crd-schema.js';
export { CrdSchemas } from './crd-schemas.js';
