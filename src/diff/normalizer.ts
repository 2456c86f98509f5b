import type { JsonValue, KubeObject, SuppressionReason } from '../model/index.js';
import type { DefaultContext } from './defaults/index.js';

/**
 * The plug point of the compare options, as gitops-engine's diff takes `WithNormalizer`: what the
 * walk cannot know by itself (which defaults the server fills in, which fields a controller owns,
 * how the lists of a custom resource pair) comes from normalizers, so the walk has no special
 * cases. The server-defaults table, the CRD schema defaults and the controller-fields table are
 * three of them (default-normalizers.ts, crd/, controllers/).
 */
export interface Normalizer {
  readonly name: string;
  /** What the normalizer has to say about one live object and its manifest; undefined for nothing. */
  forObject(live: KubeObject, git: KubeObject): ObjectNormalizer | undefined;
}

export interface ObjectNormalizer {
  /** A field live has and Git lacks: the default or allocation that explains it, if any. */
  explainAdded?(field: DefaultContext): Explanation | undefined;
  /** Any difference about to be reported: the rule under which it is not drift, if any. */
  explainDifference?(difference: Difference): Explanation | undefined;
  /** How the elements of the list at `pattern` pair; undefined leaves it to the built-in keys. */
  listKey?(pattern: readonly string[]): ListKey | undefined;
}

export interface Explanation {
  reason: SuppressionReason;
  detail: string;
  rule?: string;
}

export interface FieldOwner {
  manager: string;
  /** Owner class bits of managers.ts. */
  owner: number;
}

export interface Difference {
  /** Live path segments; `pattern` has list indexes as '*'. */
  path: readonly string[];
  pattern: readonly string[];
  live: JsonValue | undefined;
  git: JsonValue | undefined;
  root: KubeObject;
  /** Who owns the live field by managedFields; undefined when the object has none. */
  owners(): readonly FieldOwner[] | undefined;
}

/** Map lists pair by `fields` (a missing key field takes its default), set lists by the whole value. */
export type ListKey = { fields: readonly string[]; defaults?: Readonly<Record<string, JsonValue>> } | { set: true };
