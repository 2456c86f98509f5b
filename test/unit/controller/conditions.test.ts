import { describe, expect, it } from '@jest/globals';
import { conditionsFor, type Condition } from '../../../src/controller/conditions.js';

const summary = { objects: 12, inSync: 5, drifted: 6, missing: 1, compliant: 2, violating: 3, errors: 0 };
const T0 = '2026-11-27T10:00:00Z';
const T1 = '2026-11-27T10:05:00Z';

describe('conditionsFor', () => {
  it('marks a successful compare Ready and requeues at the interval', () => {
    const { conditions, requeue } = conditionsFor({ kind: 'success', revision: 'a'.repeat(40), summary }, [], 3, 300_000, T0);
    expect(conditions).toEqual([
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: 'compared 12 objects at aaaaaaaaaaaa: 5 in sync, 6 drifted (2 compliant, 3 violating), 1 missing, 0 errors',
        observedGeneration: 3,
        lastTransitionTime: T0,
      },
    ]);
    expect(requeue).toEqual({ kind: 'after', ms: 300_000 });
  });

  it('keeps the transition time while the status does not change', () => {
    const previous: Condition[] = [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'x', lastTransitionTime: T0 }];
    const { conditions } = conditionsFor({ kind: 'success', revision: 'b', summary }, previous, 1, 1000, T1);
    expect(conditions[0]!.lastTransitionTime).toBe(T0);
    const failed = conditionsFor({ kind: 'failure', disposition: 'wait', reason: 'BaselineFailed', message: 'm' }, previous, 1, 1000, T1);
    expect(failed.conditions[0]!.lastTransitionTime).toBe(T1);
  });

  it('stalls on failures a person must fix and does not requeue', () => {
    const { conditions, requeue } = conditionsFor(
      { kind: 'failure', disposition: 'stall', reason: 'Forbidden', message: 'cannot list deployments.apps' },
      [],
      2,
      1000,
      T0,
    );
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Ready', 'False', 'Forbidden'],
      ['Stalled', 'True', 'Forbidden'],
    ]);
    expect(requeue).toEqual({ kind: 'none' });
  });

  it('retries transient failures with backoff and polls waiting ones at the interval', () => {
    const retry = conditionsFor({ kind: 'failure', disposition: 'retry', reason: 'APIError', message: '503' }, [], 1, 60_000, T0);
    expect(retry.requeue).toEqual({ kind: 'rateLimited' });
    expect(retry.conditions.map((c) => [c.type, c.status])).toEqual([
      ['Ready', 'False'],
      ['Reconciling', 'True'],
    ]);
    const wait = conditionsFor({ kind: 'failure', disposition: 'wait', reason: 'BaselineFailed', message: 'broken yaml' }, [], 1, 60_000, T0);
    expect(wait.requeue).toEqual({ kind: 'after', ms: 60_000 });
  });
});
