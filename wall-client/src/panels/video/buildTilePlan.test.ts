import { describe, expect, it } from 'vitest';
import type { Takeover } from '../../../../protocol/video';
import { buildTilePlan, selectTourPage, type TilePlanInput, type TileSpec } from './buildTilePlan';

function takeover(cameraId: string, severity: 'red' | 'yellow', startedAt: string): Takeover {
  return {
    id: `alarm:${cameraId}-${startedAt}`,
    alarmId: `${cameraId}-${startedAt}`,
    cameraId,
    severity,
    category: '人员聚集',
    alarmAt: startedAt,
    reason: 'covers',
    distanceM: 30,
    startedAt,
    until: '2099-01-01T00:00:00Z',
  };
}

const TOUR = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];

function plan(over: Partial<TilePlanInput> = {}): TileSpec[] {
  return buildTilePlan({
    slots: 4,
    prev: null,
    pins: new Map(),
    takeovers: [],
    focus: null,
    tour: (free) => TOUR.slice(0, free),
    playable: () => true,
    budget: 4,
    ...over,
  });
}

const cams = (tiles: TileSpec[]) => tiles.map((t) => t.cameraId);
const roles = (tiles: TileSpec[]) => tiles.map((t) => t.role);
const live = (tiles: TileSpec[]) => tiles.filter((t) => t.live).map((t) => t.slot);

describe('buildTilePlan', () => {
  it('the tour fills every tile when nothing else is wanted', () => {
    const tiles = plan();
    expect(cams(tiles)).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(roles(tiles)).toEqual(['tour', 'tour', 'tour', 'tour']);
    expect(live(tiles)).toEqual([0, 1, 2, 3]);
  });

  it('a red alarm takes the focus tile, with its takeover on the tile', () => {
    const red = takeover('RED', 'red', '2026-11-25T12:13:00Z');
    const tiles = plan({ takeovers: [red] });
    expect(cams(tiles)).toEqual(['RED', 'T1', 'T2', 'T3']);
    expect(tiles[0]).toMatchObject({ role: 'alarm-red', takeover: red, live: true });
  });

  it('pinned tiles are never taken, not even the focus tile by a red alarm', () => {
    const red = takeover('RED', 'red', '2026-11-25T12:13:00Z');
    const tiles = plan({ pins: new Map([[0, 'PIN']]), takeovers: [red] });
    expect(cams(tiles)).toEqual(['PIN', 'RED', 'T1', 'T2']);
    expect(roles(tiles)).toEqual(['pinned', 'alarm-red', 'tour', 'tour']);
    const allPinned = plan({ pins: new Map([0, 1, 2, 3].map((s) => [s, `P${s}`])), takeovers: [red] });
    expect(cams(allPinned)).toEqual(['P0', 'P1', 'P2', 'P3']);
  });

  it('a pinned camera that an alarm wants keeps its tile and shows the alarm badge', () => {
    const red = takeover('PIN', 'red', '2026-11-25T12:13:00Z');
    const tiles = plan({ pins: new Map([[2, 'PIN']]), takeovers: [red] });
    expect(cams(tiles)).toEqual(['T1', 'T2', 'PIN', 'T3']);
    expect(tiles[2]).toMatchObject({ role: 'pinned', takeover: red });
  });

  it('the newest red takes the focus tile; the older red moves, nothing else hops', () => {
    const first = takeover('R1', 'red', '2026-11-25T12:13:00Z');
    const yellow = takeover('Y1', 'yellow', '2026-11-25T12:13:30Z');
    const before = plan({ takeovers: [first, yellow] });
    expect(cams(before)).toEqual(['R1', 'Y1', 'T1', 'T2']);
    const second = takeover('R2', 'red', '2026-11-25T12:14:00Z');
    const after = plan({ prev: before, takeovers: [first, yellow, second] });
    expect(cams(after)).toEqual(['R2', 'Y1', 'R1', 'T1']);
  });

  it('the wall focus takes the focus tile when it is newer than the red alarms', () => {
    const red = takeover('RED', 'red', '2026-11-25T12:13:00Z');
    const tiles = plan({ takeovers: [red], focus: { cameraId: 'F', at: '2026-11-25T12:15:00Z' } });
    expect(cams(tiles)).toEqual(['F', 'RED', 'T1', 'T2']);
    expect(roles(tiles).slice(0, 2)).toEqual(['focus', 'alarm-red']);
    const older = plan({ takeovers: [red], focus: { cameraId: 'F', at: '2026-11-25T12:10:00Z' } });
    expect(cams(older)).toEqual(['RED', 'F', 'T1', 'T2']);
  });

  it('yellow alarms leave half of the tiles to the tour and stay off the focus tile', () => {
    const ys = ['Y1', 'Y2', 'Y3', 'Y4'].map((c, i) => takeover(c, 'yellow', `2026-11-25T12:1${i}:00Z`));
    const tiles = plan({ takeovers: ys });
    expect(cams(tiles)).toEqual(['T1', 'Y4', 'Y3', 'T2']);
  });

  it('after the red alarms, yellow ones get at most half of the tiles left', () => {
    const reds = ['R1', 'R2'].map((c, i) => takeover(c, 'red', `2026-11-25T12:0${i}:00Z`));
    const ys = ['Y1', 'Y2'].map((c, i) => takeover(c, 'yellow', `2026-11-25T12:1${i}:00Z`));
    expect(roles(plan({ takeovers: [...reds, ...ys] }))).toEqual([
      'alarm-red',
      'alarm-red',
      'alarm-yellow',
      'tour',
    ]);
  });

  it('when an alarm reverts, the tour takes its tile back', () => {
    const red = takeover('RED', 'red', '2026-11-25T12:13:00Z');
    const during = plan({ takeovers: [red] });
    const after = plan({ prev: during, takeovers: [] });
    expect(cams(after)).toEqual(['T4', 'T1', 'T2', 'T3']);
    expect(roles(after)).toEqual(['tour', 'tour', 'tour', 'tour']);
  });

  it('a camera in the tour and in an alarm shows once', () => {
    const red = takeover('T2', 'red', '2026-11-25T12:13:00Z');
    expect(cams(plan({ takeovers: [red] }))).toEqual(['T2', 'T1', 'T3', 'T4']);
  });

  it('live decoders go by priority within the budget; a red alarm takes one from the tour', () => {
    const tiles = plan({ slots: 9, budget: 4, pins: new Map([[8, 'PIN']]) });
    expect(live(tiles)).toEqual([0, 1, 2, 8]);
    const red = takeover('RED', 'red', '2026-11-25T12:13:00Z');
    const withRed = plan({ slots: 9, budget: 4, pins: new Map([[8, 'PIN']]), takeovers: [red] });
    expect(withRed[0]).toMatchObject({ cameraId: 'RED', live: true });
    expect(live(withRed)).toEqual([0, 1, 2, 8]);
    expect(withRed.filter((t) => t.live)).toHaveLength(4);
  });

  it('with more red alarms than decoders, the newest reds play live', () => {
    const reds = ['R1', 'R2', 'R3'].map((c, i) => takeover(c, 'red', `2026-11-25T12:1${i}:00Z`));
    const tiles = plan({ budget: 2, takeovers: reds });
    expect(tiles.filter((t) => t.live).map((t) => t.cameraId)).toEqual(['R3', 'R2']);
  });

  it('offline cameras and off-screen tiles use no decoder', () => {
    const tiles = plan({ budget: 2, playable: (id) => id !== 'T1', visible: (slot) => slot !== 1 });
    expect(live(tiles)).toEqual([2, 3]);
  });
});

