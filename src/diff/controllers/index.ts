export type { ClusterFacts } from './controller-rule.js';
export { controllerFields, type ControllerFieldRule } from './controller-fields.js';
export { CONTROLLER_TABLE } from './controller-table.js';
export { scaleTargetsOf } from './scale-targets.js';
