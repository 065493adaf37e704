/**
 * The cluster's Redis side, each step one atomic Lua script: the ingest owner's lease (SET NX
 * PX with an epoch as fencing token), its renewal, and the fenced writes of the delta stream
 * and the snapshot — a gateway that no longer holds the lease cannot write either.
 */

/** The keys of one cluster (REDIS_PREFIX): lease, epoch counter, delta stream, snapshot, head. */
export interface ClusterKeys {
  owner: string;
  epoch: string;
  deltas: string;
  snapshot: string;
  head: string;
}

export function clusterKeys(prefix: string): ClusterKeys {
  return {
    owner: `${prefix}:owner`,
    epoch: `${prefix}:epoch`,
    deltas: `${prefix}:deltas`,
    snapshot: `${prefix}:snapshot`,
    head: `${prefix}:head`,
  };
}

/**
 * KEYS owner, epoch, deltas; ARGV id, url, leaseMs, seq. Takes the lease when it is free and
 * the stream holds nothing beyond `seq` (a candidate that is behind must catch up first).
 * Returns the holder's lease value (ours when won), or '' when the lease is free but we are behind.
 */
export const ACQUIRE = `
local held = redis.call('GET', KEYS[1])
if held then return held end
local top = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
if #top > 0 and tonumber(string.match(top[1][1], '^(%d+)')) > tonumber(ARGV[4]) then return '' end
local epoch = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. '|' .. epoch .. '|' .. ARGV[2]
redis.call('SET', KEYS[1], value, 'PX', ARGV[3])
return value`;

/**
 * KEYS owner, epoch, head; ARGV lease value, leaseMs, epoch, seq. 1: renewed; 2: the lease was
 * gone (Redis restarted empty) and is ours again; 0: someone else holds it. Also records the
 * owner's last published seq (head), so a follower that missed the end of a burst notices.
 */
export const RENEW = `
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('SET', KEYS[3], ARGV[4])
  return 1
end
if held then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local epoch = tonumber(redis.call('GET', KEYS[2]) or '0')
if epoch < tonumber(ARGV[3]) then redis.call('SET', KEYS[2], ARGV[3]) end
redis.call('SET', KEYS[3], ARGV[4])
return 2`;

/** KEYS owner; ARGV lease value. Gives the lease up at a clean shutdown (no wait for expiry). */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * KEYS owner, deltas; ARGV lease value, maxLen, id, epoch, delta JSON. Appends a delta under
 * the id `<seq>-0` only while the lease is ours: ids only grow, so the stream is in seq order.
 */
export const APPEND_DELTA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FENCED the lease is not ours') end
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], ARGV[3], 'e', ARGV[4], 'd', ARGV[5])`;

/** KEYS owner, snapshot; ARGV lease value, snapshot JSON. */
export const WRITE_SNAPSHOT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FENCED the lease is not ours') end
redis.call('SET', KEYS[2], ARGV[2])
return 1`;

/** A lease value `id|epoch|url`, as ACQUIRE writes it. */
export interface LeaseHolder {
  id: string;
  epoch: number;
  url: string;
  value: string;
}

export function parseLeaseHolder(value: string | null): LeaseHolder | null {
  if (!value) return null;
  const [id, epoch, ...url] = value.split('|');
  const n = Number(epoch);
  if (!id || !Number.isInteger(n)) return null;
  return { id, epoch: n, url: url.join('|'), value };
}
