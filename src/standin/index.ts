export * from './api-server/index.js';
export { writeKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
