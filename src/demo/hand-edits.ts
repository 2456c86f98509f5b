import type { DemoKubectl } from './act-like-kubectl.js';

const ref = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, metadata: { name, namespace: 'shop' } });
const web = ref('apps/v1', 'Deployment', 'web');
const api = ref('apps/v1', 'Deployment', 'api');

/** The hand edits the demo makes, each shown as the command a person would have typed. */
export const HAND_EDITS: Array<{ command: string; perform: (kubectl: DemoKubectl) => Promise<unknown> }> = [
  {
    command: 'kubectl scale deployment/web -n shop --replicas=5',
    perform: (k) => k.mergePatch(web, { spec: { replicas: 5 } }, 'kubectl-scale'),
  },
  {
    command: 'kubectl set image deployment/web -n shop web=ghcr.io/acme/web:1.14.3   # the hotfix',
    perform: (k) => k.strategicPatch(web, { spec: { template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.14.3' }] } } } }, 'kubectl-set'),
  },
  {
    command: 'kubectl label deployment/web -n shop release=spring-sale',
    perform: (k) => k.mergePatch(web, { metadata: { labels: { release: 'spring-sale' } } }, 'kubectl-label'),
  },
  {
    command: 'kubectl edit configmap/web-config -n shop   # FEATURE_CHECKOUT_V2: "true"',
    perform: (k) => k.mergePatch(ref('v1', 'ConfigMap', 'web-config'), { data: { FEATURE_CHECKOUT_V2: 'true' } }, 'kubectl-edit'),
  },
  {
    command: 'kubectl set image deployment/api -n shop api=ghcr.io/acme/api:latest',
    perform: (k) => k.strategicPatch(api, { spec: { template: { spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:latest' }] } } } }, 'kubectl-set'),
  },
  {
    command: 'kubectl patch secret/api-credentials -n shop -p \'{"stringData":{"DATABASE_PASSWORD":"…"}}\'',
    perform: (k) => k.mergePatch(ref('v1', 'Secret', 'api-credentials'), { data: { DATABASE_PASSWORD: Buffer.from('hunter2-rotated-by-hand').toString('base64') } }, 'kubectl-patch'),
  },
  {
    command: 'kubectl delete service/api -n shop',
    perform: (k) => k.delete(ref('v1', 'Service', 'api')),
  },
];
