import { afterEach, describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../../../src/model/index.js';
import { startStandInApiServer, type StandInApiServer, type StandInOptions } from '../../../src/standin/index.js';
import { call, openWatch, patchCall, readWatch } from '../../support/standin-client.js';
import { configMap, namespace } from '../../support/standin-fixtures.js';

const CMS = '/api/v1/namespaces/shop/configmaps';

function summary(events: JsonObject[]): string[] {
  return events.map((e) => {
    const object = e.object as { kind?: string; metadata: { name?: string; resourceVersion?: string } };
    return `${String(e.type)} ${object.metadata.name ?? object.metadata.resourceVersion}`;
  });
}

describe('stand-in API server: watch streams', () => {
  let server: StandInApiServer;
  const start = async (options: StandInOptions = {}): Promise<void> => {
    server = await startStandInApiServer({ objects: [namespace('shop'), configMap('shop', 'a', { k: '1' })], ...options });
  };
  afterEach(() => server.close());

  it('starts with the current objects, then streams changes with kind and apiVersion set', async () => {
    await start();
    const watching = openWatch(server.url, `${CMS}?watch=1`, 3);
    await watching.ready;
    await call(server.url, 'POST', CMS, configMap('shop', 'b', {}));
    await call(server.url, 'DELETE', `${CMS}/a`);
    const events = await watching.events;
    expect(summary(events)).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
    expect(events[1]?.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
  });

  it('replays history after a resourceVersion', async () => {
    await start();
    const from = server.store.resourceVersion;
    await patchCall(server.url, `${CMS}/a`, 'application/merge-patch+json', { data: { k: '2' } });
    await call(server.url, 'POST', CMS, configMap('shop', 'b', {}));
    const events = await readWatch(server.url, `${CMS}?watch=true&resourceVersion=${from}`, 2);
    expect(summary(events)).toEqual(['MODIFIED a', 'ADDED b']);
    expect(Number((events[1]?.object as { metadata: { resourceVersion: string } }).metadata.resourceVersion)).toBe(Number(from) + 2);
  });

  it('turns objects leaving or entering a label selection into DELETED and ADDED', async () => {
    await start();
    const from = server.store.resourceVersion;
    const path = `${CMS}/a`;
    await patchCall(server.url, path, 'application/merge-patch+json', { metadata: { labels: { watched: 'yes' } } });
    await patchCall(server.url, path, 'application/merge-patch+json', { data: { k: '3' } });
    await patchCall(server.url, path, 'application/merge-patch+json', { metadata: { labels: { watched: null } } });
    const events = await readWatch(server.url, `${CMS}?watch=1&resourceVersion=${from}&labelSelector=watched%3Dyes`, 3);
    expect(summary(events)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });

  it('sends an ERROR event with 410 Expired after compaction and answers 410 to an exact list', async () => {
    await start();
    const from = server.store.resourceVersion;
    await call(server.url, 'POST', CMS, configMap('shop', 'b', {}));
    server.faults.compact();
    const events = await readWatch(server.url, `${CMS}?watch=1&resourceVersion=${from}`, 2);
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${from} (${server.store.resourceVersion})`,
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
    const list = await call(server.url, 'GET', `${CMS}?resourceVersion=${from}&resourceVersionMatch=Exact`);
    expect(list.status).toBe(410);
    expect(list.body).toMatchObject({ reason: 'Expired', code: 410 });
  });

  it('keeps only historyWindow events to resume from', async () => {
    await start({ historyWindow: 2 });
    const from = server.store.resourceVersion;
    for (const value of ['2', '3', '4']) await patchCall(server.url, `${CMS}/a`, 'application/merge-patch+json', { data: { k: value } });
    const expired = await readWatch(server.url, `${CMS}?watch=1&resourceVersion=${from}`, 1);
    expect(expired[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    const recent = await readWatch(server.url, `${CMS}?watch=1&resourceVersion=${Number(from) + 1}`, 2);
    expect(summary(recent)).toEqual(['MODIFIED a', 'MODIFIED a']);
  });

  it('sends bookmarks periodically and once more before a timeoutSeconds expiry ends the stream', async () => {
    await start({ bookmarkIntervalMs: 100 });
    const rv = server.store.resourceVersion;
    const periodic = await readWatch(server.url, `${CMS}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`, 2);
    expect(periodic).toEqual([
      { type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: rv } } },
      { type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: rv } } },
    ]);
    // Ends by itself: readWatch resolves on the end of the stream, long before 100 events.
    const timed = await readWatch(server.url, `${CMS}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`, 100);
    expect(timed.length).toBeGreaterThan(0);
    expect(timed.every((e) => e.type === 'BOOKMARK')).toBe(true);
  });

  it('ends every open watch on closeWatches', async () => {
    await start();
    const first = openWatch(server.url, `${CMS}?watch=1`, 100, 10_000);
    const second = openWatch(server.url, `/api/v1/configmaps?watch=1`, 100, 10_000);
    await Promise.all([first.ready, second.ready]);
    server.faults.closeWatches();
    expect(summary(await first.events)).toEqual(['ADDED a']);
    expect(summary(await second.events)).toEqual(['ADDED a']);
  });

  it('keeps stalled watches open but silent, while new watches work', async () => {
    await start();
    const stalled = openWatch(server.url, `${CMS}?watch=1&resourceVersion=${server.store.resourceVersion}`, 1, 1000);
    await stalled.ready;
    server.faults.stallWatches();
    const fresh = openWatch(server.url, `${CMS}?watch=1&resourceVersion=${server.store.resourceVersion}`, 1);
    await fresh.ready;
    await call(server.url, 'POST', CMS, configMap('shop', 'b', {}));
    expect(summary(await fresh.events)).toEqual(['ADDED b']);
    expect(await stalled.events).toEqual([]);
  });
});
