/** The demo's Git repository: a small shop as an SRE team would keep it, a Kustomize base and two overlays, comments included. */
export const SAMPLE_REPO_FILES: Record<string, string> = {
  'README.md': '# shop infrastructure\n\nThe shop, a Kustomize base with one overlay per environment, applied with `kubectl apply -k apps/shop/overlays/<env>`.\n',
  'apps/shop/base/kustomization.yaml': `# The shop as every environment runs it; overlays set namespace, images and scale.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - web/deployment.yaml
  - web/service.yaml
  - web/config.yaml
  - api/deployment.yaml
  - api/secret.yaml
  - api/service.yaml
`,
  'apps/shop/overlays/prod/kustomization.yaml': `# Production.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
resources:
  - namespace.yaml
  - ../../base
images:
  - name: ghcr.io/acme/web
    newTag: 1.14.2  # promoted from staging
  - name: ghcr.io/acme/api
    newTag: 2.3.0
replicas:
  - name: web
    count: 3  # baseline capacity; scaled by hand during sales
`,
  'apps/shop/overlays/prod/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: payments
`,
  'apps/shop/overlays/staging/kustomization.yaml': `# Staging: release candidates, one replica.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop-staging
resources:
  - ../../base
images:
  - name: ghcr.io/acme/web
    newTag: 1.15.0-rc.1
replicas:
  - name: web
    count: 1
`,
  'apps/shop/base/web/deployment.yaml': `# Storefront; the overlays pin its image and set its scale.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: ghcr.io/acme/web:1.14.2
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              cpu: "1"
              memory: 0.5Gi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
`,
  'apps/shop/base/web/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`,
  'apps/shop/base/web/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  FEATURE_CHECKOUT_V2: "false"
  CACHE_TTL_SECONDS: "300"
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
`,
  'apps/shop/base/api/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/api:2.3.0
        ports:
        - containerPort: 9000
        envFrom:
        - secretRef:
            name: api-credentials
        resources:
          limits:
            cpu: 500m
            memory: 512Mi
        securityContext:
          allowPrivilegeEscalation: false
`,
  'apps/shop/base/api/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: api-credentials
type: Opaque
stringData:
  DATABASE_PASSWORD: correct-horse-battery-staple
`,
  'apps/shop/base/api/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: grpc
    port: 9000
`,
};

export const SAMPLE_PATHS = ['apps/shop/overlays/prod'];

/** The demo's own policy beside the built-in hardening pack: a scaling guardrail. */
export const SAMPLE_POLICY = `apiVersion: driftback.dev/v1alpha1
kind: DriftPolicy
metadata:
  name: shop-guardrails
spec:
  rules:
    - name: replicas-within-bounds
      match:
        apiGroups: [apps]
        kinds: [Deployment]
      expression: "!has(object.spec.replicas) || (object.spec.replicas >= 2 && object.spec.replicas <= 10)"
      message: replicas must stay between 2 and 10
      severity: medium
`;
