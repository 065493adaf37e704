import { selectCaseDeadline } from '../../../live-model/selectors/selectCaseDeadline';
import type { LiveModel } from '../../../protocol/liveModel';
import type { Focus } from '../../../protocol/wallView';
import { formatAge, formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { SeverityMark } from './SeverityMark';

type Row = [MessageKey, string];

function rowsFor(
  focus: Focus,
  model: LiveModel,
  tz: string,
  nowMs: number,
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
): { title: string; rows: Row[]; severity?: 'red' | 'yellow' | 'green' } | null {
  if (focus.kind === 'alarm') {
    const a = model.alarms[focus.id];
    if (!a) return null;
    return {
      title: a.category,
      severity: a.severity,
      rows: [
        ['focus.time', formatClock(Date.parse(a.occurredAt), tz, true)],
        ['focus.place', a.address ?? '—'],
        ['focus.channel', t(`channel.${a.channel}` as MessageKey)],
        ['focus.state', t(`alarm.state.${a.state}` as MessageKey)],
        ['focus.text', a.text],
      ],
    };
  }
  if (focus.kind === 'case') {
    const c = model.cases[focus.id];
    if (!c) return null;
    const d = selectCaseDeadline(c, nowMs);
    const due =
      d.state === 'done'
        ? '—'
        : d.state === 'breached'
          ? t('cases.overdueBy', { t: formatAge(-d.remainingMs, t) })
          : t('cases.due', { t: formatAge(d.remainingMs, t) });
    return {
      title: c.summary || c.category,
      severity: c.risk,
      rows: [
        ['focus.received', formatClock(Date.parse(c.receivedAt), tz, true)],
        ['focus.state', c.status],
        ['focus.deadline', due],
        ['focus.unit', c.handlingUnit ?? '—'],
        ['focus.parties', c.parties.join('、') || '—'],
      ],
    };
  }
  if (focus.kind === 'camera') {
    const cam = model.cameras[focus.id];
    if (!cam) return null;
    return {
      title: cam.name,
      rows: [
        ['focus.state', cam.status],
        ['focus.source', cam.source],
        ['focus.id', cam.id],
      ],
    };
  }
  return null;
}

/** The wall's focused item (set on any screen of the wall), in words. Feed text stays text. */
export function FocusDetails() {
  const { t } = useI18n();
  const pack = useRegion();
  const now = useServerNow(1000);
  const focus = useLive((s) => s.view?.focus ?? null);
  const tz = useLive((s) => s.tz);
  const second = Math.floor(now / 1000);
  const card = useLive(
    (s) => (focus && s.model ? rowsFor(focus, s.model, s.tz, now, t) : null),
    `${focus?.kind}:${focus?.id}:${second}`,
  );
  const areaName =
    focus && (focus.kind === 'grid' || focus.kind === 'township')
      ? (focus.kind === 'grid' ? pack?.grids.features : pack?.townships.features)?.find(
          (f) => f.properties.id === focus.id,
        )?.properties.name
      : undefined;
  return (
    <section
      className="panel focus-details"
      data-testid="focus-details"
      data-focus={focus ? `${focus.kind}:${focus.id}` : ''}
    >
      <h2>{t('focus.title')}</h2>
      {!focus && <p className="empty">{t('focus.none')}</p>}
      {focus && (card || areaName) && (
        <div className="focus-card">
          <h3>
            {card?.severity && <SeverityMark severity={card.severity} />} {card?.title ?? areaName}
          </h3>
          <dl>
            {card?.rows.map(([k, v]) => (
              <div key={k}>
                <dt>{t(k)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <footer>{t('focus.by', { who: focus.by, t: formatClock(Date.parse(focus.at), tz) })}</footer>
        </div>
      )}
      {focus && !card && !areaName && <p className="empty">{t('focus.gone')}</p>}
    </section>
  );
}
