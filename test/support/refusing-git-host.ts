import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RefusingGitHost {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The Authorization header of every request, in order (undefined when none was sent). */
  seen: (string | undefined)[];
  close(): Promise<void>;
}

/** A Git smart-HTTP host that records the Authorization header of every request and refuses access. */
export async function startRefusingGitHost(): Promise<RefusingGitHost> {
  const seen: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers.authorization);
    response.writeHead(request.headers.authorization ? 403 : 401, { 'WWW-Authenticate': 'Basic realm="git"' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
