import type { KubeObject, ObjectRef } from '../../model/index.js';

// The shapes the operator's cluster port speaks in; src/controller imports them from here.

export interface WatchListener {
  upsert(object: KubeObject): void;
  remove(object: KubeObject): void;
  synced(): void;
  restarted?(reason: string): void;
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
  namespace: string;
  /** A deterministic name makes the write idempotent: an event that already exists is not written again. */
  name?: string;
}

export interface LeaseRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface LeasePort {
  get(): Promise<{ spec: LeaseRecord; resourceVersion: string } | undefined>;
  create(spec: LeaseRecord): Promise<void>;
  replace(spec: LeaseRecord, resourceVersion: string): Promise<void>;
}
