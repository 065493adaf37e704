import { describe, expect, it } from 'vitest';
import { readReportParams } from './readReportParams';

describe('readReportParams', () => {
  it('reads the period, language, clock, zone and watermark the renderer passes', () => {
    const r = readReportParams(
      '?range=2026-11-16..2026-11-22&lang=en&now=2026-11-25T01:30:00Z&tz=Asia/Shanghai&wm=%E5%AF%BC%E5%87%BA',
    );
    expect(r).toMatchObject({
      ok: true,
      params: {
        range: { firstDay: '2026-11-16', lastDay: '2026-11-22', days: 7 },
        lang: 'en',
        nowMs: Date.parse('2026-11-25T01:30:00Z'),
        tz: 'Asia/Shanghai',
        watermark: '导出',
      },
    });
  });

  it('needs the clock and a range of the one vocabulary', () => {
    expect(readReportParams('?range=yesterday')).toEqual({
      ok: false,
      reason: 'now: an ISO time is required',
    });
    expect(readReportParams('?range=someday&now=2026-11-25T01:30:00Z')).toMatchObject({ ok: false });
  });
});
