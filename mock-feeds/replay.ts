/**
 * `npm run replay -- FILE [--speed N] [--url URL] [--token T]`
 * Sends an NDJSON feed file to a running gateway through its public HTTP ingest. Without
 * --speed, as fast as the gateway takes it (batches of consecutive lines of one feed); with
 * --speed N, paced by the items' own times, N times faster than they happened.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FeedLineSchema, type FeedName } from '../protocol/schemas';
import { createIngestClient } from './sendToGateway';

const BATCH = 500;

function itemTime(data: unknown): number | null {
  const d = data as Record<string, unknown>;
  const t = d.occurredAt ?? d.receivedAt ?? d.updatedAt;
  return typeof t === 'string' ? Date.parse(t) : null;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      speed: { type: 'string' },
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 8080}/` },
      token: { type: 'string', default: process.env.WALL_TOKEN },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run replay -- FILE [--speed N] [--url URL] [--token T]');
  const speed = values.speed === undefined ? null : Number(values.speed);
  if (speed !== null && !(speed > 0))
    throw new Error(`--speed must be a positive number, got ${values.speed}`);
  const client = createIngestClient(values.url, values.token);
  const totals = { lines: 0, accepted: 0, duplicates: 0, rejected: 0, malformed: 0 };
  let batch: { feed: FeedName; items: unknown[] } | null = null;
  let firstData: number | null = null;
  const startWall = Date.now();

  const flush = async () => {
    if (!batch || batch.items.length === 0) return;
    const answer = await client.post(batch.feed, batch.items);
    totals.accepted += answer.accepted;
    totals.duplicates += answer.duplicates;
    totals.rejected += answer.rejected.length;
    for (const r of answer.rejected.slice(0, 5)) console.error(`rejected: ${r.reason}`);
    batch = null;
  };

  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    totals.lines++;
    let parsed: ReturnType<typeof FeedLineSchema.safeParse>;
    try {
      parsed = FeedLineSchema.safeParse(JSON.parse(text));
    } catch {
      totals.malformed++;
      console.error(`line ${totals.lines}: not JSON`);
      continue;
    }
    if (!parsed.success) {
      totals.malformed++;
      console.error(`line ${totals.lines}: not a feed line ({"feed": …, "data": …})`);
      continue;
    }
    const { feed, data } = parsed.data;
    if (speed !== null) {
      const t = itemTime(data);
      if (t !== null) {
        firstData ??= t;
        const wait = startWall + (t - firstData) / speed - Date.now();
        if (wait > 5) {
          await flush();
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    }
    if (batch && batch.feed !== feed) await flush();
    batch ??= { feed, items: [] };
    batch.items.push(data);
    if (batch.items.length >= BATCH) await flush();
  }
  await flush();
  console.error(
    `replayed ${totals.lines} lines: ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected} rejected, ${totals.malformed} malformed`,
  );
}

main().catch((err: Error) => {
  console.error(`replay: ${err.message}`);
  process.exit(2);
});
