import type { DriftPolicy, RuleMatch } from '../drift-policy.js';

/**
 * `builtin:hardening`: the controls of the NSA/CISA Kubernetes Hardening Guidance and the Pod
 * Security Standards that a drift can break. Every expression tolerates absent fields (optional
 * chaining), so an evaluation error always means something unexpected, never a missing default.
 */
const NSA = 'NSA/CISA Kubernetes Hardening Guidance v1.2';

const POD_WORKLOADS: RuleMatch = {
  apiGroups: ['', 'apps', 'batch'],
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
};
const RBAC_ROLES: RuleMatch = { apiGroups: ['rbac.authorization.k8s.io'], kinds: ['Role', 'ClusterRole'] };
const SERVICES: RuleMatch = { apiGroups: [''], kinds: ['Service'] };

const SENSITIVE_RESOURCES = ['secrets', 'roles', 'clusterroles', 'rolebindings', 'clusterrolebindings', '*'];
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', '*'];
const EXPOSED_TYPES = '["NodePort", "LoadBalancer"]';
const list = (items: string[]) => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;

export const HARDENING_POLICY: DriftPolicy = {
  apiVersion: 'driftback.dev/v1alpha1',
  kind: 'DriftPolicy',
  metadata: { name: 'hardening' },
  spec: {
    rules: [
      {
        name: 'privileged-containers',
        match: POD_WORKLOADS,
        expression: 'allContainers(object).all(c, c.?securityContext.?privileged.orValue(false) != true)',
        message: 'a container runs privileged',
        severity: 'critical',
        reference: `PSS Baseline: Privileged Containers; ${NSA}, Pod security`,
      },
      {
        name: 'host-namespaces',
        match: POD_WORKLOADS,
        expression:
          'cel.bind(spec, podSpec(object), spec.?hostNetwork.orValue(false) != true && ' +
          'spec.?hostPID.orValue(false) != true && spec.?hostIPC.orValue(false) != true)',
        message: 'the pod shares the host network, PID or IPC namespace',
        severity: 'high',
        reference: `PSS Baseline: Host Namespaces; ${NSA}, Pod security`,
      },
      {
        name: 'host-path-volumes',
        match: POD_WORKLOADS,
        expression: 'podSpec(object).?volumes.orValue([]).all(v, !has(v.hostPath))',
        message: 'the pod mounts a hostPath volume',
        severity: 'high',
        reference: `PSS Baseline: HostPath Volumes; ${NSA}, Pod security`,
      },
      {
        name: 'added-capabilities',
        match: POD_WORKLOADS,
        expression:
          'allContainers(object).all(c, c.?securityContext.?capabilities.?add.orValue([]).all(cap, cap == "NET_BIND_SERVICE"))',
        message: 'a container adds Linux capabilities beyond NET_BIND_SERVICE',
        severity: 'high',
        reference: `PSS Restricted: Capabilities; ${NSA}, Pod security`,
      },
      {
        name: 'run-as-root',
        match: POD_WORKLOADS,
        expression:
          'cel.bind(pod, podSpec(object).?securityContext.orValue({}), ' +
          'pod.?runAsUser.orValue(1) != 0 && pod.?runAsNonRoot.orValue(true) != false && ' +
          'allContainers(object).all(c, c.?securityContext.?runAsUser.orValue(1) != 0 && ' +
          'c.?securityContext.?runAsNonRoot.orValue(true) != false))',
        message: 'the pod or a container runs as root (runAsUser 0 or runAsNonRoot false)',
        severity: 'high',
        reference: `PSS Restricted: Running as Non-root; ${NSA}, Pod security: non-root containers`,
      },
      {
        name: 'privilege-escalation',
        match: POD_WORKLOADS,
        expression: 'allContainers(object).all(c, c.?securityContext.?allowPrivilegeEscalation.orValue(false) != true)',
        message: 'a container allows privilege escalation',
        severity: 'high',
        reference: `PSS Restricted: Privilege Escalation; ${NSA}, Pod security`,
      },
      {
        name: 'read-only-root-filesystem-removed',
        match: POD_WORKLOADS,
        expression:
          'allContainers(oldObject).all(g, g.?securityContext.?readOnlyRootFilesystem.orValue(false) != true || ' +
          'allContainers(object).all(c, c.name != g.name || c.?securityContext.?readOnlyRootFilesystem.orValue(false) == true))',
        message: 'readOnlyRootFilesystem was true in Git and is not live',
        severity: 'medium',
        reference: `${NSA}, Pod security: immutable container file systems`,
      },
      {
        name: 'seccomp-unconfined',
        match: POD_WORKLOADS,
        expression:
          'podSpec(object).?securityContext.?seccompProfile.?type.orValue("") != "Unconfined" && ' +
          'allContainers(object).all(c, c.?securityContext.?seccompProfile.?type.orValue("") != "Unconfined")',
        message: 'the pod or a container runs with seccomp Unconfined',
        severity: 'high',
        reference: `PSS Baseline: Seccomp; ${NSA}, Pod security`,
      },
      {
        name: 'unpinned-images',
        match: POD_WORKLOADS,
        expression:
          'allContainers(object).all(c, c.image.contains("@") || ' +
          '(c.image.substring(c.image.lastIndexOf("/") + 1).contains(":") && !c.image.endsWith(":latest")))',
        message: 'a container image is not pinned (":latest" or no tag)',
        severity: 'medium',
        reference: `${NSA}, Pod security: building secure container images`,
      },
      {
        name: 'resource-limits-removed',
        match: POD_WORKLOADS,
        expression:
          'allContainers(oldObject).all(g, allContainers(object).all(c, c.name != g.name || ' +
          'g.?resources.?limits.orValue({}).all(k, k in c.?resources.?limits.orValue({}))))',
        message: 'a resource limit that Git sets was removed live',
        severity: 'medium',
        reference: `${NSA}, Network separation and hardening: resource policies`,
      },
      {
        name: 'rbac-wildcards',
        match: RBAC_ROLES,
        expression:
          'object.?rules.orValue([]).all(r, !("*" in r.?verbs.orValue([])) && ' +
          '!("*" in r.?resources.orValue([])) && !("*" in r.?apiGroups.orValue([])))',
        message: 'a role grants "*" verbs, resources or API groups',
        severity: 'high',
        reference: `${NSA}, Authentication and authorization: role-based access control (least privilege)`,
      },
      {
        name: 'rbac-sensitive-writes',
        match: RBAC_ROLES,
        expression:
          `object.?rules.orValue([]).all(r, !("impersonate" in r.?verbs.orValue([])) && ` +
          `!(r.?resources.orValue([]).exists(x, x in ${list(SENSITIVE_RESOURCES)}) && ` +
          `r.?verbs.orValue([]).exists(v, v in ${list(WRITE_VERBS)})))`,
        message: 'a role can write, escalate, bind or impersonate on Secrets or RBAC objects',
        severity: 'critical',
        reference: `${NSA}, Authentication and authorization: role-based access control`,
      },
      {
        name: 'service-exposed',
        match: SERVICES,
        expression:
          `!(object.?spec.?type.orValue("ClusterIP") in ${EXPOSED_TYPES}) || ` +
          `oldObject.?spec.?type.orValue("ClusterIP") in ${EXPOSED_TYPES}`,
        message: 'a ClusterIP Service was turned into NodePort or LoadBalancer',
        severity: 'high',
        reference: `${NSA}, Network separation and hardening`,
      },
    ],
  },
};
