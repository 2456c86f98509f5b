import type { IncomingHttpHeaders } from 'node:http';
import type { ResourceType } from './resource-type.js';
import { forbidden, unauthorized } from './status-errors.js';

export interface ForbiddenRule {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
}

export interface AccessTarget {
  verb: string;
  type: ResourceType;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export function checkToken(headers: IncomingHttpHeaders, token: string | undefined): void {
  if (token !== undefined && headers.authorization !== `Bearer ${token}`) throw unauthorized();
}

/** A rule's resource may name a subresource (`deployments/scale`); `*` matches any verb or resource. */
export function checkAllowed(rules: ForbiddenRule[], target: AccessTarget, user: string): void {
  const resource = target.subresource ? `${target.type.resource}/${target.subresource}` : target.type.resource;
  const denied = rules.some(
    (rule) =>
      (rule.verb === '*' || rule.verb === target.verb) &&
      rule.group === target.type.group &&
      (rule.resource === '*' || rule.resource === resource) &&
      (rule.namespace === undefined || rule.namespace === target.namespace),
  );
  if (denied) {
    throw forbidden({ ...target.type, subresource: target.subresource, namespace: target.namespace }, target.verb, user, target.name);
  }
}

export function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return hasName ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
