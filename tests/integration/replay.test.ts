/**
 * `npm run mock` then `npm run replay` into a running gateway: every line of the file reaches
 * the wall through the public ingest, and replaying it again changes nothing.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatewayProcess,
  startGatewayProcess,
  TEST_ADMIN_TOKEN,
  tempDataDir,
} from '../support/gatewayProcess';
import { getJson } from '../support/socketWaits';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
let g: GatewayProcess;
beforeAll(async () => {
  g = await startGatewayProcess();
});
afterAll(async () => {
  await g.kill();
});

describe('mock file → replay', () => {
  it('lands every item, and a second replay is all duplicates', async () => {
    const file = join(tempDataDir('replay-'), 'feed.ndjson');
    await run(
      process.execPath,
      ['--import', 'tsx', 'mock-feeds/cli.ts', '--out', file, '--events', '400', '--seed', '11'],
      { cwd: ROOT },
    );
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { feed: string; data: { id: string } });
    const ids = (feed: string) => new Set(lines.filter((l) => l.feed === feed).map((l) => l.data.id));

    const replay = () =>
      run(
        process.execPath,
        ['--import', 'tsx', 'mock-feeds/replay.ts', file, '--url', g.url, '--token', TEST_ADMIN_TOKEN],
        { cwd: ROOT },
      );
    const first = await replay();
    expect(first.stderr).toMatch(/replayed 400 lines: \d+ accepted, \d+ duplicates, 0 rejected, 0 malformed/);
    const { model } = (await getJson(`${g.url}api/live`)).body as {
      model: { cameras: object; alarms: object; cases: object };
    };
    expect(Object.keys(model.cameras).length).toBe(ids('cameras').size);
    expect(Object.keys(model.alarms).length).toBe(ids('alarms').size);
    expect(Object.keys(model.cases).length).toBe(ids('cases').size);

    const second = await replay();
    expect(second.stderr).toContain(
      'replayed 400 lines: 0 accepted, 400 duplicates, 0 rejected, 0 malformed',
    );
  });
});
