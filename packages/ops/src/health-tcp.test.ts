import net from 'node:net';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { AppError } from './errors';
import { startTcpHealthServer } from './health-tcp';
import type { RunningServer } from './metrics';

const logger = { info: jest.fn(), error: jest.fn() };

function probe(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('startTcpHealthServer', () => {
  const servers: Array<RunningServer | net.Server> = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      if (s instanceof net.Server) await new Promise((r) => s.close(r));
      else await s.close();
    }
  });

  it('answers OK and closes the connection', async () => {
    const server = await startTcpHealthServer({ host: '127.0.0.1', port: 0, logger });
    servers.push(server);
    await expect(probe(server.port)).resolves.toBe('OK\n');
    await expect(probe(server.port)).resolves.toBe('OK\n');
  });

  it('answers FAIL while unhealthy', async () => {
    let healthy = false;
    const server = await startTcpHealthServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      isHealthy: () => healthy,
    });
    servers.push(server);
    await expect(probe(server.port)).resolves.toBe('FAIL\n');
    healthy = true;
    await expect(probe(server.port)).resolves.toBe('OK\n');
  });

  it('rejects with one clear AppError line when the port is taken', async () => {
    const occupier = net.createServer();
    servers.push(occupier);
    await new Promise<void>((r) => occupier.listen(0, '127.0.0.1', r));
    const port = (occupier.address() as net.AddressInfo).port;

    const attempt = startTcpHealthServer({ host: '127.0.0.1', port, logger });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      message: `Health server cannot listen on 127.0.0.1:${port}: address already in use`,
      code: 'LISTEN_EADDRINUSE',
    });
  });
});
