export { builtinPolicy, BUILTIN_POLICY_NAMES } from './builtin-policy.js';
