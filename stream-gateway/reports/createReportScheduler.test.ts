import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportManifest } from '../../protocol/reports';
import { createReportScheduler } from './createReportScheduler';
import { createReportFiles } from './reportFiles';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const NOW = Date.parse('2026-11-30T08:00:00+08:00'); // a Monday after 07:00

function setup(fail: (name: string) => boolean = () => false) {
  const files = createReportFiles(mkdtempSync(join(tmpdir(), 'reports-')));
  const made: string[] = [];
  const scheduler = createReportScheduler({
    config: { enabled: true, at: '07:00', langs: ['zh-CN', 'en'], formats: ['pdf'] },
    tz: 'Asia/Shanghai',
    now: () => NOW,
    files,
    logger: silent,
    async generate(due, lang, format, name) {
      if (fail(name)) throw new Error('renderer down');
      made.push(name);
      const manifest = {
        name,
        kind: due.kind,
        range: due.range,
        firstDay: due.firstDay,
        lastDay: due.lastDay,
        lang,
        format,
        pages: 4,
        generatedAt: new Date(NOW).toISOString(),
        by: 'test',
        auditId: made.length,
        watermark: 'w',
        figures: [],
        renderMs: 1,
      } satisfies ReportManifest;
      files.write(manifest, Buffer.from('%PDF-1.4'));
    },
  });
  return { files, made, scheduler };
}

describe('createReportScheduler', () => {
  it("makes yesterday's daily and last week's weekly report in each language, once", async () => {
    const { files, made, scheduler } = setup();
    expect(await scheduler.runDue()).toEqual([
      'daily-2026-11-29.zh-CN.pdf',
      'daily-2026-11-29.en.pdf',
      'weekly-2026-11-23_2026-11-29.zh-CN.pdf',
      'weekly-2026-11-23_2026-11-29.en.pdf',
    ]);
    expect(await scheduler.runDue()).toEqual([]);
    expect(made).toHaveLength(4);
    expect(files.list().map((r) => [r.name, r.auditId, r.bytes])).toEqual([
      ['daily-2026-11-29.en.pdf', 2, 8],
      ['daily-2026-11-29.zh-CN.pdf', 1, 8],
      ['weekly-2026-11-23_2026-11-29.en.pdf', 4, 8],
      ['weekly-2026-11-23_2026-11-29.zh-CN.pdf', 3, 8],
    ]);
    expect(existsSync(join(files.dir, 'daily-2026-11-29.en.pdf.json'))).toBe(true);
  });

  it('keeps going past a failure, says what failed, and makes it on the next run', async () => {
    let down = true;
    const { scheduler } = setup((name) => down && name.startsWith('weekly') && name.includes('zh-CN'));
    expect(await scheduler.runDue()).toHaveLength(3);
    expect(scheduler.status().lastError).toBe('weekly-2026-11-23_2026-11-29.zh-CN.pdf: renderer down');
    down = false;
    expect(await scheduler.runDue()).toEqual(['weekly-2026-11-23_2026-11-29.zh-CN.pdf']);
    expect(scheduler.status()).toMatchObject({ lastError: null, lastRunAt: new Date(NOW).toISOString() });
  });

  it('lists only report files: not manifests, temporary files or anything else', () => {
    const { files } = setup();
    expect(files.pathOf('../wall.db')).toBeNull();
    expect(files.pathOf('daily-2026-11-29.zh-CN.pdf')).toBeNull(); // not written yet
    expect(() => files.write({ name: '../evil.pdf' } as ReportManifest, Buffer.from('x'))).toThrow(
      /not a report file name/,
    );
  });
});
