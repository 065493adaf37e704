import { memo, useMemo, useState } from 'react';
import { selectCaseDeadline } from '../../../live-model/selectors/selectCaseDeadline';
import type { CaseRecord, LiveModel } from '../../../protocol/liveModel';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { SeverityMark } from '../panels/SeverityMark';
import { formatCountdown } from './formatCountdown';

type CaseFilter = 'risk' | 'open';
const ROWS = 150;

/** Open cases by the time left on their running clock (breached first), at the given second. */
export function buildCaseRows(model: LiveModel, nowMs: number, filter: CaseFilter, limit: number) {
  const rows = Object.values(model.cases)
    .map((c: CaseRecord) => ({ c, d: selectCaseDeadline(c, nowMs) }))
    .filter(({ d }) =>
      filter === 'risk' ? d.state === 'at-risk' || d.state === 'breached' : d.state !== 'done',
    )
    .sort((a, b) => a.d.remainingMs - b.d.remainingMs || (a.c.id < b.c.id ? -1 : 1));
  return { rows: rows.slice(0, limit), total: rows.length };
}

/** The case list with each case's deadline clock, counting down live. */
export const CaseBoard = memo(function CaseBoard() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<CaseFilter>('risk');
  const now = useServerNow(1000);
  const second = Math.floor(now / 1000) * 1000;
  const pack = useRegion();
  const townships = useMemo(
    () => new Map(pack?.townships.features.map((f) => [f.properties.id, f.properties.name]) ?? []),
    [pack],
  );
  const board = useLive(
    (s) => (s.model ? buildCaseRows(s.model, second, filter, ROWS) : null),
    `${second}|${filter}`,
  );
  return (
    <section className="panel console-cases" data-testid="case-board">
      <div className="panel-bar">
        <h2>{t('caseboard.title')}</h2>
        <div className="filters" role="tablist">
          {(['risk', 'open'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={f === filter}
              className={f === filter ? 'active' : ''}
              onClick={() => setFilter(f)}
            >
              {t(`caseboard.filter.${f}`)}
              {f === filter && board ? <b> {board.total}</b> : null}
            </button>
          ))}
        </div>
      </div>
      <div className="case-head case-row" aria-hidden="true">
        <span />
        <span>{t('caseboard.col.category')}</span>
        <span>{t('caseboard.col.township')}</span>
        <span>{t('caseboard.col.status')}</span>
        <span>{t('caseboard.col.clock')}</span>
        <span />
        <span>{t('caseboard.col.remaining')}</span>
      </div>
      <ol className="case-body">
        {board?.rows.map(({ c, d }) => (
          <li key={c.id} className={`case-row sla-${d.state}`} data-case-id={c.id} title={c.summary}>
            <SeverityMark severity={c.risk} />
            <span>{t(`category.${c.category}`)}</span>
            <span>{(c.townshipId && townships.get(c.townshipId)) ?? '—'}</span>
            <span>{t(`status.${c.status}`)}</span>
            <span>{t(`clock.${d.clock}`)}</span>
            <span className="gauge" role="img" aria-label={`${Math.round(d.used * 100)}%`}>
              <i className="bar" style={{ ['--used' as string]: Math.min(1, Math.max(0, d.used)) }} />
            </span>
            <span className="remaining">
              {t(d.state === 'breached' ? 'caseboard.over' : 'caseboard.left', {
                t: formatCountdown(d.remainingMs, t('caseboard.day')),
              })}
            </span>
          </li>
        ))}
        {board && board.rows.length === 0 && <li className="empty">{t('caseboard.empty')}</li>}
      </ol>
    </section>
  );
});
