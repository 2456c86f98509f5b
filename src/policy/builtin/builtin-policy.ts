import { validatePolicy, type LoadedPolicy } from '../validate-policy.js';
import { HARDENING_POLICY } from './hardening.js';

const BUILTINS = { hardening: [HARDENING_POLICY] } as const;
export const BUILTIN_POLICY_NAMES = Object.keys(BUILTINS);

/** A built-in pack by name (`hardening`), validated like any file; undefined when unknown. */
export function builtinPolicy(name: string): LoadedPolicy[] | undefined {
  if (!Object.hasOwn(BUILTINS, name)) return undefined;
  return BUILTINS[name as keyof typeof BUILTINS].map((policy) => validatePolicy(policy, `builtin:${name}`));
}
