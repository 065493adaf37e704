/**
 * Who may do what. Roles are given to tokens (screens, feeds) and to people who log in;
 * every HTTP route and Socket.IO event names the permission it needs.
 */
/** Roles a token or a person may have. */
export const TOKEN_ROLES = ['wall', 'officer', 'leader', 'admin', 'feed'] as const;
/** `system` is the gateway itself (its headless renderer, scheduled exports): in memory only. */
export const ROLES = [...TOKEN_ROLES, 'system'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Receive the live model (snapshot, deltas) and read the APIs (trends, region, reports list). */
  'read',
  /** Change a wall's view state: focus, period, heartbeat. A wall token only for its own wall. */
  'view',
  /** Operational actions: acknowledge, assign, escalate, close. */
  'operate',
  /** Post feed items and heartbeats. */
  'ingest',
  /** Export snapshots and reports. */
  'export',
  /** Read the audit log (who did what, when, from where). */
  'audit',
  /** Manage tokens, users, configuration. */
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  wall: ['read', 'view'],
  officer: ['read', 'view', 'operate', 'export'],
  leader: ['read', 'view', 'operate', 'export', 'audit'],
  admin: ['read', 'view', 'operate', 'ingest', 'export', 'audit', 'admin'],
  feed: ['ingest'],
  // The gateway itself: its headless renderer reads what a screen reads (snapshots, reports),
  // and scheduled reports are exported in its name. Never given to a token or a person.
  system: ['read'],
};

/** Who is behind a request or a socket. */
export interface Principal {
  /** Token id or user name: what the audit log records. */
  id: string;
  role: Role;
  label: string;
  /** A wall display token is bound to one wall. */
  wall?: string;
  /** The token or login session that vouched for it: revoking it closes its sockets. */
  credential?: string;
}

export function can(principal: Principal | null, permission: Permission): boolean {
  return principal !== null && ROLE_PERMISSIONS[principal.role].includes(permission);
}
