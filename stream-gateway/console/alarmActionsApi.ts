/**
 * The duty officers' actions on alarms: `POST /api/alarms/:id/actions` with
 * `{action, expectedRevision, unit|reason|note}`. Validate → mask the typed text → decide
 * against the live model and log an `alarm-action` event in one step of the pipeline (so
 * two consoles cannot both pass the check) → audit → answer. The event reaches every wall
 * through the publisher like any other change, at once (not coalesced: actions are human-paced).
 */
import { type AlarmDecision, decideAlarmAction, describeConflict } from '../../live-model/alarmHandling';
import type { Principal } from '../../protocol/access';
import { type AlarmActionAnswer, type AlarmCommand, AlarmCommandSchema } from '../../protocol/alarmActions';
import type { AuditOrigin, AuditOutcome } from '../../protocol/audit';
import type { Actor, AlarmRecord } from '../../protocol/liveModel';
import type { Envelope } from '../../protocol/log';
import type { AuditLog } from '../audit/createAuditLog';
import { toAuditActor } from '../audit/recordExport';
import type { FeatureFactory } from '../GatewayContext';
import { readJsonBody, sendJson } from '../http/router';
import { maskText } from '../ingest/maskPersonalData';

/** Officers type free text too: names and numbers in it are masked like feed text. */
function maskCommand(command: AlarmCommand): { command: AlarmCommand; masked: Record<string, number> } {
  const masked: Record<string, number> = {};
  const mask = (field: 'unit' | 'reason' | 'note', value: string) => {
    const r = maskText(value);
    if (r.count > 0) masked[field] = r.count;
    return r.text;
  };
  switch (command.action) {
    case 'assign':
      return { command: { ...command, unit: mask('unit', command.unit) }, masked };
    case 'close':
      return { command: { ...command, note: mask('note', command.note) }, masked };
    case 'escalate':
      return command.reason
        ? { command: { ...command, reason: mask('reason', command.reason) }, masked }
        : { command, masked };
    default:
      return { command, masked };
  }
}

export function toActor(principal: Principal, origin: AuditOrigin): Actor {
  return {
    id: principal.id,
    name: principal.label,
    role: principal.role,
    ...(origin.console ? { console: origin.console } : {}),
  };
}

export function alarmActionsApi(audit: AuditLog): FeatureFactory {
  return ({ router, pipeline, metrics, logger, now, originOf }) => {
    router.add('POST', '/api/alarms/:id/actions', 'operate', async ({ req, res, params, principal }) => {
      const who = principal as Principal;
      const origin = originOf(req);
      const alarmId = params.id ?? '';
      const target = `alarm:${alarmId}`;
      const body = await readJsonBody(req, 16 * 1024);
      const parsed = body.ok ? AlarmCommandSchema.safeParse(body.value) : null;
      if (!body.ok || !parsed?.success) {
        const issue = parsed && !parsed.success ? parsed.error.issues[0] : undefined;
        const reason = body.ok
          ? `action: ${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`
          : body.reason;
        const action = body.ok
          ? String((body.value as { action?: unknown } | null)?.action ?? '?').slice(0, 20)
          : '?';
        audit.record({
          actor: toAuditActor(who),
          action: `alarm.${action}`,
          target,
          outcome: 'invalid',
          detail: { reason },
          origin,
        });
        return sendJson(res, body.ok ? 400 : body.status, { ok: false, reason } satisfies AlarmActionAnswer);
      }
      const { command, masked } = maskCommand(parsed.data);
      for (const [field, n] of Object.entries(masked)) metrics.masked.inc({ feed: 'console', field }, n);
      const actor = toActor(who, origin);
      const at = new Date(now()).toISOString();
      const record = (outcome: AuditOutcome, detail: Record<string, unknown>) =>
        audit.record({
          actor: toAuditActor(who),
          action: `alarm.${command.action}`,
          target,
          outcome,
          detail,
          origin,
        });
      let outcome: {
        result: { decision: AlarmDecision; alarm: AlarmRecord | undefined };
        events: Envelope[];
      };
      try {
        outcome = await pipeline.appendDecided<{ decision: AlarmDecision; alarm: AlarmRecord | undefined }>(
          (model) => {
            const alarm = model.alarms[alarmId];
            const decision = decideAlarmAction(alarm, command, actor, alarmId);
            if (!decision.ok) return { result: { decision, alarm }, events: [] };
            return {
              result: { decision, alarm },
              // A drill's alarm is acted on as part of the drill (kept out of live figures).
              events: [{ kind: 'alarm-action', at, drill: alarm?.drill === true, data: decision.data }],
              // Human-paced and awaited on every screen: published at once, not coalesced.
              urgent: true,
            };
          },
        );
      } catch (err) {
        logger.error({ err: (err as Error).message, alarmId }, 'operator action not stored');
        const reason = `not stored, try again: ${(err as Error).message}`;
        record('failed', { reason });
        return sendJson(res, 503, { ok: false, reason } satisfies AlarmActionAnswer);
      }
      const { decision, alarm } = outcome.result;
      const detail = { ...command, ...(Object.keys(masked).length ? { masked } : {}) };
      if (!decision.ok) {
        const { conflict } = decision;
        const entry = record(conflict.code === 'not-found' ? 'not-found' : 'conflict', {
          ...detail,
          conflict,
        });
        return sendJson(res, conflict.code === 'not-found' ? 404 : 409, {
          ok: false,
          reason: describeConflict(conflict),
          conflict,
          ...(alarm ? { alarm } : {}),
          auditId: entry.id,
        } satisfies AlarmActionAnswer);
      }
      const seq = outcome.events[0]?.seq ?? pipeline.seq;
      const entry = record('ok', { ...detail, revision: decision.data.revision, seq });
      const current = pipeline.model.alarms[alarmId];
      if (!current)
        return sendJson(res, 410, { ok: false, reason: 'the alarm left the live picture meanwhile' });
      sendJson(res, 200, { ok: true, alarm: current, seq, auditId: entry.id } satisfies AlarmActionAnswer);
    });
    return { name: 'alarm-actions' };
  };
}
