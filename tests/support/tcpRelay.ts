/**
 * A TCP relay in front of a real server (PostgreSQL here), to lose connections on purpose
 * without stopping the server: `refuse(true)` drops every open connection and every new
 * one until `refuse(false)`; `cutAtCommit` drops the client once at its next COMMIT, before
 * the server has it or just after (the server commits, its answer never arrives).
 */
import { createServer, Socket } from 'node:net';

export interface TcpRelay {
  /** `target` with the relay's host and port. */
  url: string;
  refuse(on: boolean): void;
  cutAtCommit(when: 'before' | 'after'): void;
  close(): Promise<void>;
}

export async function startTcpRelay(target: string): Promise<TcpRelay> {
  const to = new URL(target);
  let refusing = false;
  let cut: 'before' | 'after' | null = null;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = new Socket();
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => open.delete(s));
    }
    upstream.connect(Number(to.port || 5432), to.hostname);
    client.on('data', (chunk: Buffer) => {
      const commit = cut !== null && chunk.includes('COMMIT');
      if (commit && cut === 'before') {
        cut = null;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
      if (commit) {
        cut = null;
        client.destroy();
        // The server has the COMMIT; close its side once it has answered.
        upstream.once('data', () => upstream.destroy());
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.on('close', () => {
      if (cut === null && !upstream.destroyed) upstream.end();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(to);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.toString(),
    refuse(on) {
      refusing = on;
      if (on) for (const s of open) s.destroy();
    },
    cutAtCommit(when) {
      cut = when;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
