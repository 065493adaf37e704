import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { alarmInput, cameraInput, cameraRecord, caseInput, T0 } from '../../tests/fixtures/feedItems';
import { type ParseContext, type PlaceLookup, parseFeedItem } from './parseFeedItem';

/** A district that is the box lon 105–106, lat 28–29, with one township and one grid. */
const places: PlaceLookup = {
  locate: (lon, lat) =>
    lon >= 105 && lon <= 106 && lat >= 28 && lat <= 29
      ? { townshipId: '510503001', gridId: '510503001-01' }
      : null,
  hasGrid: (id) => id === '510503001-01',
  townshipOfGrid: (id) => (id === '510503001-01' ? '510503001' : undefined),
};
const ctx = (over: Partial<ParseContext> = {}): ParseContext => ({
  nowMs: Date.parse(T0) + 60_000,
  tz: 'Asia/Shanghai',
  places,
  model: createEmptyModel(),
  ...over,
});

describe('parseFeedItem: what is accepted', () => {
  it('accepts a valid alarm, fills receivedAt and the grid from the position', () => {
    const r = parseFeedItem('alarms', alarmInput(), ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      receivedAt: new Date(Date.parse(T0) + 60_000).toISOString(),
      gridId: '510503001-01',
      townshipId: '510503001',
      flags: [],
    });
  });

  it('gives an alarm placed only by its grid the township of that grid (so it counts in its risk)', () => {
    const { lon: _lon, lat: _lat, ...noPosition } = alarmInput();
    const r = parseFeedItem('alarms', { ...noPosition, gridId: '510503001-01' }, ctx());
    expect(r).toMatchObject({
      ok: true,
      record: { gridId: '510503001-01', townshipId: '510503001', flags: [] },
    });
  });

  it('accepts GB/T 28181 20-digit ids verbatim and other ids too', () => {
    expect(parseFeedItem('cameras', cameraInput({ id: '34020000001320000001' }), ctx()).ok).toBe(true);
    expect(parseFeedItem('cameras', cameraInput({ id: 'cam-7' }), ctx()).ok).toBe(true);
  });

  it('normalises times to UTC and reads local times in the configured zone', () => {
    const r = parseFeedItem('alarms', alarmInput({ occurredAt: '2026-11-24T20:00:00+08:00' }), ctx());
    expect(r.ok && r.record.occurredAt).toBe('2026-11-24T12:00:00.000Z');
    const local = parseFeedItem('alarms', alarmInput({ occurredAt: '2026-11-24T20:00:00' }), ctx());
    expect(local.ok && local.record).toMatchObject({
      occurredAt: '2026-11-24T12:00:00.000Z',
      flags: ['local-time'],
    });
  });

  it('converts GCJ-02 positions to WGS-84 and flags it', () => {
    const r = parseFeedItem('alarms', alarmInput({ lon: 105.38, lat: 28.77, crs: 'GCJ02' }), ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.flags).toContain('converted-crs');
    expect(r.record.lon).toBeLessThan(105.38);
    expect(r.record).not.toHaveProperty('crs');
  });

  it('flags, but keeps, past-dated alarms, unknown references and positions outside the district', () => {
    const r = parseFeedItem(
      'alarms',
      alarmInput({ occurredAt: '2026-11-20T00:00:00Z', cameraId: 'nope', gridId: 'G-x', lon: 110, lat: 30 }),
      ctx(),
    );
    expect(r.ok && r.record.flags.sort()).toEqual([
      'outside-district',
      'past-dated',
      'unknown-camera',
      'unknown-grid',
    ]);
  });

  it('places an alarm that names only a known camera at that camera', () => {
    const model = { ...createEmptyModel(), cameras: { [cameraRecord().id]: cameraRecord() } };
    const { lon: _lon, lat: _lat, ...noPosition } = alarmInput();
    const r = parseFeedItem('alarms', { ...noPosition, cameraId: cameraRecord().id }, ctx({ model }));
    expect(r.ok && r.record).toMatchObject({
      lon: cameraRecord().lon,
      lat: cameraRecord().lat,
      gridId: '510503001-01',
    });
  });

  it('strips unknown fields instead of rejecting', () => {
    const r = parseFeedItem('cases', { ...caseInput(), secret: 'x', nested: { deep: true } }, ctx());
    expect(r.ok && r.record).not.toHaveProperty('secret');
  });

  it('masks party names and phone numbers, and counts them', () => {
    const r = parseFeedItem(
      'cases',
      caseInput({ parties: ['陈明华', '李建国'], summary: '陈明华反映被拖欠工资，电话13912345678' }),
      ctx(),
    );
    expect(r.ok && r.record).toMatchObject({
      parties: ['陈某', '李某'],
      summary: '陈某反映被拖欠工资，电话[号码已隐去]',
    });
    expect(r.ok && r.masked).toBe(4);
    expect(r.ok && r.maskedFields).toEqual({ parties: 2, summary: 2 });
    expect(r.ok && r.record.flags).toContain('masked');
  });

  it('masks every free-text field of an alarm (never its id), counting per field', () => {
    const r = parseFeedItem(
      'alarms',
      alarmInput({
        id: 'ALM-13812345678',
        text: '报警人王小明称有人打架',
        address: '安富街道，联系13812345678',
        assignedTo: '户主张建国',
        category: '求助 0830-1234567',
      }),
      ctx(),
    );
    expect(r.ok && r.record).toMatchObject({
      id: 'ALM-13812345678',
      text: '报警人王某称有人打架',
      address: '安富街道，联系[号码已隐去]',
      assignedTo: '户主张某',
      category: '求助 [号码已隐去]',
    });
    expect(r.ok && r.maskedFields).toEqual({ text: 1, address: 1, assignedTo: 1, category: 1 });
  });
});

describe('parseFeedItem: what is rejected, with a one-line reason', () => {
  it.each([
    ['a missing id', { ...alarmInput(), id: undefined }, 'alarms: id:'],
    ['a wrong type', { ...alarmInput(), version: '2' }, 'alarms: version:'],
    ['an impossible latitude (swapped lon/lat)', alarmInput({ lon: 28.7, lat: 105.3 }), 'alarms: lat:'],
    ['NaN coordinates', { ...alarmInput(), lon: Number.NaN }, 'alarms: lon:'],
    ['an impossible date', alarmInput({ occurredAt: '2026-02-30T10:00:00Z' }), 'alarms: occurredAt:'],
    ['an unknown severity', { ...alarmInput(), severity: 'purple' }, 'alarms: severity:'],
    ['lon without lat', { ...alarmInput(), lat: undefined }, 'alarms: lon: lon and lat must come together'],
    [
      'no place at all',
      { ...alarmInput(), lon: undefined, lat: undefined },
      'alarms: lon: an alarm needs a place',
    ],
    ['a huge text', alarmInput({ text: 'x'.repeat(10_000) }), 'alarms: text: text longer than 500'],
    ['an array instead of an object', [1, 2], 'alarms: (item):'],
    ['null', null, 'alarms: (item):'],
  ])('%s', (_name, raw, reason) => {
    const r = parseFeedItem('alarms', raw, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.startsWith(reason)).toBe(true);
    expect(r.reason).not.toContain('\n');
  });
});
