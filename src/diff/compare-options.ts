import type { Normalizer } from './normalizer.js';

export interface CompareOptions {
  /** Field managers that apply Git; replaces DEFAULT_GIT_MANAGERS when given. */
  gitManagers?: readonly string[];
  /** RFC 6901 pointers (`*` for any list element or map key) never reported, nor anything below them. */
  ignorePointers?: readonly string[];
  /** Managers whose writes are never drift, e.g. the HPA scaling a Deployment. */
  trustedManagers?: readonly string[];
  /** Report `kubectl rollout restart` (the pod template's restartedAt annotation) as drift instead of as a restart. */
  restartAsDrift?: boolean;
  /**
   * What explains a difference the walk cannot judge alone, asked in order; default
   * DEFAULT_NORMALIZERS (the server-defaults table and the built-in controller fields).
   */
  normalizers?: readonly Normalizer[];
}
