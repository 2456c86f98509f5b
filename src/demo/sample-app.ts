/** The demo's Git repository: a small shop as an SRE team would keep it, comments included. */
export const SAMPLE_REPO_FILES: Record<string, string> = {
  'README.md': '# shop infrastructure\n\nManifests for the shop namespace, applied with `kubectl apply -f clusters/prod`.\n',
  'clusters/prod/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: payments
`,
  'clusters/prod/web/deployment.yaml': `# Storefront. Scaled by hand during sales; keep replicas in Git current.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  replicas: 3  # baseline capacity
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
  'clusters/prod/web/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`,
  'clusters/prod/web/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  FEATURE_CHECKOUT_V2: "false"
  CACHE_TTL_SECONDS: "300"
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
`,
  'clusters/prod/api/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
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
  'clusters/prod/api/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: api-credentials
  namespace: shop
type: Opaque
stringData:
  DATABASE_PASSWORD: correct-horse-battery-staple
`,
  'clusters/prod/api/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app: api
  ports:
  - name: grpc
    port: 9000
`,
};

export const SAMPLE_PATHS = ['clusters/prod'];

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
