/** Twenty rules of the kinds SRE teams write, beside the built-in hardening pack. */
export const CUSTOM_POLICY_YAML = `apiVersion: driftback.dev/v1alpha1
kind: DriftPolicy
metadata:
  name: bench-guardrails
spec:
  rules:
${[
  ['replicas-bounds', '[apps]', '[Deployment, StatefulSet]', '!has(object.spec.replicas) || (object.spec.replicas >= 1 && object.spec.replicas <= 50)'],
  ['replicas-only-scale', '[apps]', '[Deployment]', "changes.all(c, c.path.startsWith('/spec/replicas') || c.path.startsWith('/metadata/labels'))"],
  ['team-label', '[apps]', '[Deployment, StatefulSet]', "has(object.metadata.labels) && 'app' in object.metadata.labels"],
  ['no-host-port', '[apps]', '[Deployment]', 'object.spec.template.spec.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort)))'],
  ['image-registry', '[apps]', '[Deployment, StatefulSet]', "object.spec.template.spec.containers.all(c, c.image.startsWith('ghcr.io/') || c.image.startsWith('registry.'))"],
  ['no-env-secrets-inline', '[apps]', '[Deployment]', "object.spec.template.spec.containers.all(c, !has(c.env) || c.env.all(e, !e.name.contains('PASSWORD') || has(e.valueFrom)))"],
  ['memory-limit', '[apps]', '[Deployment]', 'object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits) && has(c.resources.limits.memory))'],
  ['config-log-level', '[""]', '[ConfigMap]', "!has(object.data) || !has(object.data.LOG_LEVEL) || object.data.LOG_LEVEL in ['info', 'warn', 'error', 'debug']"],
  ['config-size', '[""]', '[ConfigMap]', '!has(object.data) || size(object.data) <= 64'],
  ['service-type', '[""]', '[Service]', "!has(object.spec.type) || object.spec.type in ['ClusterIP', 'NodePort', 'LoadBalancer']"],
  ['service-ports', '[""]', '[Service]', 'size(object.spec.ports) <= 10'],
  ['service-selector', '[""]', '[Service]', "has(object.spec.selector) == has(oldObject.spec.selector)"],
  ['labels-kept', '[apps, ""]', '[Deployment, Service, ConfigMap, StatefulSet]', "!has(oldObject.metadata.labels) || oldObject.metadata.labels.all(k, has(object.metadata.labels) && k in object.metadata.labels)"],
  ['few-changes', '[apps, ""]', '[Deployment, Service, ConfigMap, StatefulSet]', 'size(changes) <= 20'],
  ['no-removals', '[apps]', '[Deployment, StatefulSet]', "changes.all(c, c.op != 'remove' || c.path.startsWith('/metadata/annotations'))"],
  ['sts-service-name', '[apps]', '[StatefulSet]', 'object.spec.serviceName == oldObject.spec.serviceName'],
  ['sts-storage', '[apps]', '[StatefulSet]', '!has(object.spec.volumeClaimTemplates) || size(object.spec.volumeClaimTemplates) >= 1'],
  ['probe-present', '[apps]', '[Deployment]', 'object.spec.template.spec.containers.exists(c, has(c.readinessProbe) || has(c.livenessProbe)) || true'],
  ['annotations-small', '[apps, ""]', '[Deployment, Service]', '!has(object.metadata.annotations) || size(object.metadata.annotations) <= 30'],
  ['namespace-named', '[apps, ""]', '[Deployment, Service, ConfigMap, StatefulSet]', "object.metadata.namespace.startsWith('team-') || object.metadata.namespace == 'shop'"],
]
  .map(
    ([name, groups, kinds, expression]) => `    - name: ${name}
      match: { apiGroups: ${groups}, kinds: ${kinds} }
      expression: ${JSON.stringify(expression)}
      message: ${name} failed
      severity: medium`,
  )
  .join('\n')}
`;
