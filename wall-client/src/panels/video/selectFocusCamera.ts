import { selectCameraForAlarm } from '../../../../live-model/video/selectCamerasNear';
import type { LiveModel } from '../../../../protocol/liveModel';
import { takeoverId } from '../../../../protocol/video';
import type { Focus } from '../../../../protocol/wallView';

/**
 * The camera the wall's shared focus asks for (a map click on an alarm, a camera, a grid or a
 * township), or null when there is none or the focus is older than `maxAgeMs` — so a focus
 * left behind gives the focus tile back to the tour by itself.
 * @example selectFocusCamera(model, view.focus, serverNow, 10 * 60_000) // { cameraId, at }
 */
export function selectFocusCamera(
  model: Pick<LiveModel, 'cameras' | 'alarms' | 'takeovers'>,
  focus: Focus | null,
  nowMs: number,
  maxAgeMs: number,
): { cameraId: string; at: string } | null {
  if (!focus || nowMs - Date.parse(focus.at) > maxAgeMs) return null;
  const found = (cameraId: string | undefined) => (cameraId ? { cameraId, at: focus.at } : null);
  switch (focus.kind) {
    case 'camera':
      return found(model.cameras[focus.id]?.id);
    case 'alarm': {
      const taken = model.takeovers[takeoverId(focus.id)];
      if (taken) return found(taken.cameraId);
      const alarm = model.alarms[focus.id];
      return found(alarm ? selectCameraForAlarm(model.cameras, alarm)?.cameraId : undefined);
    }
    case 'grid':
    case 'township': {
      const key = focus.kind === 'grid' ? 'gridId' : 'townshipId';
      const ids = Object.values(model.cameras)
        .filter((c) => c[key] === focus.id && c.status === 'online')
        .map((c) => c.id)
        .sort();
      return found(ids[0]);
    }
    default:
      return null;
  }
}
