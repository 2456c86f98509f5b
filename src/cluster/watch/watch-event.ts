import type { KubeObject } from '../../model/index.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** With kind and apiVersion set; for DELETED, the last state known. */
  object: KubeObject;
  /** `watch`: seen on the stream; `list`: derived from a (re)list, e.g. a change made while disconnected. */
  source: 'watch' | 'list';
}
