import { describe, expect, it } from '@jest/globals';
import { parseDriftWatch } from '../../../src/controller/drift-watch-spec.js';
import type { KubeObject } from '../../../src/model/kube-object.js';

const watch = (spec: unknown): KubeObject => ({
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftWatch',
  metadata: { name: 'shop', namespace: 'driftback-system', generation: 4 },
  spec,
});

describe('parseDriftWatch', () => {
  it('fills the defaults of a minimal spec', () => {
    const spec = parseDriftWatch(watch({ source: { repo: 'https://github.com/acme/infra.git' } }));
    expect(spec).toMatchObject({
      namespace: 'driftback-system',
      name: 'shop',
      generation: 4,
      source: { repo: 'https://github.com/acme/infra.git', paths: [] },
      intervalMs: 300_000,
      suspend: false,
      defaultNamespace: 'default',
      policies: undefined,
      scope: { excludeNamespaces: [], excludeKinds: [], secrets: false },
      ignore: { fields: [], trustedManagers: [] },
      gitManagers: [],
      controllerFields: [],
      pullRequests: { enabled: false, grouping: 'source', labels: ['drift'], reviewers: [], assignees: [], codifyDeletions: false },
    });
  });

  it('reads how Kustomize roots are rendered, with a 60 s time limit and no remote bases by default', () => {
    expect(parseDriftWatch(watch({ source: { repo: 'r' } })).kustomize).toEqual({ binary: undefined, timeoutMs: 60_000, allowRemoteBases: false });
    const spec = parseDriftWatch(watch({ source: { repo: 'r' }, kustomize: { binary: '/usr/local/bin/kustomize', timeout: '2m', allowRemoteBases: true } }));
    expect(spec.kustomize).toEqual({ binary: '/usr/local/bin/kustomize', timeoutMs: 120_000, allowRemoteBases: true });
  });

  it.each(['source', 'file', 'namespace', 'object'])('accepts the grouping %s', (grouping) => {
    expect(parseDriftWatch(watch({ source: { repo: 'r' }, pullRequests: { grouping } })).pullRequests.grouping).toBe(grouping);
  });

  it('reads the contract fields', () => {
    const spec = parseDriftWatch(
      watch({
        source: { repo: 'r', revision: 'main', paths: ['clusters/prod'], secretRef: { name: 'git-auth' } },
        interval: '1m30s',
        policies: ['shop-guardrails'],
        pullRequests: {
          enabled: true,
          baseBranch: 'main',
          labels: ['drift', 'sre'],
          github: { apiURL: 'https://ghe.acme.dev/api/v3', repository: 'acme/infra', secretRef: { name: 'github-token' } },
        },
        ignore: { fields: [{ kind: 'Deployment', pointers: ['/spec/replicas'] }], trustedManagers: ['kube-controller-manager'] },
      }),
    );
    expect(spec.source).toEqual({ repo: 'r', revision: 'main', paths: ['clusters/prod'], secretName: 'git-auth' });
    expect(spec.intervalMs).toBe(90_000);
    expect(spec.policies).toEqual(['shop-guardrails']);
    expect(spec.pullRequests.github).toEqual({ apiUrl: 'https://ghe.acme.dev/api/v3', repository: 'acme/infra', secretName: 'github-token' });
    expect(spec.ignore.fields).toEqual([{ kind: 'Deployment', pointers: ['/spec/replicas'] }]);
  });

  it('reads spec.source.maxFileSize as bytes; absent, the baseline default applies', () => {
    expect(parseDriftWatch(watch({ source: { repo: 'r', maxFileSize: '8Mi' } })).source.maxFileBytes).toBe(8 * 1024 * 1024);
    expect(parseDriftWatch(watch({ source: { repo: 'r', maxFileSize: '10M' } })).source.maxFileBytes).toBe(10_000_000);
    expect(parseDriftWatch(watch({ source: { repo: 'r' } })).source.maxFileBytes).toBeUndefined();
  });

  it('reads the Git managers and controller fields a DriftWatch adds to the built-in ones', () => {
    const field = { name: 'istio-ca-bundle', group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', pointers: ['/webhooks/*/clientConfig/caBundle'], managers: ['pilot-discovery'] };
    const spec = parseDriftWatch(watch({ source: { repo: 'r' }, gitManagers: ['argocd'], controllerFields: [field, { kind: 'Widget', pointers: ['/spec/size'], managers: ['scaler'] }] }));
    expect(spec.gitManagers).toEqual(['argocd']);
    expect(spec.controllerFields).toEqual([field, { kind: 'Widget', pointers: ['/spec/size'], managers: ['scaler'] }]);
  });

  it.each([
    [{ source: { repo: 'r', maxFileSize: 'huge' } }, 'spec.source.maxFileSize must be a size such as 8Mi, 512Ki or 10M (got "huge")'],
    [{ source: { repo: 'r', maxFileSize: '2Gi' } }, 'spec.source.maxFileSize must be between 1 byte and 512Mi (got "2Gi")'],
    [{}, 'spec.source must be an object'],
    [{ source: { repo: 'r' }, gitManagers: 'argocd' }, 'spec.gitManagers must be a list of strings'],
    [{ source: { repo: 'r' }, controllerFields: [{ pointers: ['/a'], managers: ['m'] }] }, 'spec.controllerFields[0].kind is required'],
    [{ source: { repo: 'r' }, controllerFields: [{ kind: 'K', pointers: ['/a'] }] }, "spec.controllerFields[0].managers must name the controller's field managers"],
    [{ source: { repo: 'r' }, controllerFields: [{ kind: 'K', pointers: ['a'], managers: ['m'] }] }, 'spec.controllerFields[0].pointers must be JSON Pointers'],
    [{ source: { repo: '' } }, 'spec.source.repo is required'],
    [{ source: { repo: 'r' }, interval: 'soon' }, 'spec.interval: invalid interval "soon"'],
    [{ source: { repo: 'r' }, interval: '1s' }, 'spec.interval must be at least 10s'],
    [{ source: { repo: 'r' }, kustomize: { timeout: 'long' } }, 'spec.kustomize.timeout: invalid interval "long": use a duration such as 30s, 5m or 1h30m'],
    [{ source: { repo: 'r', paths: 'a' } }, 'spec.source.paths must be a list of strings'],
    [{ source: { repo: 'r' }, pullRequests: { grouping: 'team' } }, 'spec.pullRequests.grouping must be one of source, file, namespace, object'],
    [{ source: { repo: 'r' }, ignore: { fields: [{ pointers: ['spec'] }] } }, 'must be JSON Pointers'],
  ])('rejects %j naming the DriftWatch', (spec, message) => {
    expect(() => parseDriftWatch(watch(spec))).toThrow(`DriftWatch driftback-system/shop: `);
    expect(() => parseDriftWatch(watch(spec))).toThrow(message);
  });
});
