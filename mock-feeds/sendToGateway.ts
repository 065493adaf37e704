/**
 * How mock-feeds (and the replay command) reach the gateway: only through its public
 * ingest, as a real camera platform or case system would — HTTP POST /ingest/<feed>, or MQTT.
 */
import type { FeedName } from '../protocol/schemas';

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

/** How often a batch is resent after 429 (the gateway's per-token rate limit) before giving up. */
const RATE_LIMIT_RETRIES = 5;

export function createIngestClient(baseUrl: string, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url = (path: string) => new URL(path, baseUrl).toString();
  /** POSTs, waiting as long as Retry-After says when the token is over its rate. */
  const send = async (path: string, body: string): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url(path), { method: 'POST', headers, body });
      if (res.status !== 429 || attempt >= RATE_LIMIT_RETRIES) return res;
      await res.arrayBuffer();
      const waitS = Math.min(10, Math.max(1, Number(res.headers.get('retry-after')) || 1));
      await new Promise((r) => setTimeout(r, waitS * 1000));
    }
  };
  return {
    async post(feed: FeedName, items: readonly unknown[]): Promise<IngestAnswer> {
      const res = await send(`/ingest/${feed}`, JSON.stringify(items));
      if (res.status !== 202)
        throw new Error(`ingest ${feed}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      return (await res.json()) as IngestAnswer;
    },
    async heartbeat(feed: FeedName, body: Record<string, unknown> = {}): Promise<void> {
      const res = await send(`/ingest/${feed}/heartbeat`, JSON.stringify(body));
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`heartbeat ${feed}: HTTP ${res.status}`);
    },
  };
}
export type IngestClient = ReturnType<typeof createIngestClient>;
