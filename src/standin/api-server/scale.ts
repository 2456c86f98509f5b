import { isJsonObject, type JsonObject, type KubeObject } from '../../model/index.js';
import { asJson } from './json-util.js';

/** The autoscaling/v1 Scale view of a workload: spec.replicas and the status kubectl scale reads. */
export function toScale(object: KubeObject): JsonObject {
  const body = asJson(object);
  const spec = isJsonObject(body.spec) ? body.spec : {};
  const status = isJsonObject(body.status) ? body.status : {};
  const selector = isJsonObject(spec.selector) && isJsonObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const metadata: JsonObject = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  Object.assign(metadata, { uid, resourceVersion, creationTimestamp });
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
    status: {
      replicas: typeof status.replicas === 'number' ? status.replicas : 0,
      selector: Object.entries(selector)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(','),
    },
  };
}

/** The workload with the replicas a Scale asks for. */
export function fromScale(object: KubeObject, scale: JsonObject): KubeObject {
  const spec = isJsonObject(scale.spec) ? scale.spec : {};
  const current = asJson(object);
  const metadata = isJsonObject(scale.metadata) ? scale.metadata : {};
  const resourceVersion = typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined;
  return {
    ...object,
    metadata: { ...object.metadata, resourceVersion },
    spec: { ...(isJsonObject(current.spec) ? current.spec : {}), replicas: spec.replicas ?? null },
  };
}
