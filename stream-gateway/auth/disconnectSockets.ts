import type { Principal } from '../../protocol/access';
import type { WallIo } from '../GatewayContext';

/**
 * Ends the live connections of a revoked token, a logged-out session or a disabled user:
 * revocation takes effect at once, not at the next reconnect. Returns how many were closed.
 */
export function disconnectSockets(io: WallIo, matches: (principal: Principal) => boolean): number {
  let closed = 0;
  for (const socket of io.sockets.sockets.values()) {
    const principal = socket.data.principal as Principal | undefined;
    if (principal && matches(principal)) {
      socket.disconnect(true);
      closed++;
    }
  }
  return closed;
}
