/**
 * Tells the other gateways of a cluster something (a wall's new view), through the Socket.IO
 * Redis adapter's server-side events; alone (the in-memory adapter) there is no one to tell.
 */
import { RedisAdapter } from '@socket.io/redis-adapter';
import type { WallIo } from '../GatewayContext';

export function emitToPeers(io: WallIo, event: string, ...args: unknown[]): void {
  if (!(io.of('/').adapter instanceof RedisAdapter)) return;
  io.serverSideEmit(event, ...args);
}
