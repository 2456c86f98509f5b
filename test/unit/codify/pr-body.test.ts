import { describe, expect, it } from '@jest/globals';
import type { EditPlan } from '../../../src/codify/plan-edits.js';
import { readMarker, renderPullRequestBody } from '../../../src/codify/pr-body.js';
import { webDrift } from '../../support/codify-fixtures.js';

function plan(codified: EditPlan['codified']): EditPlan {
  return { writes: [], codified, skipped: [], secrets: [], violating: [], missing: [], notes: [] };
}

describe('renderPullRequestBody', () => {
  const markers = { title: 'Codify live drift in x', fingerprint: 'f'.repeat(64), scope: 'abc', tree: 'e'.repeat(40) };

  it('writes each change as baseline -> live and keeps readable markers', () => {
    const result = webDrift(5);
    const body = renderPullRequestBody({ ...markers, plan: plan([{ result, applied: result.changes, deleted: false }]) });

    expect(body).toContain('| Deployment shop/web | `clusters/prod/web.yaml` (document 0) | compliant | kubectl-edit (Update, 2026-11-20T09:00:00Z) |');
    expect(body).toContain('- `replace /spec/replicas`: `3` -> `5`');
    expect(readMarker(body, 'fingerprint')).toBe(markers.fingerprint);
    expect(readMarker(body, 'scope')).toBe('abc');
    expect(readMarker(body, 'tree')).toBe(markers.tree);
  });

  it('escapes table cells and shows absent sides', () => {
    const result = { ...webDrift(5), changes: [{ op: 'add' as const, path: '/metadata/labels/a|b', live: 'x`y' }] };
    const body = renderPullRequestBody({ ...markers, plan: plan([{ result, applied: result.changes, deleted: false }]) });

    expect(body).toContain('- `add /metadata/labels/a|b`: (absent) -> ``"x`y"``');
  });

  it('stays under GitHub body limit and keeps the markers', () => {
    const result = webDrift(5);
    const many = Array.from({ length: 2000 }, (_, index) => ({ op: 'add' as const, path: `/metadata/labels/l${index}`, live: 'v'.repeat(60) }));
    const body = renderPullRequestBody({ ...markers, plan: plan([{ result, applied: many, deleted: false }]) });

    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('GitHub limits the size of a pull request body');
    expect(readMarker(body, 'fingerprint')).toBe(markers.fingerprint);
  });
});
