export const SUBRESOURCES = ['status', 'scale'] as const;
export type Subresource = (typeof SUBRESOURCES)[number];

/** One served resource at one group version, as discovery describes it. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower case: `deployments`. */
  resource: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  /** Whether metadata.generation is kept (spec-bearing workload kinds, custom resources). */
  generation: boolean;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** Objects of one resource share a store bucket whatever version they are served at. */
export function bucketOf(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return `${type.group}/${type.resource}`;
}
