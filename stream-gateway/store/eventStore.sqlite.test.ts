import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { describeEventStore } from './eventStoreContract';
import { createSqliteDatabase, createSqliteEventStore } from './sqliteEventStore';

describeEventStore('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wall-store-'));
  const opened: { close(): Promise<void> }[] = [];
  onTestFinished(async () => {
    for (const s of opened) await s.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    async open() {
      const store = createSqliteEventStore(createSqliteDatabase(join(dir, 'wall.db')));
      opened.push(store);
      return store;
    },
  };
});
