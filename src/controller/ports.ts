import type { ResourceCatalog, ResourceInfo } from '../cluster/index.js';
import type { KubeObject } from '../model/kube-object.js';
import type { Baseline } from '../model/manifest.js';
import type { ObjectRef } from '../model/object-ref.js';
import type { LeasePort } from './leader-election.js';

/** What a list-watch reports; `objects` after a (re)list is the complete current set. */
export interface WatchListener {
  upsert(object: KubeObject): void;
  remove(object: KubeObject): void;
  /** The first list has been delivered; later relists after 410 or reconnects also call it. */
  synced(): void;
  restarted?(reason: string): void;
  /** An error the watch could not recover from by itself; it keeps retrying with backoff. */
  failed?(error: Error): void;
}

export interface WatchHandle {
  stop(): Promise<void>;
}

export interface KubeEvent {
  regarding: ObjectRef & { uid?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Namespace to write a cluster-scoped object's event in. */
  namespace: string;
  /** A deterministic name makes the write idempotent: an event that already exists is not written again. */
  name?: string;
}

/** Everything the operator asks of the cluster; `src/cluster` implements it over HTTP. */
export interface ClusterPort {
  readonly server: string;
  discover(): Promise<ResourceCatalog>;
  watch(resource: ResourceInfo, listener: WatchListener, options?: { namespace?: string }): WatchHandle;
  /** Decoded `data` of a Secret, undefined when it does not exist. Values never leave the process. */
  readSecret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  writeStatus(resource: ResourceInfo, namespace: string, name: string, status: object): Promise<void>;
  recordEvent(event: KubeEvent): Promise<void>;
  /** Creates or replaces a wgpolicyk8s.io PolicyReport; false when that CRD is not installed. */
  applyPolicyReport(namespace: string, report: KubeObject): Promise<boolean>;
  lease(namespace: string, name: string): LeasePort;
}

export interface BaselinePort {
  load(source: { repo: string; revision?: string; paths: string[]; token?: string }): Promise<Baseline>;
}
