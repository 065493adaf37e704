/**
 * `npm run mock` fixed points: exactly N lines; for N ≥ 100 all three feeds; every camera
 * before the alarms that name it; the same arguments give byte-identical output.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEED_SCHEMAS, FeedLineSchema } from '../protocol/schemas';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'mock-cli-'));

function mock(out: string, events: number, seed: number): string {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'mock-feeds/cli.ts',
      '--out',
      out,
      '--events',
      String(events),
      '--seed',
      String(seed),
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
  return readFileSync(out, 'utf8');
}

describe('npm run mock', () => {
  it('writes exactly N valid lines, cameras before the alarms that name them, all feeds for N ≥ 100', () => {
    const text = mock(join(dir, 'a.ndjson'), 500, 7);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    const seen = new Set<string>();
    const feeds = new Set<string>();
    for (const raw of lines) {
      const line = FeedLineSchema.parse(JSON.parse(raw));
      feeds.add(line.feed);
      expect(FEED_SCHEMAS[line.feed].safeParse(line.data).success).toBe(true);
      const data = line.data as { id: string; cameraId?: string };
      if (line.feed === 'cameras') seen.add(data.id);
      if (line.feed === 'alarms' && data.cameraId) expect(seen.has(data.cameraId)).toBe(true);
    }
    expect([...feeds].sort()).toEqual(['alarms', 'cameras', 'cases']);
    expect(
      new Set(
        mock(join(dir, 'c.ndjson'), 100, 3)
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l).feed),
      ).size,
    ).toBe(3);
  });

  it('gives byte-identical output for the same arguments, different for another seed', () => {
    const a = mock(join(dir, 'x.ndjson'), 300, 42);
    const b = mock(join(dir, 'y.ndjson'), 300, 42);
    const c = mock(join(dir, 'z.ndjson'), 300, 43);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
