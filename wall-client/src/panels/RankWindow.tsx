import { useI18n } from '../i18n/I18nProvider';
import type { PeriodQuery } from '../trends/selectPeriodQuery';

/** Which days a ranking covers (live rankings look at the last 7 days). */
export function RankWindow({ q }: { q: PeriodQuery }) {
  const { t } = useI18n();
  const text =
    q.rankRange === 'last-7-days' ||
    q.rankRange === 'last-4-weeks' ||
    q.rankRange === 'yesterday' ||
    q.rankRange === 'today' ||
    q.rankRange === 'last-week'
      ? t(`period.${q.rankRange}`)
      : q.resolved.firstDay === q.resolved.lastDay
        ? q.resolved.firstDay
        : `${q.resolved.firstDay} – ${q.resolved.lastDay}`;
  return <small className="rank-window">{text}</small>;
}
