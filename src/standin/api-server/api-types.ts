import type { KubeObject } from '../../model/index.js';
import type { ForbiddenRule } from './access.js';

export interface StandInOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Seed objects (kind and apiVersion set); CustomResourceDefinitions are stored first. */
  objects?: KubeObject[];
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  token?: string;
  /** Requests matching a rule get 403 with the real Status message. */
  forbid?: ForbiddenRule[];
  /** How many past events watches can resume from before 410 Gone. Default 1000. */
  historyWindow?: number;
  /** Applied on create/update/patch (seeding too) to mimic server defaults. */
  defaulter?: (object: KubeObject) => KubeObject;
  /** Period of BOOKMARK events on watches that allow them. Default 60 s. */
  bookmarkIntervalMs?: number;
  /** The user named in 403 messages. */
  user?: string;
}

export interface ObjectLocator {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Direct access to the stored objects; every write bumps resourceVersion and emits watch events. */
export interface StandInStore {
  readonly resourceVersion: string;
  get(ref: ObjectLocator): KubeObject | undefined;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  /**
   * Creates or replaces the object. With `manager`, managedFields are updated as for an API write
   * by that manager (a hand edit: `kubectl-edit`); without, a new object keeps the managedFields
   * it carries (or gets a kubectl-client-side-apply entry) and a replaced one keeps what it is given.
   */
  put(object: KubeObject, options?: { manager?: string; subresource?: 'status' }): KubeObject;
  delete(ref: ObjectLocator): KubeObject | undefined;
}

export interface StandInFaults {
  /** Ends every open watch stream. */
  closeWatches(): void;
  /** Forgets the event history: watches from older resourceVersions get 410 Gone. */
  compact(): void;
  /** The next `count` resource requests answer `status` (default 500) with a Status body. */
  failNext(count: number, status?: number): void;
  /** Keeps the open watch sockets open but sends nothing more on them. */
  stallWatches(): void;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  fieldManager?: string;
}

export interface StandInApiServer {
  /** http://127.0.0.1:PORT */
  url: string;
  store: StandInStore;
  faults: StandInFaults;
  /** Stops listening (connection refused) but keeps the state. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same state. */
  restart(): Promise<void>;
  close(): Promise<void>;
  requests: RequestRecord[];
}
