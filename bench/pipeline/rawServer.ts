/**
 * The raw baseline, a child process of its own: a plain Socket.IO server (same settings as the
 * gateway's, no auth, no model, no store) that broadcasts one pre-serialised message — a real
 * delta of the pipeline run, as a UTF-8 buffer, so the server does no JSON work — to every
 * connected client, as fast as the sockets drain. Prints `raw serving <port>`; driven over IPC:
 * `{ type: 'blast', payload, seconds }` in, `{ sent, rssMb }` out.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export interface BlastCommand {
  type: 'blast';
  /** The message, JSON. */
  payload: string;
  seconds: number;
}

export interface BlastResult {
  sent: number;
  rssMb: number;
  /** CPU while blasting, % of one core. */
  cpuPct: number;
}

/** Buffered engine packets beyond which a socket is left to drain first (as the publisher does). */
const MAX_BUFFERED = 16;

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6, pingInterval: 10_000 });
http.listen(0, '127.0.0.1', () => {
  console.log(`raw serving ${(http.address() as AddressInfo).port}`);
});

function blast(cmd: BlastCommand): Promise<BlastResult> {
  const message = Buffer.from(cmd.payload);
  const endAt = Date.now() + cmd.seconds * 1000;
  let sent = 0;
  const cpu = process.cpuUsage();
  return new Promise((resolve) => {
    const pump = () => {
      if (Date.now() >= endAt) {
        const used = process.cpuUsage(cpu);
        const cpuPct = (used.user + used.system) / 1e4 / cmd.seconds;
        resolve({ sent, rssMb: process.memoryUsage().rss / 2 ** 20, cpuPct });
        return;
      }
      for (const socket of io.sockets.sockets.values()) {
        const conn = socket.conn as unknown as { writeBuffer: unknown[] };
        if (conn.writeBuffer.length > MAX_BUFFERED) {
          // Wait for that socket (or at most a few ms, should it close meanwhile).
          let woken = false;
          const wake = () => {
            if (woken) return;
            woken = true;
            clearTimeout(retry);
            socket.conn.off('drain', wake);
            setImmediate(pump);
          };
          const retry = setTimeout(wake, 5);
          socket.conn.once('drain', wake);
          return;
        }
      }
      io.emit('delta', message);
      sent++;
      setImmediate(pump);
    };
    pump();
  });
}

process.on('message', (cmd: BlastCommand) => {
  if (cmd.type === 'blast') void blast(cmd).then((r) => process.send?.(r));
});
process.on('disconnect', () => process.exit(0));
