/**
 * A crowd of wall screens in a process of its own (forked by a benchmark), so that parsing
 * every delta on hundreds of sockets does not slow the process that drives the feed.
 * argv: gateway URL, number of screens, token. A red alarm's id carries its send time
 * (`…-R<epoch ms>-…`): each screen notes how long it took to arrive. On 'report' it sends
 * {deltas, latencies} and starts counting again.
 */
import { io } from 'socket.io-client';
import type { ServerToClientEvents } from '../../protocol/socketEvents';

const [url, countText, token] = process.argv.slice(2);
const count = Number(countText);
const now = () => performance.timeOrigin + performance.now();
let deltas = 0;
let latencies: number[] = [];
let ready = 0;
for (let i = 0; i < count; i++) {
  const socket = io(url as string, { transports: ['websocket'], auth: { token } });
  socket.once('snapshot', () => {
    ready++;
    if (ready === count) process.send?.({ ready: true });
  });
  socket.on('delta', (d: Parameters<ServerToClientEvents['delta']>[0]) => {
    deltas++;
    const t = now();
    for (const c of d.changes) {
      const m = c.collection === 'alarms' ? /-R(\d+(?:\.\d+)?)-/.exec(c.id) : null;
      if (m) latencies.push(t - Number(m[1]));
    }
  });
}
process.on('message', (msg: { report?: boolean; exit?: boolean }) => {
  if (msg.exit) process.exit(0);
  if (!msg.report) return;
  process.send?.({ deltas, latencies });
  deltas = 0;
  latencies = [];
});
