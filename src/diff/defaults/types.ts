import type { JsonObject, JsonValue, KubeObject } from '../../model/index.js';

/**
 * A field that live has and Git lacks, as the diff engine asks about it. `path` holds the live
 * path's segments from the object root with list indexes replaced by '*', e.g.
 * ['spec','template','spec','containers','*','imagePullPolicy']; `parent` is the live object or
 * map that holds the field, `gitParent` Git's counterpart of it when Git has one.
 *
 * A default is computed from what was applied: the server filled the field in when Git was
 * applied, from Git's values (a pull policy from Git's image, not from an image a person set
 * later). `apiVersion` is Git's: the version whose defaults the server ran.
 */
export interface DefaultContext {
  group: string;
  kind: string;
  path: readonly string[];
  value: JsonValue;
  parent: JsonObject;
  root: KubeObject;
  gitParent?: JsonObject;
  gitRoot?: KubeObject;
  apiVersion?: string;
}

export interface DefaultMatch {
  reason: 'default' | 'allocated';
  /** e.g. "API server default for Container.imagePullPolicy (IfNotPresent for a pinned tag)". */
  detail: string;
}

/**
 * One entry of the table. `path` is relative to the rule's scope (object root, pod spec,
 * container, probe, volume, ...): a dotted string, or segments when a key itself holds dots.
 * The field is a default when its value deep-equals `value`, or when `matches` says so.
 */
export interface DefaultRule {
  path: string | readonly string[];
  value?: JsonValue;
  matches?: (ctx: DefaultContext) => boolean;
  reason?: DefaultMatch['reason'];
  detail: string;
}
