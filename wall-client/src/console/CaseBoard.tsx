import { memo, useMemo, useState } from 'react';
import { selectCaseDeadline } from '../../../live-model/selectors/selectCaseDeadline';
import type { CaseRecord, LiveModel } from '../../../protocol/liveModel';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { SeverityMark } from '../panels/SeverityMark';
import { FilterTabs, HeadRow } from './ConsoleTable';
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
        <FilterTabs
          options={(['risk', 'open'] as const).map((f) => ({
            key: f,
            label: `caseboard.filter.${f}` as const,
            count: f === filter ? (board?.total ?? null) : undefined,
          }))}
          value={filter}
          onChange={setFilter}
        />
      </div>
      <HeadRow
        row="case-row"
        labels={[
          null,
          'caseboard.col.category',
          'caseboard.col.township',
          'caseboard.col.status',
          'caseboard.col.clock',
          null,
          'caseboard.col.remaining',
        ]}
      />
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
