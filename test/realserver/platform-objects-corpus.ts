/**
 * The platform objects of issue 9 as a repository holds them: a Gateway-API-like route CRD whose
 * schema defaults what HTTPRoute's does (parentRefs[].group and kind, backendRefs[].weight, group
 * and kind, rules[].matches), routes applied client-side and server-side, workloads an HPA scales
 * (one HPA in Git, one not), a webhook configuration cert-manager's cainjector fills in, and a
 * StatefulSet whose managedFields get cleared.
 */
export const ROUTE_CRD_FILE = 'platform/crds/routes.yaml';

export const ROUTE_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: routes.gateway.example.com
spec:
  group: gateway.example.com
  scope: Namespaced
  names: {plural: routes, kind: Route}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              sessionAffinity: {type: string}
              parentRefs:
                type: array
                items:
                  type: object
                  required: [name]
                  properties:
                    group: {type: string, default: gateway.networking.k8s.io}
                    kind: {type: string, default: Gateway}
                    name: {type: string}
              mirrors:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    percent: {type: integer, default: 100}
              rules:
                type: array
                items:
                  type: object
                  properties:
                    matches:
                      type: array
                      default: [{path: {type: PathPrefix, value: /}}]
                      items:
                        type: object
                        properties:
                          path:
                            type: object
                            default: {type: PathPrefix, value: /}
                            properties:
                              type: {type: string, default: PathPrefix}
                              value: {type: string, default: /}
                    backendRefs:
                      type: array
                      items:
                        type: object
                        required: [name]
                        properties:
                          group: {type: string, default: ""}
                          kind: {type: string, default: Service}
                          name: {type: string}
                          port: {type: integer}
                          weight: {type: integer, default: 1}
`;

const route = (name: string) => `apiVersion: gateway.example.com/v1
kind: Route
metadata:
  name: ${name}
  namespace: shop
spec:
  parentRefs:
  - name: public
  mirrors:
  - name: shadow-a
  - name: shadow-b
  rules:
  - backendRefs:
    - name: ${name}
      port: 8080
  - matches:
    - path: {value: /api}
    backendRefs:
    - name: ${name}-api
      port: 8080
`;

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: ${name}
        image: ghcr.io/acme/${name}:1.0.0
`;

export const PLATFORM_OBJECT_FILES: Record<string, string> = {
  [ROUTE_CRD_FILE]: ROUTE_CRD,
  'platform/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
  'platform/routes/checkout.yaml': route('checkout'),
  'platform/routes/search.yaml': route('search'),
  'platform/routes/catalog.yaml': route('catalog'),
  'platform/apps/api.yaml': `${deployment('api', 2)}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 10
`,
  'platform/apps/worker.yaml': deployment('worker', 1),
  'platform/apps/cache.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
  namespace: shop
spec:
  serviceName: cache
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
      - name: redis
        image: redis:7.2.4
`,
  'platform/webhooks.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: policy-hooks
  annotations:
    cert-manager.io/inject-ca-from: shop/policy-ca
webhooks:
- name: widgets.policy.example.com
  clientConfig:
    service: {name: policy, namespace: shop, path: /validate}
  rules:
  - apiGroups: [policy.example.com]
    apiVersions: [v1]
    operations: [CREATE]
    resources: [widgets]
  failurePolicy: Ignore
  sideEffects: None
  admissionReviewVersions: [v1]
`,
};

/** An HPA that is not in Git, as another team or KEDA would create it. */
export const LIVE_ONLY_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: worker
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: worker}
  maxReplicas: 5
`;
