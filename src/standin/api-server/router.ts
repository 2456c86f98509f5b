import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAllowed, checkToken, verbOf, type ForbiddenRule } from './access.js';
import type { RequestRecord } from './api-types.js';
import type { Catalog } from './catalog.js';
import { apiGroup, coreVersions, groupList, resourceList, versionInfo } from './discovery.js';
import { readBody, sendError, sendJson, sendPlain } from './http-io.js';
import { handleResourceCall, type ResourceBackend } from './resource-handlers.js';
import { parsePath, type ResourcePath } from './request-path.js';
import type { ResourceType } from './resource-type.js';
import { ApiError, resourceNotFound, serverError } from './status-errors.js';

export interface RouterSettings {
  token?: string;
  forbid: ForbiddenRule[];
  user: string;
  serverAddress: () => string;
}

/** Injected failures: the next `remaining` resource requests answer `status`. */
export interface PendingFailures {
  remaining: number;
  status: number;
}

/** One request: log it, authenticate, answer discovery, or resolve the resource and run the verb. */
export async function routeRequest(
  backend: ResourceBackend & { catalog: Catalog },
  settings: RouterSettings,
  failures: PendingFailures,
  log: RequestRecord[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://standin');
  const fieldManager = url.searchParams.get('fieldManager') ?? undefined;
  const method = request.method ?? 'GET';
  log.push({ method, path: url.pathname, query: url.search.replace(/^\?/, ''), ...(fieldManager ? { fieldManager } : {}) });
  try {
    const body = await readBody(request);
    checkToken(request.headers, settings.token);
    const parsed = parsePath(url.pathname);
    switch (parsed.kind) {
      case 'version':
        return sendJson(response, 200, versionInfo());
      case 'health':
        return sendPlain(response, 200, 'ok');
      case 'core-versions':
        return sendJson(response, 200, coreVersions(settings.serverAddress()));
      case 'group-list':
        return sendJson(response, 200, groupList(backend.catalog));
      case 'group':
        return sendDiscovery(response, apiGroup(backend.catalog, parsed.group));
      case 'resource-list':
        return sendDiscovery(response, resourceList(backend.catalog, parsed.group, parsed.version));
      case 'unknown':
        return sendPlain(response, 404, '404 page not found\n');
    }
    const type = resolve(backend.catalog, parsed.path);
    if (failures.remaining > 0) {
      failures.remaining--;
      throw serverError(failures.status, 'injected fault');
    }
    const watch = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
    const verb = verbOf(method, parsed.path.name !== undefined, watch);
    checkAllowed(settings.forbid, { verb, type, ...parsed.path }, settings.user);
    handleResourceCall(backend, {
      method,
      type,
      path: parsed.path,
      query: url.searchParams,
      contentType: request.headers['content-type'],
      accept: request.headers.accept,
      body,
      manager: fieldManager ?? managerFromUserAgent(request.headers['user-agent']),
      response,
    });
  } catch (error) {
    const apiError = error instanceof ApiError ? error : serverError(500, (error as Error).message);
    if (!response.headersSent) sendError(response, apiError);
    else response.end();
  }
}

function sendDiscovery(response: ServerResponse, document: ReturnType<typeof resourceList>): void {
  if (!document) throw resourceNotFound();
  sendJson(response, 200, document);
}

function resolve(catalog: Catalog, path: ResourcePath): ResourceType {
  const type = catalog.find(path.group, path.version, path.resource);
  if (!type) throw resourceNotFound();
  if (type.namespaced !== (path.namespace !== undefined) && path.name !== undefined) throw resourceNotFound();
  if (!type.namespaced && path.namespace !== undefined) throw resourceNotFound();
  if (path.subresource !== undefined && !type.subresources.some((s) => s === path.subresource)) throw resourceNotFound();
  return type;
}

/** Without ?fieldManager the server names the manager after the User-Agent's product token. */
function managerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? '').split('/')[0]?.trim();
  return product ? product.slice(0, 128) : 'unknown';
}
