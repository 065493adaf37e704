import type { Envelope } from '../../protocol/log';
import type { ModelWriter } from '../modelWriter';

/**
 * The `video` event's updater: a takeover enters (or replaces) `takeovers`, a revert removes
 * it; a pin enters `pins`, an unpin removes it. A revert or unpin of something not there
 * changes nothing, so replaying the log twice gives the same model.
 */
export function reduceVideoEvent(w: ModelWriter, e: Envelope<'video'>): void {
  const d = e.data;
  switch (d.op) {
    case 'takeover': {
      const prev = w.get('takeovers', d.takeover.id);
      if (!prev || JSON.stringify(prev) !== JSON.stringify(d.takeover))
        w.put('takeovers', d.takeover.id, d.takeover);
      return;
    }
    case 'revert':
      w.remove('takeovers', d.id);
      return;
    case 'pin': {
      const prev = w.get('pins', d.pin.id);
      if (!prev || prev.cameraId !== d.pin.cameraId) w.put('pins', d.pin.id, d.pin);
      return;
    }
    case 'unpin':
      w.remove('pins', d.id);
      return;
  }
}
