/**
 * Gateways of one cluster (REDIS_URL) as real child processes, each with its own DATA_DIR,
 * sharing a Redis under a key prefix of their own; and the shared Redis's reachability
 * (skip with a message, or fail under WALL_STRICT=1).
 */
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { expect } from 'vitest';
import { STRICT } from './browser';
import { type GatewayProcess, startGatewayProcess } from './gatewayProcess';
import { getJson, type JsonBody } from './socketWaits';

export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether the machine's Redis answers on 6379; under WALL_STRICT=1 its absence is a failure. */
export async function sharedRedisReachable(): Promise<boolean> {
  const open = await new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(6379, '127.0.0.1');
  });
  if (open) return true;
  if (STRICT) throw new Error('WALL_STRICT=1: Redis is not reachable on 127.0.0.1:6379');
  console.warn('skipped: Redis is not reachable on 127.0.0.1:6379');
  return false;
}

/** A key prefix of its own, so tests never see each other's cluster. */
export const testPrefix = () => `wall-test-${randomUUID().slice(0, 8)}`;

export interface ClusterGateway extends GatewayProcess {
  id: string;
  cluster(): Promise<JsonBody>;
}

/**
 * A lease of 1.5 s (renewed every 500 ms): a quick takeover, yet two busy cores do not make an
 * owner miss its renewal.
 */
export async function startClusterGateway(
  id: string,
  redisUrl: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<ClusterGateway> {
  const g = await startGatewayProcess({
    env: { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, GATEWAY_ID: id, CLUSTER_LEASE_MS: '1500', ...env },
  });
  return {
    ...g,
    id,
    async cluster() {
      return (await getJson(`${g.url}health`, null)).body.features.cluster;
    },
  };
}

/** Polls /health until the gateway's cluster section matches (bounded). */
export async function untilCluster(g: ClusterGateway, expected: Record<string, unknown>, timeout = 15_000) {
  await expect.poll(() => g.cluster(), { timeout, interval: 100 }).toMatchObject(expected);
}

/**
 * An owner and a follower of a fresh cluster under `prefix`: the first is started and owns
 * ingest before the second starts and has followed it. Both are added to `running`.
 */
export async function startOwnerAndFollower(
  ids: [string, string],
  redisUrl: string,
  prefix: string,
  running: ClusterGateway[],
  env: Record<string, string> = {},
): Promise<[ClusterGateway, ClusterGateway]> {
  const a = await startClusterGateway(ids[0], redisUrl, prefix, env);
  running.push(a);
  await untilCluster(a, { role: 'owner', redis: 'up', owner: { id: ids[0] } });
  const b = await startClusterGateway(ids[1], redisUrl, prefix, env);
  running.push(b);
  await untilCluster(b, { role: 'follower', owner: { id: ids[0] }, resyncing: false });
  return [a, b];
}
