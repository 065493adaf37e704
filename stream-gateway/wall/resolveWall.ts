import type { Principal } from '../../protocol/access';
import type { HandshakeAuth } from '../../protocol/socketEvents';
import { WALL_ID } from '../../protocol/wallView';

export const DEFAULT_WALL = 'hall-1';

/** The wall a socket belongs to: a wall token's own wall, else the one it asks for, else hall-1. */
export function resolveWall(principal: Principal, handshake: HandshakeAuth): string {
  if (principal.wall) return principal.wall;
  return handshake.wall && WALL_ID.test(handshake.wall) ? handshake.wall : DEFAULT_WALL;
}

export function wallRoom(wall: string): string {
  return `wall:${wall}`;
}
