/**
 * Cluster roles for the rest of the gateway: which role this gateway has now, and features
 * that run only while it owns ingest. MQTT ingest is one: all gateways share one client id,
 * so only the owner holds the broker's persistent session, and what arrives during a
 * handover waits there for the next owner.
 */
import type { FeatureFactory } from '../GatewayContext';

export type ClusterRole = 'owner' | 'follower';

export interface ClusterRoles {
  current(): ClusterRole;
  set(role: ClusterRole): void;
  onChange(listener: (role: ClusterRole) => void): void;
}

export function createClusterRoles(): ClusterRoles {
  let role: ClusterRole = 'follower';
  const listeners: ((role: ClusterRole) => void)[] = [];
  return {
    current: () => role,
    set(next) {
      if (next === role) return;
      role = next;
      for (const l of listeners) l(role);
    },
    onChange: (listener) => listeners.push(listener),
  };
}

/** Starts the feature when this gateway becomes the owner, stops it when it follows again. */
export function whileOwner(roles: ClusterRoles, make: FeatureFactory): FeatureFactory {
  return (ctx) => {
    const inner = make(ctx);
    let started = false;
    let running = false;
    let chain: Promise<void> = Promise.resolve();
    const apply = (role: ClusterRole) => {
      const want = started && role === 'owner';
      chain = chain
        .then(async () => {
          if (want === running) return;
          running = want;
          await (want ? inner.start?.() : inner.stop?.());
        })
        .catch((err: Error) =>
          ctx.logger.warn({ err: err.message, feature: inner.name }, 'cluster: role change'),
        );
      return chain;
    };
    roles.onChange((role) => void apply(role));
    return {
      name: inner.name,
      health: () =>
        running ? inner.health?.() : { state: 'standby', reason: 'runs on the gateway that owns ingest' },
      async start() {
        started = true;
        await apply(roles.current());
      },
      async stop() {
        started = false;
        await apply('follower');
      },
    };
  };
}

/** Whether this gateway writes shared derived data now (trend aggregates, replay checkpoints), and when that changes. */
export interface SharedWriter {
  active(): boolean;
  onChange(listener: (active: boolean) => void): void;
}

/** On a store shared by the cluster (PostgreSQL) the ingest owner writes the derived data. */
export function ownerWrites(roles: ClusterRoles): SharedWriter {
  return {
    active: () => roles.current() === 'owner',
    onChange: (listener) => roles.onChange((role) => listener(role === 'owner')),
  };
}
