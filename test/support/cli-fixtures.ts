/**
 * Git repositories for the CLI scenarios, written as people keep them: comments, multi-document
 * files, short quantity spellings, stringData, kubectl-style unindented lists.
 */
import { SAMPLE_POLICY } from '../../src/demo/sample-app.js';

export const DB_PASSWORD = 'correct-horse-battery-staple';
export const ROTATED_PASSWORD = 'Tr0ub4dor&3-rotated-by-hand';

/** A small shop: the objects the report test drifts by hand. */
export const SHOP_FILES: Record<string, string> = {
  'README.md': '# shop\n',
  'clusters/prod/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
  'clusters/prod/web/deployment.yaml': `# the storefront
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: web
          image: ghcr.io/acme/web:1.14.2
          ports:
            - containerPort: 8080
          resources:
            limits:
              cpu: 0.5
              memory: 0.5Gi
          securityContext:
            allowPrivilegeEscalation: false
`,
  'clusters/prod/web/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  FEATURE_CHECKOUT_V2: "false"
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`,
  'clusters/prod/api/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: api-credentials
  namespace: shop
type: Opaque
stringData:
  DATABASE_PASSWORD: ${DB_PASSWORD}
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
  'clusters/staging/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: staging-config
  namespace: shop
data:
  STAGE: staging
`,
};

/** A policy of our own beside the built-in pack: the demo's scaling guardrail. */
export const GUARDRAILS_POLICY = SAMPLE_POLICY;

/** Every kind people keep in Git, as they write it; applied as kubectl applies it this must scan InSync. */
export const ALL_KINDS_FILES: Record<string, string> = {
  'base/00-namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: payments
`,
  'base/rbac.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-config-reader
  namespace: shop
subjects:
- kind: ServiceAccount
  name: web
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: shop-node-reader
rules:
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: shop-node-reader
subjects:
- kind: ServiceAccount
  name: web
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: shop-node-reader
`,
  'apps/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
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
            cpu: 0.5
            memory: 0.5Gi
          limits:
            cpu: 1
            memory: 1Gi
        readinessProbe:
          httpGet: {path: /healthz, port: http}
        volumeMounts:
        - name: config
          mountPath: /etc/web
      volumes:
      - name: config
        configMap:
          name: web-config
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  app.properties: |
    cache.ttl=300
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - from:
    - podSelector: {}
    ports:
    - port: 8080
`,
  'apps/db.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        ports:
        - containerPort: 5432
        envFrom:
        - secretRef:
            name: db-credentials
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 10Gi
---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: shop
type: Opaque
stringData:
  POSTGRES_PASSWORD: ${DB_PASSWORD}
`,
  'apps/agent.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: shop
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
      - name: agent
        image: fluent/fluent-bit:3.1.9
        resources:
          limits: {cpu: 200m, memory: 128Mi}
`,
  'apps/jobs.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: shop
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: ghcr.io/acme/migrate:1.0.0
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
  namespace: shop
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: ghcr.io/acme/report:2.0.1
`,
};
