import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createSqliteDatabase } from '../store/sqliteEventStore';
import { describeCheckpointStore } from './checkpointStoreContract';
import { createSqliteCheckpointStore } from './sqliteCheckpointStore';

describeCheckpointStore('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wall-cp-'));
  const dbs: { close(): void }[] = [];
  onTestFinished(() => {
    for (const db of dbs) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    async open() {
      const db = createSqliteDatabase(join(dir, 'wall.db'));
      dbs.push(db);
      return createSqliteCheckpointStore(db);
    },
  };
});
