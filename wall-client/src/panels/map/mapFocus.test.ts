import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../../../live-model/createEmptyModel';
import { reduceLiveModel } from '../../../../live-model/reduceLiveModel';
import { loadRegionPackSync } from '../../../../stream-gateway/region/loadRegionPack';
import { alarmRecord, caseRecord, envelope, minutesAfter, T0 } from '../../../../tests/fixtures/feedItems';
import { LAYER_IDS } from './buildDeckLayers';
import { createMapData } from './createMapData';
import { attentionList, createAreaBounds, placeOfFocus, stepAttention } from './mapFocus';
import { targetOfPick } from './mapNavigation';

const pack = loadRegionPackSync('regions/naxi');
const grid = pack.grids.features[0]?.properties as { id: string; townshipId: string };
const at = (m: number) => Date.parse(minutesAfter(T0, m));

function world() {
  const { model } = reduceLiveModel(createEmptyModel(), [
    envelope(
      'alarm',
      alarmRecord({ id: 'A-new', gridId: grid.id, townshipId: grid.townshipId, receivedAt: T0 }),
    ),
    envelope('case', caseRecord({ id: 'C-late', lon: 105.371, lat: 28.772 })),
  ]);
  const data = createMapData(pack);
  data.reset(model, at(1));
  data.refresh(at(130));
  return data;
}

describe('map focus', () => {
  it('places a point item at its position and an area by its bounds', () => {
    const data = world();
    const bounds = createAreaBounds(pack);
    expect(placeOfFocus({ kind: 'case', id: 'C-late' }, data, bounds)).toEqual({ point: [105.371, 28.772] });
    const place = placeOfFocus({ kind: 'grid', id: grid.id }, data, bounds);
    expect(place && 'bounds' in place && place.bounds[0] < place.bounds[2]).toBe(true);
    expect(placeOfFocus({ kind: 'camera', id: 'nowhere' }, data, bounds)).toBeNull();
  });

  it('walks through what needs attention: red grids, then overdue cases', () => {
    const data = world();
    // At 130 min the alarm no longer pulses, its grid is red (unacknowledged), the case is overdue.
    const list = attentionList(data);
    expect(list).toEqual([
      { kind: 'grid', id: grid.id },
      { kind: 'case', id: 'C-late' },
    ]);
    expect(stepAttention(list, null, 1)).toEqual(list[0]);
    expect(stepAttention(list, list[1] ?? null, 1)).toEqual(list[0]);
    expect(stepAttention(list, list[0] ?? null, -1)).toEqual(list[1]);
    expect(stepAttention([], null, 1)).toBeNull();
  });

  it('maps a deck.gl pick back to the item under the pointer', () => {
    const data = world();
    data.incidents.commit();
    const row = data.incidents.slotOf('case:C-late') as number;
    expect(targetOfPick(data, LAYER_IDS.incidents, row)).toEqual({ kind: 'case', id: 'C-late' });
    expect(targetOfPick(data, LAYER_IDS.halos, 0)).toEqual({ kind: 'case', id: 'C-late' });
    expect(targetOfPick(data, 'something-else', 0)).toBeNull();
  });
});
