/**
 * Service: SetDefaults_Service (pkg/apis/core/v1/defaults.go) and what the registry allocates
 * on create (cluster IPs and IP families in pkg/registry/core/service/ipallocator, node ports in
 * portallocator).
 */
import type { RuleGroup } from './compile-table.js';
import { appliedSibling, getIn, isIpAddress, isPort } from './conditions.js';
import { allocated, derived, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

const typeOf = (ctx: DefaultContext): unknown => getIn(ctx.root, ['spec', 'type']) ?? 'ClusterIP';
const exposesNodePorts = (ctx: DefaultContext): boolean => typeOf(ctx) === 'NodePort' || typeOf(ctx) === 'LoadBalancer';
/** service.ExternallyAccessible (pkg/api/v1/service): node ports, or a ClusterIP with external IPs. */
function externallyAccessible(ctx: DefaultContext): boolean {
  const externalIPs = getIn(ctx.root, ['spec', 'externalIPs']);
  return exposesNodePorts(ctx) || (typeOf(ctx) === 'ClusterIP' && Array.isArray(externalIPs) && externalIPs.length > 0);
}
const isFamily = (value: unknown): boolean => value === 'IPv4' || value === 'IPv6';

function isClusterIp(ctx: DefaultContext, value: unknown): boolean {
  return isIpAddress(value) || (value === 'None' && getIn(ctx.root, ['spec', 'clusterIP']) === 'None');
}

const SERVICE_RULES: readonly DefaultRule[] = [
  fixed('spec.type', 'ClusterIP', 'ServiceSpec.type'),
  fixed('spec.sessionAffinity', 'None', 'ServiceSpec.sessionAffinity'),
  fixed('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 10800, 'ClientIPConfig.timeoutSeconds'),
  derived('spec.internalTrafficPolicy', (ctx) => ctx.value === 'Cluster' && typeOf(ctx) !== 'ExternalName', 'API server default for ServiceSpec.internalTrafficPolicy (Cluster)'),
  derived('spec.externalTrafficPolicy', (ctx) => ctx.value === 'Cluster' && externallyAccessible(ctx), 'API server default for ServiceSpec.externalTrafficPolicy (Cluster for an externally accessible Service)'),
  derived('spec.allocateLoadBalancerNodePorts', (ctx) => ctx.value === true && typeOf(ctx) === 'LoadBalancer', 'API server default for ServiceSpec.allocateLoadBalancerNodePorts (true for LoadBalancer)'),
  fixed('spec.ipFamilyPolicy', 'SingleStack', 'ServiceSpec.ipFamilyPolicy'),
  derived('spec.ipFamilies', (ctx) => Array.isArray(ctx.value) && ctx.value.length > 0 && ctx.value.every(isFamily), 'IP families chosen by the API server from the cluster configuration'),
  derived('spec.ipFamilies.*', (ctx) => isFamily(ctx.value), 'IP family chosen by the API server from the cluster configuration'),
  allocated('spec.clusterIP', (ctx) => isIpAddress(ctx.value), 'cluster IP allocated by the API server'),
  allocated('spec.clusterIPs', (ctx) => Array.isArray(ctx.value) && ctx.value.length > 0 && ctx.value.every((ip) => isClusterIp(ctx, ip)), 'cluster IPs allocated by the API server'),
  allocated('spec.clusterIPs.*', (ctx) => isClusterIp(ctx, ctx.value), 'cluster IP allocated by the API server'),
  fixed('spec.ports.*.protocol', 'TCP', 'ServicePort.protocol'),
  derived('spec.ports.*.targetPort', (ctx) => ctx.value === appliedSibling(ctx, 'port'), 'API server default for ServicePort.targetPort (the port)'),
  allocated('spec.ports.*.nodePort', (ctx) => isPort(ctx.value) && exposesNodePorts(ctx), 'node port allocated by the API server'),
  allocated(
    'spec.healthCheckNodePort',
    (ctx) => isPort(ctx.value) && typeOf(ctx) === 'LoadBalancer' && ctx.parent['externalTrafficPolicy'] === 'Local',
    'health check node port allocated by the API server',
  ),
];

/** Selector-less Services get hand-kept Endpoints or EndpointSlices, whose ports default too. */
export const SERVICE_GROUPS: readonly RuleGroup[] = [
  { kinds: ['/Service'], prefixes: [[]], rules: SERVICE_RULES },
  { kinds: ['/Endpoints'], prefixes: [[]], rules: [fixed('subsets.*.ports.*.protocol', 'TCP', 'EndpointPort.protocol')] },
  {
    kinds: ['discovery.k8s.io/EndpointSlice'],
    prefixes: [[]],
    rules: [
      fixed('ports.*.protocol', 'TCP', 'EndpointPort.protocol'),
      fixed('ports.*.name', '', 'EndpointPort.name'),
      fixed('endpoints.*.conditions', {}, 'Endpoint.conditions', 'serialized empty when unset'),
    ],
  },
];
