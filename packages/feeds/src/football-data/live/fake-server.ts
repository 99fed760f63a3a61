// A local stand-in for football-data.co.uk: serves the files it is given at the site's paths,
// and can be told to fail one path the ways a real download fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeFootballDataFault =
  /** Answer with this status and a short HTML body, as a web server's error page. */
  | { status: number }
  /** Announce the whole file, send only its first `bytes`, then cut the connection. */
  | { truncateAt: number };

export interface FakeFootballDataServer {
  baseUrl: string;
  /** Serves `body` at `path` (e.g. `/mmz4281/2627/E0.csv`), replacing what was there. */
  setFile(path: string, body: string | Buffer): void;
  /** Fails `path` until cleared with `clearFault`. */
  setFault(path: string, fault: FakeFootballDataFault): void;
  clearFault(path: string): void;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeFootballDataServer(): Promise<FakeFootballDataServer> {
  const files = new Map<string, Buffer>();
  const faults = new Map<string, FakeFootballDataFault>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    requests.push(path);
    const fault = faults.get(path);
    const file = files.get(path);
    if (fault && 'status' in fault) {
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      res.end(`<html><body>${fault.status}</body></html>`);
      return;
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>Not Found</body></html>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': file.byteLength });
    if (fault && 'truncateAt' in fault) {
      res.write(file.subarray(0, fault.truncateAt), () => res.destroy());
      return;
    }
    res.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setFile: (path, body) => files.set(path, Buffer.isBuffer(body) ? body : Buffer.from(body)),
    setFault: (path, fault) => faults.set(path, fault),
    clearFault: (path) => faults.delete(path),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
