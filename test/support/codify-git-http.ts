import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname } from 'node:path';

/**
 * Serves a bare repository over smart HTTP through `git http-backend` (CGI), so git pushes the
 * way it would to GitHub: only requests carrying `Authorization: <expected>` get through.
 * Hooks of the repository see the request's Authorization as HTTP_AUTHORIZATION.
 */
export class GitHttpServer {
  readonly authorizations: (string | undefined)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly repoName: string,
  ) {}

  static async start(barePath: string, expectedAuthorization: string): Promise<GitHttpServer> {
    const server = createServer((request, response) => {
      standIn.authorizations.push(request.headers.authorization);
      if (request.headers.authorization !== expectedAuthorization) {
        response.writeHead(403, { 'content-type': 'text/plain' });
        response.end('forbidden\n');
        return;
      }
      const url = new URL(request.url ?? '/', 'http://git');
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: dirname(barePath),
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method ?? 'GET',
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        HTTP_AUTHORIZATION: request.headers.authorization,
        HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
        HTTP_GIT_PROTOCOL: request.headers['git-protocol'] as string | undefined,
      };
      const backend = spawn('git', ['http-backend'], { env });
      request.pipe(backend.stdin);
      let head = Buffer.alloc(0);
      let headersSent = false;
      backend.stdout.on('data', (chunk: Buffer) => {
        if (headersSent) {
          response.write(chunk);
          return;
        }
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        const headers: Record<string, string> = {};
        let status = 200;
        for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
          const colon = line.indexOf(':');
          const name = line.slice(0, colon).trim();
          const value = line.slice(colon + 1).trim();
          if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
          else headers[name] = value;
        }
        response.writeHead(status, headers);
        headersSent = true;
        response.write(head.subarray(end + 4));
      });
      backend.stdout.on('end', () => response.end());
    });
    const standIn = new GitHttpServer(server, basename(barePath));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return standIn;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/${this.repoName}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
