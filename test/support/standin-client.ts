import type { JsonObject } from '../../src/model/index.js';

export interface JsonResponse {
  status: number;
  body: JsonObject;
  contentType: string | null;
}

/** A thin JSON client for the stand-in's protocol tests: every answer is parsed, never thrown. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json', ...init.headers };
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as JsonObject) : {},
    contentType: response.headers.get('content-type'),
  };
}

export function patchCall(baseUrl: string, path: string, contentType: string, body: unknown): Promise<JsonResponse> {
  return call(baseUrl, 'PATCH', path, body, { 'Content-Type': contentType });
}

export interface OpenWatch {
  /** Resolves when the response headers arrived: the server is then subscribed to changes. */
  ready: Promise<void>;
  /** The events read until `count` arrived, the stream ended, or the timeout passed. */
  events: Promise<JsonObject[]>;
}

export function openWatch(baseUrl: string, path: string, count: number, timeoutMs = 5000): OpenWatch {
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const events = collectEvents(baseUrl, path, count, timeoutMs, () => connected());
  return { ready: Promise.race([ready, events.then(() => undefined)]), events };
}

/** Reads newline-delimited watch events until `count` arrived or the stream ends. */
export function readWatch(baseUrl: string, path: string, count: number, timeoutMs = 5000): Promise<JsonObject[]> {
  return openWatch(baseUrl, path, count, timeoutMs).events;
}

async function collectEvents(
  baseUrl: string,
  path: string,
  count: number,
  timeoutMs: number,
  onConnected: () => void,
): Promise<JsonObject[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: JsonObject[] = [];
  try {
    const response = await fetch(`${baseUrl}${path}`, { signal: controller.signal });
    onConnected();
    if (!response.body) return events;
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        events.push(JSON.parse(buffered.slice(0, newline)) as JsonObject);
        buffered = buffered.slice(newline + 1);
        if (events.length >= count) return events;
      }
    }
    return events;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return events;
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
