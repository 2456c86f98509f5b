import type { JsonObject } from '../../model/index.js';

/**
 * Errors as the real API server words them (k8s.io/apimachinery/pkg/api/errors): clients and
 * driftback's own adapters parse `reason` and `code`, and people read `message`.
 */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: Array<{ reason?: string; message: string; field?: string }>;
  retryAfterSeconds?: number;
}

export interface StatusBody extends JsonObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: JsonObject;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = compactDetails(this.details);
    return body;
  }
}

function compactDetails(details: StatusDetails): JsonObject {
  const out: JsonObject = {};
  if (details.name) out.name = details.name;
  if (details.group) out.group = details.group;
  if (details.kind) out.kind = details.kind;
  if (details.causes) out.causes = details.causes.map((c) => ({ ...c }));
  if (details.retryAfterSeconds !== undefined) out.retryAfterSeconds = details.retryAfterSeconds;
  return out;
}

/** What an error message names: the resource (plural) and its group. */
export interface ResourceName {
  group: string;
  resource: string;
}

/** `deployments.apps` or `pods`: how the server names a group resource in messages. */
export function qualifiedResource({ group, resource }: ResourceName): string {
  return group ? `${resource}.${group}` : resource;
}

function details(target: ResourceName, name?: string): StatusDetails {
  return { name, group: target.group || undefined, kind: target.resource };
}

export function notFound(target: ResourceName, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(target)} "${name}" not found`, details(target, name));
}

export function alreadyExists(target: ResourceName, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(target)} "${name}" already exists`,
    details(target, name),
  );
}

export function conflict(target: ResourceName, name: string, why?: string): ApiError {
  const reason = why ?? 'the object has been modified; please apply your changes to the latest version and try again';
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(target)} "${name}": ${reason}`,
    details(target, name),
  );
}

export function forbidden(
  target: ResourceName & { subresource?: string; namespace?: string },
  verb: string,
  user: string,
  name?: string,
): ApiError {
  const subject = name ? `${qualifiedResource(target)} "${name}"` : qualifiedResource(target);
  const resource = target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
  const scope = target.namespace ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${target.group}" ${scope}`,
    details(target, name),
  );
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function resourceNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

export function methodNotSupported(target: ResourceName, verb: string): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on resources of kind "${qualifiedResource(target)}"`,
    details(target),
  );
}

export function expired(requested: string, current: string): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${requested} (${current})`);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(kind: string, group: string, name: string, field: string, message: string): ApiError {
  const qualified = group ? `${kind}.${group}` : kind;
  return new ApiError(422, 'Invalid', `${qualified} "${name}" is invalid: ${field}: ${message}`, {
    name,
    group: group || undefined,
    kind,
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });
}

export function unsupportedMediaType(accepted: string[]): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

const SERVER_ERROR_REASONS: Record<number, string> = {
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function serverError(code: number, cause: string): ApiError {
  const reason = SERVER_ERROR_REASONS[code] ?? 'InternalError';
  const message = reason === 'InternalError' ? `Internal error occurred: ${cause}` : cause;
  return new ApiError(code, reason, message, { causes: [{ message: cause }] });
}
