import type { LiveModel } from '../../../protocol/liveModel';

/**
 * The alarms that call for the duty officer's ear: red and not yet acknowledged, or
 * escalated to the leader and not closed. The console sounds when a new id appears here.
 * @example selectAlertIds(model) // ['ALM-1', 'ALM-7']
 */
export function selectAlertIds(model: LiveModel): string[] {
  const ids: string[] = [];
  for (const a of Object.values(model.alarms)) {
    const urgent =
      (a.severity === 'red' && a.state === 'new') || (a.handling?.escalated && a.state !== 'closed');
    if (urgent) ids.push(a.id);
  }
  return ids.sort();
}
