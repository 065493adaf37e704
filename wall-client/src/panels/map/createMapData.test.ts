import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../../../live-model/createEmptyModel';
import { reduceLiveModel } from '../../../../live-model/reduceLiveModel';
import type { LiveModel } from '../../../../protocol/liveModel';
import type { Envelope } from '../../../../protocol/log';
import { loadRegionPackSync } from '../../../../stream-gateway/region/loadRegionPack';
import {
  alarmRecord,
  cameraRecord,
  caseRecord,
  envelope,
  minutesAfter,
  T0,
} from '../../../../tests/fixtures/feedItems';
import { createMapData } from './createMapData';

const pack = loadRegionPackSync('regions/naxi');
const GRID = pack.grids.features[0]?.properties.id as string;
const TOWNSHIP = pack.grids.features[0]?.properties.townshipId as string;
const at = (minutes: number) => Date.parse(minutesAfter(T0, minutes));

function step(model: LiveModel, events: Envelope[]) {
  return reduceLiveModel(model, events);
}

describe('createMapData', () => {
  it('plots items in the district, and lists the others on the data-quality card, never at (0, 0)', () => {
    const model = step(createEmptyModel(), [
      envelope('alarm', alarmRecord({ id: 'in' })),
      envelope('alarm', alarmRecord({ id: 'flagged', lon: 121.47, lat: 31.23, flags: ['outside-district'] })),
      envelope('alarm', alarmRecord({ id: 'zero', lon: 0, lat: 0 })),
      envelope('alarm', alarmRecord({ id: 'swapped', lon: 28.7731, lat: 105.3725 })),
      envelope('alarm', alarmRecord({ id: 'by-grid', lon: undefined, lat: undefined, gridId: GRID })),
      envelope('camera', cameraRecord({ id: 'cam-far', lon: 116.4, lat: 39.9 })),
      envelope('case', caseRecord({ id: 'nowhere' })),
    ]).model;
    const data = createMapData(pack);
    data.reset(model, at(1));
    data.incidents.commit();
    expect(data.incidents.size).toBe(2);
    expect(data.positionOf('alarm', 'in')).toEqual([105.3725, 28.7731]);
    expect(data.positionOf('alarm', 'by-grid')).toEqual(data.region.gridPoint.get(GRID));
    expect(Object.fromEntries(data.dataQuality().map((d) => [d.id, d.problem]))).toEqual({
      flagged: 'outside-district',
      zero: 'bad-position',
      swapped: 'bad-position',
      'cam-far': 'outside-district',
      nowhere: 'no-position',
    });
    for (const row of data.incidents.data.rows) expect(row?.position).not.toEqual([0, 0]);
  });

  it('updates only the changed row, and a fixed position moves the item off the card', () => {
    let { model } = step(createEmptyModel(), [
      envelope('alarm', alarmRecord({ id: 'a1' })),
      envelope('alarm', alarmRecord({ id: 'a2', lon: 0, lat: 0 })),
    ]);
    const data = createMapData(pack);
    data.reset(model, at(1));
    data.incidents.commit();
    const before = data.incidents.data;
    const r = step(model, [envelope('alarm', alarmRecord({ id: 'a2', version: 2 }))]);
    model = r.model;
    data.apply(model, r.changes, at(2));
    data.incidents.commit();
    expect(data.dataQuality()).toEqual([]);
    expect(data.incidents.diff(data.incidents.data, before)).toEqual([{ startRow: 1, endRow: 2 }]);
  });

  it('a new alarm pulses until acknowledged or for 3 minutes', () => {
    const data = createMapData(pack);
    data.reset(createEmptyModel(), at(0));
    const r1 = step(createEmptyModel(), [
      envelope('alarm', alarmRecord({ id: 'p1', receivedAt: T0 })),
      envelope('alarm', alarmRecord({ id: 'p2', receivedAt: minutesAfter(T0, 1) })),
    ]);
    data.apply(r1.model, r1.changes, at(1));
    expect(data.pulses().map((p) => p.id)).toEqual(['p2', 'p1']);
    const r2 = step(r1.model, [
      envelope('alarm', alarmRecord({ id: 'p2', version: 2, state: 'acknowledged' })),
    ]);
    data.apply(r2.model, r2.changes, at(1.5));
    expect(data.pulses().map((p) => p.id)).toEqual(['p1']);
    data.refresh(at(3));
    expect(data.pulses()).toEqual([]);
  });

  it('reports red alarms that arrive live (not those already there at a reset) for auto-focus', () => {
    const data = createMapData(pack);
    const r0 = step(createEmptyModel(), [envelope('alarm', alarmRecord({ id: 'old', receivedAt: T0 }))]);
    data.reset(r0.model, at(0));
    const r1 = step(r0.model, [
      envelope('alarm', alarmRecord({ id: 'red', receivedAt: T0 })),
      envelope('alarm', alarmRecord({ id: 'yellow', severity: 'yellow', receivedAt: T0 })),
      envelope('alarm', alarmRecord({ id: 'old', version: 2, text: '更新' })),
    ]);
    data.apply(r1.model, r1.changes, at(0.5));
    expect(data.takeNewRedAlarms()).toEqual(['red']);
    expect(data.takeNewRedAlarms()).toEqual([]);
  });

  it('keeps only the newest pulses when many arrive at once', () => {
    const data = createMapData(pack, { maxPulses: 2 });
    const r = step(
      createEmptyModel(),
      [1, 2, 3].map((n) =>
        envelope('alarm', alarmRecord({ id: `n${n}`, receivedAt: minutesAfter(T0, n / 10) })),
      ),
    );
    data.reset(r.model, at(0.5));
    expect(data.pulses().map((p) => p.id)).toEqual(['n3', 'n2']);
  });

  it('rings open cases past their deadline, and keeps the same array while nothing changes', () => {
    const r = step(createEmptyModel(), [envelope('case', caseRecord({ id: 'c1', gridId: GRID }))]);
    const data = createMapData(pack);
    data.reset(r.model, at(60));
    expect(data.halos()).toEqual([]);
    data.refresh(at(121));
    const halos = data.halos();
    expect(halos.map((h) => h.id)).toEqual(['c1']);
    data.refresh(at(121.5));
    expect(data.halos()).toBe(halos);
  });

  it('hands over risk changes as feature states to paint (all of them after a reset)', () => {
    const r1 = step(createEmptyModel(), [
      envelope('alarm', alarmRecord({ id: 'r1', gridId: GRID, townshipId: TOWNSHIP })),
    ]);
    const data = createMapData(pack);
    data.reset(createEmptyModel(), at(0));
    expect(data.takeRiskStates()).toBeNull();
    data.apply(r1.model, r1.changes, at(0));
    expect(data.takeRiskStates()).toEqual([
      { source: 'grids', areaId: GRID, level: 'red' },
      { source: 'townships', areaId: TOWNSHIP, level: 'green' },
    ]);
    expect(data.risk()[`grid:${GRID}`]?.level).toBe('red');
    expect(data.takeRiskStates()).toEqual([]);
  });
});
