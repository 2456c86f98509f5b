export const SUBRESOURCES = ['status', 'scale'] as const;
export type Subresource = (typeof SUBRESOURCES)[number];

/** A CRD's additionalPrinterColumns entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

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
  /** Table columns after Name; empty means Name and Age. */
  printerColumns: PrinterColumn[];
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** Objects of one resource share a store bucket whatever version they are served at. */
export function bucketOf(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return `${type.group}/${type.resource}`;
}
