export * from './api-server/index.js';
export { writeKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
export { applyServerDefaults } from './apply-server-defaults.js';
