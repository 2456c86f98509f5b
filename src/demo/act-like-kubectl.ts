import { parseAllDocuments } from 'yaml';
import type { ResourceCatalog } from '../cluster/index.js';
import type { KubeObject } from '../model/kube-object.js';
import { describeRef } from '../model/object-ref.js';

/**
 * What people do to a cluster, spoken over HTTP the way kubectl speaks it, so the demo's live
 * objects carry the managedFields and annotations a real cluster would show.
 */
export class DemoKubectl {
  constructor(
    private readonly serverUrl: string,
    private readonly catalog: ResourceCatalog,
  ) {}

  /** `kubectl apply -f` of one file (client-side apply: last-applied annotation, its own field manager). */
  async apply(fileText: string): Promise<KubeObject[]> {
    const objects = parseAllDocuments(fileText)
      .map((doc) => doc.toJS() as KubeObject | null)
      .filter((object): object is KubeObject => !!object?.kind);
    return this.applyObjects(objects);
  }

  async applyObjects(objects: KubeObject[]): Promise<KubeObject[]> {
    const applied: KubeObject[] = [];
    for (const object of objects) {
      const annotations = { ...object.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(object) };
      const body = { ...object, metadata: { ...object.metadata, annotations } };
      applied.push(await this.request('POST', this.collectionPath(object), body, 'application/json', 'kubectl-client-side-apply'));
    }
    return applied;
  }

  async get(target: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<KubeObject> {
    return this.request('GET', `${this.collectionPath(target)}/${target.metadata.name}`, undefined, 'application/json', 'kubectl');
  }

  async events(namespace: string): Promise<Array<{ reason?: string; message?: string; lastTimestamp?: string; involvedObject?: { name?: string } }>> {
    const list = (await this.request('GET', `/api/v1/namespaces/${namespace}/events`, undefined, 'application/json', 'kubectl')) as unknown as { items: [] };
    return list.items;
  }

  /** `kubectl patch --type merge` (or edit, label, scale, set: the manager names which). */
  async mergePatch(target: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, patch: object, manager: string): Promise<KubeObject> {
    return this.request('PATCH', `${this.collectionPath(target)}/${target.metadata.name}`, patch, 'application/merge-patch+json', manager);
  }

  /** A strategic merge patch, as `kubectl set image` and `kubectl edit` send: lists merge by their keys. */
  async strategicPatch(target: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, patch: object, manager: string): Promise<KubeObject> {
    return this.request('PATCH', `${this.collectionPath(target)}/${target.metadata.name}`, patch, 'application/strategic-merge-patch+json', manager);
  }

  async delete(target: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<void> {
    await this.request('DELETE', `${this.collectionPath(target)}/${target.metadata.name}`, undefined, 'application/json', 'kubectl');
  }

  private collectionPath(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
    const info = this.catalog.lookup(object.apiVersion, object.kind);
    if (!info) throw new Error(`the demo cluster does not serve ${object.apiVersion} ${object.kind}`);
    const prefix = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
    const ns = info.namespaced ? `/namespaces/${object.metadata.namespace ?? 'default'}` : '';
    return `${prefix}${ns}/${info.resource}`;
  }

  private async request(method: string, path: string, body: unknown, contentType: string, manager: string): Promise<KubeObject> {
    const url = `${this.serverUrl}${path}?fieldManager=${encodeURIComponent(manager)}`;
    const response = await fetch(url, {
      method,
      headers: { 'content-type': contentType, 'user-agent': `${manager}/v1.34.0` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as KubeObject & { message?: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${payload.message ?? response.status}`);
    return payload;
  }
}

export function describeObject(object: KubeObject): string {
  return describeRef({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
}
