import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { AlarmRecord, HandlingStep } from '../../../protocol/liveModel';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive, useSetWallView } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { SeverityMark } from '../panels/SeverityMark';
import { buildUnitSuggestions } from './buildUnitSuggestions';
import type { useAlarmAction } from './useAlarmAction';

function who(step: HandlingStep): string {
  return step.by.console ? `${step.by.name}（${step.by.console}）` : step.by.name;
}

/** The handling steps in the order they happened. */
function History({ alarm }: { alarm: AlarmRecord }) {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const h = alarm.handling;
  const steps: { at: string; key: MessageKey; vars: Record<string, string>; note?: string }[] = [];
  if (h?.acknowledged)
    steps.push({
      at: h.acknowledged.at,
      key: 'detail.step.acknowledged',
      vars: { who: who(h.acknowledged) },
    });
  if (h?.assigned)
    steps.push({
      at: h.assigned.at,
      key: 'detail.step.assigned',
      vars: { who: who(h.assigned), unit: h.assigned.unit },
    });
  if (h?.escalated)
    steps.push({
      at: h.escalated.at,
      key: 'detail.step.escalated',
      vars: { who: who(h.escalated), from: t(`severity.${h.escalated.from}`) },
      ...(h.escalated.reason ? { note: h.escalated.reason } : {}),
    });
  if (h?.closed)
    steps.push({
      at: h.closed.at,
      key: 'detail.step.closed',
      vars: { who: who(h.closed) },
      note: h.closed.note,
    });
  steps.sort((a, b) => (a.at < b.at ? -1 : 1));
  return (
    <ol className="history" data-testid="handling-history">
      {steps.length === 0 && <li className="empty">{t('detail.noHistory')}</li>}
      {steps.map((s) => (
        <li key={s.key}>
          <time>{formatClock(Date.parse(s.at), tz)}</time> {t(s.key, s.vars)}
          {s.note && <q>{s.note}</q>}
        </li>
      ))}
    </ol>
  );
}

/** One alarm in full, its handling so far, and the actions on it. */
export function AlarmDetail({
  alarmId,
  action,
}: {
  alarmId: string | null;
  action: ReturnType<typeof useAlarmAction>;
}) {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const alarm = useLive((s) => (alarmId ? (s.model?.alarms[alarmId] ?? null) : null));
  const view = useLive((s) => s.view);
  const setView = useSetWallView();
  const pack = useRegion();
  const [unit, setUnit] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [wallNotice, setWallNotice] = useState<string | null>(null);
  const units = useMemo(() => buildUnitSuggestions(pack, alarm?.townshipId), [pack, alarm?.townshipId]);

  // A new selection starts with empty forms.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new alarm id only
  useEffect(() => {
    setUnit('');
    setReason('');
    setNote('');
    setWallNotice(null);
  }, [alarmId]);

  if (!alarmId) return <section className="panel console-detail empty-detail">{t('detail.none')}</section>;
  if (!alarm) return <section className="panel console-detail empty-detail">{t('detail.gone')}</section>;

  const revision = alarm.handling?.revision ?? 0;
  const closed = alarm.state === 'closed';
  const send = (e: FormEvent, command: Parameters<typeof action.run>[1], after?: () => void) => {
    e.preventDefault();
    void action.run(alarm, command).then((ok) => ok && after?.());
  };
  const notice = action.notice?.alarmId === alarm.id ? action.notice : null;

  return (
    <section className="panel console-detail" data-testid="alarm-detail" data-alarm-id={alarm.id}>
      <header className="detail-head">
        <SeverityMark severity={alarm.severity} />
        <h2>{alarm.category}</h2>
        <span className={`state-badge state-${alarm.state}`}>{t(`alarm.state.${alarm.state}`)}</span>
        {alarm.handling?.escalated && <span className="state-badge escalated">{t('alarm.escalated')}</span>}
      </header>
      <dl className="facts">
        <dt>{t('detail.occurred')}</dt>
        <dd>{formatClock(Date.parse(alarm.occurredAt), tz, true)}</dd>
        <dt>{t('detail.channel')}</dt>
        <dd>{t(`channel.${alarm.channel}`)}</dd>
        <dt>{t('detail.place')}</dt>
        <dd>{alarm.address ?? alarm.gridId ?? '—'}</dd>
        <dt>{t('detail.unit')}</dt>
        <dd>{alarm.assignedTo ?? '—'}</dd>
        <dt>{t('detail.text')}</dt>
        <dd className="text" data-testid="alarm-text">
          {alarm.text || '—'}
        </dd>
      </dl>
      <p className="versions">
        {alarm.id} · {t('detail.versions', { v: alarm.version, r: revision })}
      </p>
      <h3>{t('detail.history')}</h3>
      <History alarm={alarm} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-action="acknowledge"
          disabled={action.busy || alarm.state !== 'new'}
          onClick={(e) => send(e, { action: 'acknowledge', expectedRevision: revision })}
        >
          {t('action.acknowledge')}
        </button>
        <form
          onSubmit={(e) =>
            send(e, { action: 'assign', expectedRevision: revision, unit: unit.trim() }, () => setUnit(''))
          }
        >
          <input
            list="unit-suggestions"
            value={unit}
            maxLength={60}
            placeholder={t('action.unit')}
            aria-label={t('action.unit')}
            disabled={closed}
            onChange={(e) => setUnit(e.target.value)}
          />
          <datalist id="unit-suggestions">
            {units.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <button type="submit" data-action="assign" disabled={action.busy || closed || unit.trim() === ''}>
            {t('action.assign')}
          </button>
        </form>
        <form
          onSubmit={(e) =>
            send(
              e,
              {
                action: 'escalate',
                expectedRevision: revision,
                ...(reason.trim() ? { reason: reason.trim() } : {}),
              },
              () => setReason(''),
            )
          }
        >
          <input
            value={reason}
            maxLength={200}
            placeholder={t('action.reason')}
            aria-label={t('action.reason')}
            disabled={closed || alarm.handling?.escalated !== undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="submit"
            className="danger"
            data-action="escalate"
            disabled={action.busy || closed || alarm.handling?.escalated !== undefined}
          >
            {t('action.escalate')}
          </button>
        </form>
        <form
          onSubmit={(e) =>
            send(e, { action: 'close', expectedRevision: revision, note: note.trim() }, () => setNote(''))
          }
        >
          <textarea
            value={note}
            maxLength={500}
            rows={2}
            placeholder={t('action.note')}
            aria-label={t('action.note')}
            disabled={closed}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="submit"
            data-action="close"
            disabled={action.busy || closed || note.trim().length < 2}
          >
            {t('action.close')}
          </button>
        </form>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void setView({ focus: { kind: 'alarm', id: alarm.id } }).then((a) =>
              setWallNotice(a.ok ? t('action.shownOnWall', { wall: a.value.wall }) : a.reason),
            )
          }
        >
          {t('action.showOnWall')}
        </button>
      </div>
      <p className={`notice notice-${notice?.tone ?? 'none'}`} role="status" data-testid="action-notice">
        {notice?.text ??
          wallNotice ??
          (view?.focus?.id === alarm.id ? t('action.shownOnWall', { wall: view.wall }) : '\u00a0')}
      </p>
    </section>
  );
}
