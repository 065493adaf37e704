import { selectCaseDeadline } from '../../../live-model/selectors/selectCaseDeadline';
import type { CaseRecord, LiveModel } from '../../../protocol/liveModel';
import { formatAge } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useFocusItem } from './useFocusItem';

function nearestDeadlines(model: LiveModel, nowMs: number, rows: number) {
  return Object.values(model.cases)
    .map((c: CaseRecord) => ({ c, d: selectCaseDeadline(c, nowMs) }))
    .filter((x) => x.d.state === 'at-risk' || x.d.state === 'breached')
    .sort((a, b) => a.d.remainingMs - b.d.remainingMs || (a.c.id < b.c.id ? -1 : 1))
    .slice(0, rows);
}

/** Cases about to breach or past their deadline, with the time left (or over), live. */
export function CaseDeadlineList({ rows = 6 }: { rows?: number }) {
  const { t } = useI18n();
  const focusItem = useFocusItem('case');
  const now = useServerNow(1000);
  const second = Math.floor(now / 1000) * 1000;
  const items = useLive((s) => (s.model ? nearestDeadlines(s.model, second, rows) : null), second);
  return (
    <section className="panel case-list" data-testid="case-list">
      <h2>{t('cases.title')}</h2>
      <ol style={{ ['--rows' as string]: rows }}>
        {items?.map(({ c, d }) => {
          const focusProps = focusItem(c.id);
          return (
            <li
              key={c.id}
              {...focusProps}
              className={`case sla-${d.state} ${focusProps.className}`}
              data-case-id={c.id}
            >
              <span className="category">{c.summary || c.category}</span>
              <span className="due">
                {d.state === 'breached'
                  ? t('cases.overdueBy', { t: formatAge(-d.remainingMs, t) })
                  : t('cases.due', { t: formatAge(d.remainingMs, t) })}
              </span>
            </li>
          );
        })}
        {items && items.length === 0 && <li className="empty">{t('cases.empty')}</li>}
      </ol>
    </section>
  );
}