describe('selectTourPage', () => {
  const cameras = [
    { id: 'S3', status: 'online', groups: ['stations'] },
    { id: 'S1', status: 'online', groups: ['stations'] },
    { id: 'S2', status: 'offline', groups: ['stations'] },
    { id: 'S4', status: 'online', groups: ['stations'] },
    { id: 'R1', status: 'online', groups: ['key-roads'] },
    { id: 'X1', status: 'online', groups: ['markets'] },
  ];

  it('goes through the groups in turn, online cameras only, in pages of the free tiles (the last one filled)', () => {
    const pages = [0, 1, 2, 3].map((i) => selectTourPage(cameras, ['stations', 'key-roads'], i, 2));
    expect(pages.map((p) => [p.group, p.page, p.pages, p.cameraIds])).toEqual([
      ['stations', 1, 2, ['S1', 'S3']],
      ['stations', 2, 2, ['S4', 'S1']],
      ['key-roads', 1, 1, ['R1']],
      ['stations', 1, 2, ['S1', 'S3']],
    ]);
  });

  it('is empty without free tiles or cameras', () => {
    expect(selectTourPage(cameras, ['stations'], 0, 0).cameraIds).toEqual([]);
    expect(selectTourPage(cameras, ['schools'], 5, 4)).toEqual({
      group: null,
      page: 0,
      pages: 0,
      cameraIds: [],
    });
  });
});
