/**
 * The alarm-to-video rule: a new red or yellow alarm promotes the camera that sees it
 * (a takeover) until the alarm is acknowledged, dispatched or closed, or its hold time runs
 * out. Stateless over the model — what is active lives in `model.takeovers` — so the same
 * rule, run after a reconnect or a restart, reverts whatever is due and never re-takes.
 */
import type { LiveModel } from '../../protocol/liveModel';
import { type RevertReason, type Takeover, takeoverId, type VideoEventData } from '../../protocol/video';
import {
  type CameraSelectionOptions,
  DEFAULT_CAMERA_SELECTION,
  selectCameraForAlarm,
} from './selectCamerasNear';

const MIN = 60_000;

export interface TakeoverRules {
  /** Longest a takeover holds, from the alarm's time, by severity; green alarms take nothing. */
  holdMs: { red: number; yellow: number };
  selection: CameraSelectionOptions;
}

export const DEFAULT_TAKEOVER_RULES: TakeoverRules = {
  holdMs: { red: 15 * MIN, yellow: 5 * MIN },
  selection: DEFAULT_CAMERA_SELECTION,
};

const STATE_REASON: Record<string, RevertReason> = {
  acknowledged: 'acknowledged',
  dispatched: 'dispatched',
  closed: 'closed',
};

/**
 * The video events due now: reverts of takeovers whose alarm was handled, left the model or
 * timed out, then takeovers for the `candidates` (alarm ids; all alarms when omitted) that
 * deserve one and have none yet. Returns `[]` when nothing is due.
 * @example
 * planTakeovers(model, Date.parse('2026-11-25T12:13:05Z'), DEFAULT_TAKEOVER_RULES, ['ALM-1'])
 * // [{ op: 'takeover', takeover: { id: 'alarm:ALM-1', cameraId: '5105…', severity: 'red', … } }]
 */
export function planTakeovers(
  model: Pick<LiveModel, 'alarms' | 'cameras' | 'takeovers'>,
  nowMs: number,
  rules: TakeoverRules = DEFAULT_TAKEOVER_RULES,
  candidates?: Iterable<string>,
): VideoEventData[] {
  const events: VideoEventData[] = [];
  const reverted = new Set<string>();
  for (const t of Object.values(model.takeovers)) {
    const alarm = model.alarms[t.alarmId];
    const reason: RevertReason | null = !alarm
      ? 'alarm-gone'
      : alarm.state !== 'new'
        ? (STATE_REASON[alarm.state] ?? 'closed')
        : nowMs >= Date.parse(t.until)
          ? 'timeout'
          : null;
    if (reason) {
      events.push({ op: 'revert', id: t.id, reason });
      reverted.add(t.id);
    }
  }
  const startedAt = new Date(nowMs).toISOString();
  for (const alarmId of candidates ?? Object.keys(model.alarms)) {
    const alarm = model.alarms[alarmId];
    if (alarm?.state !== 'new' || (alarm.severity !== 'red' && alarm.severity !== 'yellow')) continue;
    const id = takeoverId(alarmId);
    if (reverted.has(id)) continue;
    const since = Math.min(Date.parse(alarm.occurredAt), Date.parse(alarm.receivedAt));
    const untilMs = since + rules.holdMs[alarm.severity];
    if (!(nowMs < untilMs)) continue;
    const existing = model.takeovers[id];
    if (existing) {
      // The alarm was raised (yellow → red): same camera, the new severity and hold time.
      if (existing.severity !== alarm.severity)
        events.push({
          op: 'takeover',
          takeover: { ...existing, severity: alarm.severity, until: new Date(untilMs).toISOString() },
        });
      continue;
    }
    const choice = selectCameraForAlarm(model.cameras, alarm, rules.selection);
    if (!choice) continue;
    const takeover: Takeover = {
      id,
      alarmId,
      cameraId: choice.cameraId,
      severity: alarm.severity,
      category: alarm.category,
      alarmAt: alarm.occurredAt,
      reason: choice.reason,
      distanceM: choice.distanceM,
      startedAt,
      until: new Date(untilMs).toISOString(),
    };
    events.push({ op: 'takeover', takeover });
  }
  return events;
}
