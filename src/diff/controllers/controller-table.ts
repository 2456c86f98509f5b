/**
 * Fields that well-known controllers write into objects people keep in Git. A difference there is
 * the controller doing its job: not drift, and never codified (a pull request per scaling event
 * would be noise). A person's write to such a field is still drift: when managedFields name a
 * person's manager other than the controller's, the rule does not apply.
 *
 * The controllers' bookkeeping labels and annotations (the Deployment controller's
 * `deployment.kubernetes.io/revision`, the scheduler's `volume.kubernetes.io/selected-node` on a
 * PVC, the PV binder's `pv.kubernetes.io/*`) are in normalize-metadata.ts with the server's.
 */
import type { JsonValue, KubeObject } from '../../model/index.js';
import { groupOf, isJsonObject, objectKey } from '../../model/index.js';
import type { ControllerRule, OwnedField } from './controller-rule.js';

const annotationsOf = (object: KubeObject): Record<string, string> => object.metadata?.annotations ?? {};
const kindOf = (object: KubeObject): string => `${groupOf(object.apiVersion)}/${object.kind}`;
const absent = (git: JsonValue | undefined): boolean => git === undefined || git === null;

/** Every element (or the one value) passes the test. */
function all(value: JsonValue | undefined, test: (item: JsonValue) => boolean): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(test);
  return value !== undefined && test(value);
}

const HPA_REPLICAS: ControllerRule = {
  name: 'hpa-replicas',
  docs: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
  fieldsOf(live, _git, facts) {
    const group = groupOf(live.apiVersion);
    const hpa = facts.scaleTargets?.get(objectKey({ apiVersion: live.apiVersion, kind: live.kind, namespace: live.metadata.namespace, name: live.metadata.name }));
    if (hpa === undefined) return undefined;
    const pattern = facts.replicasPaths?.get(`${group}/${live.kind}`) ?? ['spec', 'replicas'];
    // The HPA controller writes /scale as kube-controller-manager, a control-plane manager.
    return [{ pattern, managers: [], detail: `replicas set through /scale by HorizontalPodAutoscaler ${hpa}` }];
  },
};

const INJECT_CA = ['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret', 'cert-manager.io/inject-apiserver-ca'];
const CA_BUNDLES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': [['webhooks', '*', 'clientConfig', 'caBundle']],
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': [['webhooks', '*', 'clientConfig', 'caBundle']],
  'apiextensions.k8s.io/CustomResourceDefinition': [
    ['spec', 'conversion', 'webhook', 'clientConfig', 'caBundle'],
    ['spec', 'conversion', 'webhookClientConfig', 'caBundle'],
  ],
  'apiregistration.k8s.io/APIService': [['spec', 'caBundle']],
};

const CAINJECTOR_CA_BUNDLE: ControllerRule = {
  name: 'cainjector-ca-bundle',
  docs: 'https://cert-manager.io/docs/concepts/ca-injector/',
  fieldsOf(live, git) {
    const patterns = CA_BUNDLES[kindOf(live)];
    const asked = INJECT_CA.find((key) => key in annotationsOf(live) || key in annotationsOf(git));
    if (!patterns || !asked) return undefined;
    // cainjector writes as `cainjector` (cert-manager/cert-manager#4838).
    return patterns.map((pattern) => ({ pattern, managers: ['cainjector'], detail: `caBundle injected by cert-manager's cainjector, as ${asked} asks` }));
  },
};

const CLUSTER_ROLE_AGGREGATION: ControllerRule = {
  name: 'clusterrole-aggregation',
  docs: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles',
  fieldsOf(live, git) {
    if (kindOf(live) !== 'rbac.authorization.k8s.io/ClusterRole' || (live.aggregationRule === undefined && git.aggregationRule === undefined)) return undefined;
    return [{ pattern: ['rules'], managers: [], detail: 'rules of an aggregated ClusterRole written by the clusterrole-aggregation controller' }];
  },
};

const LEGACY_TOKEN_SECRETS: ControllerRule = {
  name: 'legacy-token-secrets',
  docs: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/2799-reduction-of-secret-based-service-account-token',
  fieldsOf(live) {
    if (kindOf(live) !== '/ServiceAccount') return undefined;
    const token = new RegExp(`^${live.metadata.name.replace(/[.]/g, '\\.')}-token-[a-z0-9]{5}$`);
    const isTokenRef = (item: JsonValue): boolean => isJsonObject(item) && typeof item.name === 'string' && token.test(item.name);
    return [
      {
        pattern: ['secrets'],
        managers: [],
        detail: 'token Secret listed by the ServiceAccount token controller of clusters before 1.24',
        matches: (value, gitValue) => absent(gitValue) && all(value, isTokenRef),
      },
    ];
  },
};

const LOAD_BALANCER_CLEANUP = 'service.kubernetes.io/load-balancer-cleanup';

const LOAD_BALANCER_FINALIZER: ControllerRule = {
  name: 'load-balancer-finalizer',
  docs: 'https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#garbage-collecting-load-balancers',
  fieldsOf(live) {
    if (kindOf(live) !== '/Service' || !isJsonObject(live.spec) || live.spec.type !== 'LoadBalancer') return undefined;
    return [
      {
        pattern: ['metadata', 'finalizers'],
        managers: [],
        detail: `${LOAD_BALANCER_CLEANUP} finalizer kept by the service controller until the load balancer is gone`,
        matches: (value, gitValue) => absent(gitValue) && all(value, (item) => item === LOAD_BALANCER_CLEANUP),
      },
    ];
  },
};

const bindsWhenGitLacks = (pattern: readonly string[], detail: string): OwnedField => ({ pattern, managers: [], detail, matches: (_value, gitValue) => absent(gitValue) });

const PV_BINDER: ControllerRule = {
  name: 'pv-binder',
  docs: 'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#binding',
  fieldsOf(live) {
    const kind = kindOf(live);
    if (kind === '/PersistentVolumeClaim') return [bindsWhenGitLacks(['spec', 'volumeName'], 'bound PersistentVolume chosen by the PV controller')];
    if (kind === '/PersistentVolume') return [bindsWhenGitLacks(['spec', 'claimRef'], 'bound claim recorded by the PV controller')];
    return undefined;
  },
};

export const CONTROLLER_TABLE: readonly ControllerRule[] = [
  HPA_REPLICAS,
  CAINJECTOR_CA_BUNDLE,
  CLUSTER_ROLE_AGGREGATION,
  LEGACY_TOKEN_SECRETS,
  LOAD_BALANCER_FINALIZER,
  PV_BINDER,
];
