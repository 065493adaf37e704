/**
 * Backup and restore (docs/reliability.md): a backup taken while a feed ingests without
 * pause is a consistent copy; restore refuses while a gateway serves the directory; the
 * copy restored into a fresh directory starts a gateway at the copy's seq with the model
 * the original log had at that seq, holding every alarm acknowledged before the backup.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { reduceLiveModel } from '../../live-model/reduceLiveModel';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { startContinuousFeed } from '../support/continuousFeed';
import { type GatewayProcess, startGatewayProcess, tempDataDir } from '../support/gatewayProcess';
import { runStoreCli } from '../support/runStoreCli';
import { getJson } from '../support/socketWaits';

const running: GatewayProcess[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
});

describe('npm run backup / npm run restore', () => {
  it('copies a live store while it ingests and restores it into a fresh directory', async () => {
    const original = await startGatewayProcess();
    running.push(original);
    const feed = startContinuousFeed(original.url, { prefix: 'BK' });
    await expect.poll(() => feed.accepted.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(200);

    const ackedBefore = [...feed.accepted];
    const out = join(tempDataDir('wall-backup-'), 'wall-backup.db');
    const backup = await runStoreCli(['backup', '--out', out, '--data-dir', original.dataDir]);
    expect(backup.output).toMatch(/backup of .*: .*wall-backup\.db \([\d.]+ MB, seq \d+, \d+ ms\)/);
    expect(backup.code).toBe(0);
    const copiedSeq = Number(backup.output.match(/seq (\d+)/)?.[1]);
    await expect
      .poll(() => feed.accepted.length, { timeout: 10_000 })
      .toBeGreaterThan(ackedBefore.length + 50);

    const refused = await runStoreCli(['restore', out, '--data-dir', original.dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(
      /a gateway \(pid \d+, http:\/\/127\.0\.0\.1:\d+\/\) serves .*: stop it first/,
    );
    await feed.stop();
    expect(await original.kill('SIGTERM')).toBe(0);

    const fresh = join(tempDataDir('wall-restored-'), 'data');
    const restore = await runStoreCli(['restore', out, '--data-dir', fresh]);
    expect(restore.output).toContain(`restored ${out} into ${fresh} (seq ${copiedSeq})`);
    expect(restore.code).toBe(0);

    const restored = await startGatewayProcess({ dataDir: fresh });
    running.push(restored);
    const live = (await getJson(`${restored.url}api/live`)).body;
    expect(live.seq).toBe(copiedSeq);
    for (const id of ackedBefore) expect(live.model.alarms[id]?.id).toBe(id);

    // The model is the original log's, up to the copied seq.
    const log = createSqliteEventStore(createSqliteDatabase(join(original.dataDir, 'wall.db')));
    const expected = reduceLiveModel(createEmptyModel(), await log.read(1, copiedSeq)).model;
    await log.close();
    expect(live.model).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
