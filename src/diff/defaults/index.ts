export type { DefaultContext, DefaultMatch } from './types.js';
export { matchServerDefault } from './match-server-default.js';
export { defaultPullPolicy } from './conditions.js';
