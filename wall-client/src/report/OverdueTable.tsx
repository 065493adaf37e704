import { useMemo } from 'react';
import { selectCaseDeadline } from '../../../live-model/selectors/selectCaseDeadline';
import type { LiveModel } from '../../../protocol/liveModel';
import { formatAge, formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

const ROWS = 12;
const CASE_CATEGORY = /^[a-z]+(-[a-z]+)*$/;

/** Open cases past their deadline when the report is made, most overdue first (the list to chase). */
export function selectOverdueCases(model: LiveModel, nowMs: number) {
  return Object.values(model.cases)
    .map((c) => ({ c, d: selectCaseDeadline(c, nowMs) }))
    .filter((x) => x.d.state === 'breached')
    .sort((a, b) => a.d.remainingMs - b.d.remainingMs || (a.c.id < b.c.id ? -1 : 1));
}

export function OverdueTable({
  model,
  nowMs,
  tz,
  townships,
}: {
  model: LiveModel;
  nowMs: number;
  tz: string;
  townships: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  const rows = useMemo(() => selectOverdueCases(model, nowMs), [model, nowMs]);
  const category = (c: string) => (CASE_CATEGORY.test(c) ? t(`category.${c}` as MessageKey) : c);
  return (
    <div className="overdue" data-testid="overdue-table" data-count={rows.length}>
      <h2>{t('rep.overdue', { time: formatClock(nowMs, tz, true) })}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('rep.overdue.none')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('rep.overdue.case')}</th>
              <th>{t('rep.overdue.township')}</th>
              <th>{t('rep.overdue.received')}</th>
              <th>{t('rep.overdue.clock')}</th>
              <th>{t('rep.overdue.by')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, ROWS).map(({ c, d }) => (
              <tr key={c.id} data-case-id={c.id}>
                <td className="text">{c.summary || category(c.category)}</td>
                <td>{(c.townshipId && townships.get(c.townshipId)) || '—'}</td>
                <td className="num">{formatClock(Date.parse(c.receivedAt), tz, true).slice(5, 16)}</td>
                <td>{d.clock === 'none' ? '—' : t(`rep.clock.${d.clock}`)}</td>
                <td className="num bad">{formatAge(-d.remainingMs, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > ROWS && <p className="more">{t('rep.overdue.more', { n: rows.length - ROWS })}</p>}
    </div>
  );
}
