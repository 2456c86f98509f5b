import type { ServerResponse } from 'node:http';
import type { JsonObject, KubeObject } from '../../model/index.js';
import { asJson } from './json-util.js';
import type { ObjectStore, StoreEvent } from './object-store.js';
import { apiVersionOf, bucketOf, type ResourceType } from './resource-type.js';
import type { Selector } from './selectors.js';
import { expired } from './status-errors.js';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  selects: Selector;
  resourceVersion?: string;
  timeoutSeconds?: number;
  bookmarks: boolean;
  /** How event objects are sent: the object itself unless the client asked for Tables. */
  render?: (object: KubeObject) => JsonObject;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * Watch streams: newline-delimited JSON events over a chunked response, resumed from history by
 * resourceVersion, with bookmarks and server-side timeouts. A resourceVersion older than the
 * history gets an ERROR event with a 410 Expired Status, as a real server sends it.
 */
export class WatchHub {
  private readonly streams = new Set<WatchStream>();

  constructor(
    private readonly store: ObjectStore,
    private readonly bookmarkIntervalMs: number,
  ) {}

  get openCount(): number {
    return this.streams.size;
  }

  open(response: ServerResponse, request: WatchRequest): void {
    const stream = new WatchStream(response, request, this.store, this.bookmarkIntervalMs, () => this.streams.delete(stream));
    this.streams.add(stream);
    stream.start();
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }

  stallAll(): void {
    for (const stream of this.streams) stream.stall();
  }
}

class WatchStream {
  private stalled = false;
  private ended = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly response: ServerResponse,
    private readonly request: WatchRequest,
    private readonly store: ObjectStore,
    private readonly bookmarkIntervalMs: number,
    private readonly onEnd: () => void,
  ) {}

  start(): void {
    this.response.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    this.response.flushHeaders();
    this.response.on('close', () => this.end());
    const { resourceVersion, timeoutSeconds, bookmarks } = this.request;
    if (resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0') {
      for (const object of this.store.peekAll(bucketOf(this.request.type), this.request.namespace)) {
        if (this.request.selects(object)) this.send('ADDED', object);
      }
    } else {
      const history = this.store.eventsAfter(Number(resourceVersion));
      if (!history) {
        const status = expired(resourceVersion, String(this.store.resourceVersion)).toStatus();
        this.write({ type: 'ERROR', object: status });
        this.end();
        return;
      }
      for (const event of history) this.deliver(event);
    }
    this.unsubscribe = this.store.subscribe((event) => this.deliver(event));
    if (bookmarks) this.timers.push(setInterval(() => this.bookmark(), this.bookmarkIntervalMs));
    if (timeoutSeconds !== undefined && timeoutSeconds > 0) {
      this.timers.push(
        setTimeout(() => {
          if (bookmarks) this.bookmark();
          this.end();
        }, timeoutSeconds * 1000),
      );
    }
  }

  stall(): void {
    this.stalled = true;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.response.end();
    this.onEnd();
  }

  /** Selection is judged before and after a change: leaving the selection reads as DELETED. */
  private deliver(event: StoreEvent): void {
    if (event.bucket !== bucketOf(this.request.type)) return;
    if (this.request.namespace !== undefined && event.object.metadata.namespace !== this.request.namespace) return;
    const now = this.request.selects(event.object);
    const before = event.previous ? this.request.selects(event.previous) : false;
    if (event.type === 'MODIFIED') {
      if (now && before) this.send('MODIFIED', event.object);
      else if (now) this.send('ADDED', event.object);
      else if (before) this.send('DELETED', event.object);
    } else if (now) {
      this.send(event.type, event.object);
    }
  }

  private bookmark(): void {
    const type = this.request.type;
    this.write({
      type: 'BOOKMARK',
      object: { kind: type.kind, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(this.store.resourceVersion) } },
    });
  }

  private send(type: WatchEventType, object: KubeObject): void {
    const rendered = this.request.render ? this.request.render(object) : { ...asJson(object), apiVersion: apiVersionOf(this.request.type) };
    this.write({ type, object: rendered });
  }

  private write(event: { type: WatchEventType; object: JsonObject }): void {
    if (this.ended || this.stalled) return;
    this.response.write(`${JSON.stringify(event)}\n`);
  }
}
