/**
 * The cluster's four Redis connections: commands (lease, stream appends, snapshot), a reader
 * for the blocking XREAD, and the Socket.IO Redis adapter's publisher and subscriber, which
 * it installs on the server. Errors are remembered for /health, never thrown.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import type { WallIo } from '../GatewayContext';

export interface ClusterRedis {
  cmd: Redis;
  reader: Redis;
  lastError(): string | null;
  noteError(message: string): void;
  /** Ends the command and reader connections (the adapter's end with the HTTP server). */
  close(): void;
}

/** Quits politely when connected; otherwise stops reconnecting (a queued QUIT would wait forever). */
function closeClient(client: Redis): void {
  if (client.status === 'ready') void client.quit().catch(() => client.disconnect());
  else client.disconnect();
}

export function connectClusterRedis(url: string, prefix: string, io: WallIo): ClusterRedis {
  const retryStrategy = (attempt: number) => Math.min(100 * attempt, 1000);
  // Commands fail at once while Redis is away (the loops retry); the adapter's publisher
  // waits for Redis instead, so a view change made meanwhile still reaches the other walls.
  const direct: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy };
  const cmd = new Redis(url, direct);
  const reader = new Redis(url, direct);
  const pub = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const sub = new Redis(url, { retryStrategy });
  let lastError: string | null = null;
  for (const c of [cmd, reader, pub, sub])
    c.on('error', (err: Error) => {
      lastError = err.message;
    });
  io.adapter(createAdapter(pub, sub, { key: `${prefix}:io` }));
  io.httpServer.once('close', () => {
    // After io.close() has closed the adapter (its unsubscribes are queued before the quit).
    for (const c of [pub, sub]) closeClient(c);
  });
  return {
    cmd,
    reader,
    lastError: () => lastError,
    noteError(message) {
      lastError = message;
    },
    close() {
      reader.disconnect();
      closeClient(cmd);
    },
  };
}
