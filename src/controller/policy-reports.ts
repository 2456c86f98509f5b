import type { KubeObject } from '../model/kube-object.js';
import type { DriftResult } from '../model/report.js';
import type { Severity } from '../model/verdict.js';

/** The key of cluster-scoped results, which no namespace name can equal. */
const CLUSTER = '';

const PSS_SEVERITY: Record<Severity, string> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/**
 * One wgpolicyk8s.io/v1alpha2 PolicyReport per namespace with the violating drift of one
 * DriftWatch, so Policy Reporter and Kyverno UIs list it beside admission results, and one
 * ClusterPolicyReport for cluster-scoped objects (a ClusterRole, a webhook configuration).
 * Namespaces whose drift is gone get an empty report, which clears what was shown before; so does
 * the ClusterPolicyReport once the DriftWatch compares any cluster-scoped object.
 */
export function buildPolicyReports(
  results: readonly DriftResult[],
  watch: { namespace: string; name: string },
  namespaces: readonly string[],
  now: string,
  clusterScoped = false,
): KubeObject[] {
  const byNamespace = new Map<string, DriftResult[]>(namespaces.map((ns) => [ns, []]));
  if (clusterScoped) byNamespace.set(CLUSTER, []);
  for (const result of results) {
    if (result.verdict !== 'violating') continue;
    const scope = result.object.namespace ?? CLUSTER;
    byNamespace.set(scope, [...(byNamespace.get(scope) ?? []), result]);
  }
  return [...byNamespace].map(([scope, violating]) => {
    const namespace = scope === CLUSTER ? undefined : scope;
    const entries = violating.flatMap((result) =>
      result.violations.map((v) => ({
        policy: v.policy,
        rule: v.rule,
        result: 'fail',
        severity: PSS_SEVERITY[v.severity],
        message: v.message,
        source: 'driftback',
        category: 'Drift',
        timestamp: { seconds: Math.floor(Date.parse(now) / 1000), nanos: 0 },
        resources: [{ apiVersion: result.object.apiVersion, kind: result.object.kind, ...(namespace ? { namespace } : {}), name: result.object.name }],
        properties: { changes: String(result.changes.length), source: `${result.source.path}#${result.source.document}` },
      })),
    );
    return {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: namespace ? 'PolicyReport' : 'ClusterPolicyReport',
      metadata: {
        name: `driftback-${watch.namespace}-${watch.name}`.slice(0, 253),
        ...(namespace ? { namespace } : {}),
        labels: { 'app.kubernetes.io/managed-by': 'driftback', 'driftback.dev/driftwatch': labelValue(`${watch.namespace}.${watch.name}`) },
      },
      summary: { pass: 0, fail: entries.length, warn: 0, error: 0, skip: 0 },
      results: entries,
    } as unknown as KubeObject;
  });
}

/** A label value: at most 63 characters, beginning and ending with an alphanumeric character. */
export function labelValue(text: string): string {
  return text.slice(0, 63).replace(/[^A-Za-z0-9]+$/, '');
}
