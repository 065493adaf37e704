/**
 * `npm run mock -- --out FILE --events N --seed S [--start ISO] [--region naxi]`
 * Writes exactly N NDJSON feed lines. Same arguments, same bytes.
 */
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegionPack } from '../stream-gateway/region/loadRegionPack';
import { createFeedLines } from './createFeedLines';

/** Without --start the file starts at a fixed time, so the output stays reproducible. */
const DEFAULT_START = '2026-11-24T08:00:00+08:00';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      events: { type: 'string' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: DEFAULT_START },
      region: { type: 'string', default: 'naxi' },
      tz: { type: 'string', default: process.env.TZ || 'Asia/Shanghai' },
    },
  });
  const count = Number(values.events);
  const seed = Number(values.seed);
  const startMs = Date.parse(values.start);
  if (!values.out) throw new Error('--out FILE is required');
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`--events must be a whole number, got ${values.events}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  if (Number.isNaN(startMs)) throw new Error(`--start must be an ISO time, got ${values.start}`);
  const regionDir = values.region.includes('/')
    ? resolve(values.region)
    : join(import.meta.dirname, '..', 'regions', values.region);
  const pack = await loadRegionPack(regionDir);
  const out = createWriteStream(values.out);
  let written = 0;
  let chunk = '';
  for (const line of createFeedLines(pack, { seed, startMs, tz: values.tz })) {
    if (written >= count) break;
    chunk += `${JSON.stringify(line)}\n`;
    written++;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
  console.error(`wrote ${written} lines to ${values.out}`);
}

main().catch((err: Error) => {
  console.error(`mock: ${err.message}`);
  process.exit(2);
});
