import { applySchemaDefaults, CrdSchemas } from '../../diff/index.js';
import { isJsonObject, type JsonValue, type KubeObject } from '../../model/index.js';
import { builtinResourceTypes } from './builtin-resources.js';
import { apiVersionOf, type PrinterColumn, type ResourceType, type Subresource } from './resource-type.js';

export interface GroupVersions {
  group: string;
  versions: string[];
}

/**
 * What the server serves: the built-in catalogue plus the resources of every stored
 * CustomResourceDefinition, registered when the CRD is written and dropped when it is deleted.
 */
export class Catalog {
  private readonly builtins = builtinResourceTypes();
  private readonly custom = new Map<string, ResourceType[]>();
  private readonly schemas = new CrdSchemas();

  all(): ResourceType[] {
    return [...this.builtins, ...[...this.custom.values()].flat()];
  }

  isBuiltin(type: ResourceType): boolean {
    return this.builtins.includes(type);
  }

  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.version === version && t.resource === resource);
  }

  findByKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.version === version);
  }

  /** Named groups in serving order, each with its versions (the first is preferred). */
  groups(): GroupVersions[] {
    const byGroup = new Map<string, string[]>();
    for (const type of this.all()) {
      if (!type.group) continue;
      const versions = byGroup.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      byGroup.set(type.group, versions);
    }
    return [...byGroup].map(([group, versions]) => ({ group, versions }));
  }

  registerDefinition(crd: KubeObject): void {
    this.custom.set(crd.metadata.name, typesOfDefinition(crd));
    this.schemas.update(crd);
  }

  unregisterDefinition(name: string): void {
    this.custom.delete(name);
    this.schemas.forget(name);
  }

  /** A custom resource with the defaults of its CRD's structural schema, as the real server stores it. */
  defaultCustom(type: ResourceType, object: KubeObject): KubeObject {
    if (this.isBuiltin(type)) return object;
    const schema = this.schemas.lookup(type.group, type.kind, type.version)?.schema;
    return schema ? (applySchemaDefaults(object as unknown as JsonValue, schema) as unknown as KubeObject) : object;
  }
}

function typesOfDefinition(crd: KubeObject): ResourceType[] {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  const group = String(spec.group ?? '');
  const plural = String(names.plural ?? '');
  const kind = String(names.kind ?? '');
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  return versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const declared = isJsonObject(v.subresources) ? v.subresources : {};
      const subresources: Subresource[] = 'status' in declared ? ['status'] : [];
      return {
        group,
        version: String(v.name),
        resource: plural,
        singularName: String(names.singular ?? kind.toLowerCase()),
        kind,
        namespaced: spec.scope !== 'Cluster',
        shortNames: stringList(names.shortNames),
        categories: stringList(names.categories),
        subresources,
        generation: true,
        printerColumns: printerColumnsOf(v.additionalPrinterColumns),
      };
    });
}

function printerColumnsOf(value: JsonValue | undefined): PrinterColumn[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).map((c) => ({
    name: String(c.name ?? ''),
    type: String(c.type ?? 'string'),
    jsonPath: String(c.jsonPath ?? ''),
    format: typeof c.format === 'string' ? c.format : undefined,
    description: typeof c.description === 'string' ? c.description : undefined,
    priority: typeof c.priority === 'number' ? c.priority : 0,
  }));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
