import { useMemo } from 'react';
import type { CategoriesResponse } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';
import { categoryRows } from '../trends/buildRankings';
import { useApiJson } from '../trends/useApiJson';
import { refreshMs, usePeriodQuery } from '../trends/usePeriodQuery';
import { BarsChart } from './BarsChart';
import { RankWindow } from './RankWindow';

/** The busiest alarm and dispute categories over the period, with their change. */
export function CategoryRanking({ rows: limit = 8 }: { rows?: number }) {
  const { t } = useI18n();
  const q = usePeriodQuery();
  const data = useApiJson<CategoriesResponse>(
    `/api/trends/categories?range=${q.rankRange}`,
    refreshMs(q, 60_000),
  );
  const rows = useMemo(
    () => (data.data ? categoryRows(data.data.categories, t, limit) : null),
    [data.data, t, limit],
  );
  return (
    <section className="panel category-ranking" data-testid="category-ranking">
      <h2>
        {t('rank.categories')} <RankWindow q={q} />
      </h2>
      <BarsChart rows={rows} testId="category-bars" labelChars={6} />
    </section>
  );
}
