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

export function createIngestClient(baseUrl: string, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url = (path: string) => new URL(path, baseUrl).toString();
  return {
    async post(feed: FeedName, items: readonly unknown[]): Promise<IngestAnswer> {
      const res = await fetch(url(`/ingest/${feed}`), {
        method: 'POST',
        headers,
        body: JSON.stringify(items),
      });
      if (res.status !== 202)
        throw new Error(`ingest ${feed}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      return (await res.json()) as IngestAnswer;
    },
    async heartbeat(feed: FeedName, body: Record<string, unknown> = {}): Promise<void> {
      const res = await fetch(url(`/ingest/${feed}/heartbeat`), {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`heartbeat ${feed}: HTTP ${res.status}`);
    },
  };
}
export type IngestClient = ReturnType<typeof createIngestClient>;
