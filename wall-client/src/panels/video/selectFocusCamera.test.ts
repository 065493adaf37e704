import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../../../live-model/createEmptyModel';
import type { LiveModel } from '../../../../protocol/liveModel';
import type { Focus } from '../../../../protocol/wallView';
import { alarmRecord, cameraRecord, minutesAfter, T0 } from '../../../../tests/fixtures/feedItems';
import { selectFocusCamera } from './selectFocusCamera';

const A = cameraRecord({ id: 'CAM-A', gridId: 'G1', townshipId: 'T1' });
const B = cameraRecord({ id: 'CAM-B', gridId: 'G2', townshipId: 'T1', lon: 105.38 });
const model: LiveModel = {
  ...createEmptyModel(),
  cameras: { [A.id]: A, [B.id]: B },
  alarms: { AL: alarmRecord({ id: 'AL' }), TAKEN: alarmRecord({ id: 'TAKEN' }) },
  takeovers: {
    'alarm:TAKEN': {
      id: 'alarm:TAKEN',
      alarmId: 'TAKEN',
      cameraId: 'CAM-B',
      severity: 'red',
      category: '人员聚集',
      alarmAt: T0,
      reason: 'nearest',
      distanceM: 700,
      startedAt: T0,
      until: minutesAfter(T0, 15),
    },
  },
};
const focus = (kind: Focus['kind'], id: string): Focus => ({ kind, id, at: T0, by: 'map' });
const NOW = Date.parse(minutesAfter(T0, 1));

describe('selectFocusCamera', () => {
  it('resolves each kind of focus to a camera', () => {
    expect(selectFocusCamera(model, focus('camera', 'CAM-B'), NOW, 600_000)).toEqual({
      cameraId: 'CAM-B',
      at: T0,
    });
    expect(selectFocusCamera(model, focus('alarm', 'AL'), NOW, 600_000)?.cameraId).toBe('CAM-A');
    expect(selectFocusCamera(model, focus('alarm', 'TAKEN'), NOW, 600_000)?.cameraId).toBe('CAM-B');
    expect(selectFocusCamera(model, focus('grid', 'G2'), NOW, 600_000)?.cameraId).toBe('CAM-B');
    expect(selectFocusCamera(model, focus('township', 'T1'), NOW, 600_000)?.cameraId).toBe('CAM-A');
  });

  it('gives nothing for no focus, an unknown target, or a focus older than the limit', () => {
    expect(selectFocusCamera(model, null, NOW, 600_000)).toBeNull();
    expect(selectFocusCamera(model, focus('camera', 'NOPE'), NOW, 600_000)).toBeNull();
    expect(selectFocusCamera(model, focus('grid', 'G9'), NOW, 600_000)).toBeNull();
    expect(
      selectFocusCamera(model, focus('camera', 'CAM-A'), Date.parse(minutesAfter(T0, 11)), 600_000),
    ).toBeNull();
  });
});
