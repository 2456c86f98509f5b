import type { JsonValue } from '../../model/index.js';
import { isJsonObject } from '../../model/index.js';
import type { DefaultContext } from './types.js';

/** Reads a nested field of a plain JSON object; undefined when any step is missing. */
export function getIn(value: unknown, path: readonly string[]): JsonValue | undefined {
  let node: unknown = value;
  for (const key of path) {
    if (!isJsonObject(node)) return undefined;
    node = node[key];
  }
  return node as JsonValue | undefined;
}

/**
 * The tag the kubelet and the API server see in an image reference, mirroring
 * k8s.io/kubernetes/pkg/util/parsers.ParseImageName: a digest alone means no tag, and a
 * reference with neither tag nor digest is `latest`.
 */
function imageTag(image: string): string {
  const at = image.indexOf('@');
  const named = at === -1 ? image : image.slice(0, at);
  const lastSlash = named.lastIndexOf('/');
  const colon = named.indexOf(':', lastSlash + 1);
  if (colon !== -1) return named.slice(colon + 1);
  return at === -1 ? 'latest' : '';
}

/** SetDefaults_Container: Always for `:latest` or an untagged image, else IfNotPresent. */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' | undefined {
  if (typeof image !== 'string') return undefined;
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v4 = IPV4.exec(value);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255);
  return value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value);
}

export function isPort(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536;
}

export function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/**
 * A sibling of the field as Git applied it: the server derived the default from that, not from a
 * value a person set later. Live's when Git's parent lacks it (left to a default as well).
 */
export function appliedSibling(ctx: DefaultContext, key: string): unknown {
  return ctx.gitParent?.[key] ?? ctx.parent[key];
}
