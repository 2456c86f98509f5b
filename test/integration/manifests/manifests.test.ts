import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SCAN_OPTIONS } from '../../../src/cli/commands/scan.js';

const root = join(import.meta.dirname, '../../..');

function documents(file: string): Array<Record<string, unknown>> {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
}

interface Crd {
  spec: { names: { kind: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> };
}

const crds = readdirSync(join(root, 'crds'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => documents(join(root, 'crds', f)) as unknown as Crd[]);

describe('deploy manifests', () => {
  it('render cleanly with kubectl kustomize', () => {
    const run = spawnSync('kubectl', ['kustomize', join(root, 'manifests')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const kinds = parseAllDocuments(run.stdout).map((d) => (d.toJS() as { kind: string }).kind).sort();
    expect(kinds).toEqual([
      'ClusterRole',
      'ClusterRole',
      'ClusterRoleBinding',
      'ClusterRoleBinding',
      'CustomResourceDefinition',
      'CustomResourceDefinition',
      'Deployment',
      'Namespace',
      'Role',
      'RoleBinding',
      'Service',
      'ServiceAccount',
    ]);
  });

  it('grant no write access outside driftback status, events, leases and policy reports, and no Secrets cluster-wide', () => {
    const rendered = spawnSync('kubectl', ['kustomize', join(root, 'manifests')], { encoding: 'utf8', timeout: 60_000 }).stdout;
    const writes = ['create', 'update', 'patch', 'delete', 'deletecollection', '*'];
    for (const doc of parseAllDocuments(rendered).map((d) => d.toJS() as { kind: string; rules?: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }> })) {
      for (const rule of doc.rules ?? []) {
        expect(rule.verbs).not.toContain('*');
        expect(rule.resources).not.toContain('*');
        if (doc.kind === 'ClusterRole') expect(rule.resources).not.toContain('secrets');
        if (rule.verbs.some((v) => writes.includes(v))) {
          expect(rule.resources.every((r) => ['driftwatches/status', 'events', 'policyreports', 'clusterpolicyreports', 'leases'].includes(r))).toBe(true);
        }
      }
    }
  });

  it('run the operator as a hardened, non-root pod with probes and limits', () => {
    const deployment = documents(join(root, 'manifests/deployment.yaml'))[0] as {
      spec: { template: { spec: { securityContext: Record<string, unknown>; containers: Array<{ securityContext: unknown; args: string[]; resources: { limits?: object; requests?: object }; readinessProbe: { httpGet: { path: string } }; livenessProbe: { httpGet: { path: string } } }> } } };
    };
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const container = pod.containers[0]!;
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.args).toEqual(['run', '--metrics-port', '8080', '--health-port', '8081', '--log-level', 'info']);
    expect(container.resources.limits).toBeDefined();
    expect(container.resources.requests).toBeDefined();
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
  });
});

describe('scheduled scan manifests (manifests/cronjob-scan)', () => {
  const rendered = () => {
    const run = spawnSync('kubectl', ['kustomize', join(root, 'manifests/cronjob-scan')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string }; [key: string]: unknown });
  };

  it('render the namespace, the reader ClusterRole the operator uses, and a scan account bound to it alone', () => {
    const objects = rendered();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ClusterRole/driftback-reader',
      'ClusterRoleBinding/driftback-scan-reader',
      'CronJob/driftback-scan',
      'Namespace/driftback-system',
      'ServiceAccount/driftback-scan',
    ]);
    const operatorReader = documents(join(root, 'manifests/common/reader-cluster-role.yaml'))[0];
    expect(objects.find((o) => o.kind === 'ClusterRole')).toEqual(operatorReader);
    const binding = objects.find((o) => o.kind === 'ClusterRoleBinding') as unknown as { roleRef: { name: string }; subjects: Array<{ name: string }> };
    expect(binding.roleRef.name).toBe('driftback-reader');
    expect(binding.subjects.map((s) => s.name)).toEqual(['driftback-scan']);
  });

  it('run a read-only JSON scan as a hardened pod whose flags scan accepts; drift fails the Job without a retry', () => {
    const cronJob = rendered().find((o) => o.kind === 'CronJob') as unknown as {
      spec: { concurrencyPolicy: string; jobTemplate: { spec: { podFailurePolicy: { rules: Array<{ action: string; onExitCodes?: { values: number[] } }> }; template: { spec: {
        serviceAccountName: string; restartPolicy: string; securityContext: object; containers: Array<{ name: string; args: string[]; securityContext: object }> } } } } };
    };
    const job = cronJob.spec.jobTemplate.spec;
    const pod = job.template.spec;
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    expect(pod.serviceAccountName).toBe('driftback-scan');
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const container = pod.containers[0]!;
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.args[0]).toBe('scan');
    expect(container.args).not.toContain('--open-prs');
    expect(container.args.join(' ')).toContain('--output json');
    const accepted = Object.keys(SCAN_OPTIONS).map((name) => `--${name}`);
    for (const flag of container.args.filter((a) => a.startsWith('--'))) expect(accepted).toContain(flag);
    expect(job.podFailurePolicy.rules).toContainEqual(expect.objectContaining({ action: 'FailJob', onExitCodes: expect.objectContaining({ containerName: container.name, values: [1] }) }));
  });
});

describe('CRD schemas', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validatorFor = (kind: string) => {
    const crd = crds.find((c) => c.spec.names.kind === kind)!;
    return ajv.compile(crd.spec.versions[0]!.schema.openAPIV3Schema);
  };

  it.each(readdirSync(join(root, 'manifests/samples')))('accept the sample %s', (file) => {
    for (const doc of documents(join(root, 'manifests/samples', file))) {
      const validate = validatorFor(doc.kind as string);
      expect(validate(doc) ? [] : validate.errors).toEqual([]);
    }
  });

  it('reject a DriftWatch without a repo, a bad interval and an unknown grouping', () => {
    const validate = validatorFor('DriftWatch');
    const bad = { apiVersion: 'driftback.dev/v1alpha1', kind: 'DriftWatch', metadata: {}, spec: { source: {}, interval: 'soon', pullRequests: { grouping: 'team' } } };
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toEqual(expect.arrayContaining(['/spec/source required', '/spec/interval pattern', '/spec/pullRequests/grouping enum']));
  });

  it('reject a DriftPolicy rule with an unknown severity or no expression', () => {
    const validate = validatorFor('DriftPolicy');
    const bad = { spec: { rules: [{ name: 'r', message: 'm', severity: 'urgent' }] } };
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toEqual(expect.arrayContaining(['/spec/rules/0 required', '/spec/rules/0/severity enum']));
  });
});
