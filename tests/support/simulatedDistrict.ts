/**
 * The simulated district's recent past, sent to a test gateway the way mock-feeds sends it
 * (its own generator, its public HTTP ingest client): realistic alarms in every state and
 * cases against their deadlines. Returns every line sent, for tests that check what became
 * of them (the privacy test looks for the names and numbers in them).
 */
import { join } from 'node:path';
import { createIngestClient } from '../../mock-feeds/sendToGateway';
import { DEFAULT_SIMULATION, simulateDistrict, withoutPlace } from '../../mock-feeds/simulateDistrict';
import type { FeedLine, FeedName } from '../../protocol/schemas';
import { loadRegionPack } from '../../stream-gateway/region/loadRegionPack';
import { TEST_ADMIN_TOKEN } from './gatewayProcess';

const ROOT = join(import.meta.dirname, '../..');

export async function sendSimulatedDistrict(
  url: string,
  options: {
    hours: number;
    /** Alarms older than this are left out, as mock-feeds does (cases still cover `hours`). */
    alarmHours?: number;
    seed?: number;
    personalDataShare?: number;
    alarmsPerHour?: number;
    nowMs?: number;
  },
): Promise<FeedLine[]> {
  const pack = await loadRegionPack(join(ROOT, 'regions/naxi'));
  const nowMs = options.nowMs ?? Date.now();
  const { cameras, events } = simulateDistrict(pack, {
    ...DEFAULT_SIMULATION,
    seed: options.seed ?? 7,
    startMs: nowMs - options.hours * 3_600_000,
    personalDataShare: options.personalDataShare ?? DEFAULT_SIMULATION.personalDataShare,
    alarmsPerHour: options.alarmsPerHour ?? DEFAULT_SIMULATION.alarmsPerHour,
  });
  const lines: FeedLine[] = cameras.map((c) => ({ feed: 'cameras', data: withoutPlace(c) }) as FeedLine);
  const alarmCutoff = nowMs - (options.alarmHours ?? options.hours) * 3_600_000;
  for (;;) {
    const next = events.next();
    if (next.done || next.value.atMs > nowMs) break;
    if (next.value.line.feed === 'alarms' && next.value.atMs < alarmCutoff) continue;
    lines.push(next.value.line);
  }
  const client = createIngestClient(url, TEST_ADMIN_TOKEN);
  const byFeed = new Map<FeedName, unknown[]>();
  for (const line of lines) {
    const list = byFeed.get(line.feed) ?? [];
    list.push(line.data);
    byFeed.set(line.feed, list);
  }
  // Cameras first (alarms name them), then cases and alarms in their own order.
  for (const feed of ['cameras', 'cases', 'alarms'] as const) {
    const items = byFeed.get(feed) ?? [];
    for (let i = 0; i < items.length; i += 500) await client.post(feed, items.slice(i, i + 500));
  }
  return lines;
}
