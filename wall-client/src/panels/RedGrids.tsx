import { useMemo } from 'react';
import type { AreasResponse } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useRegion } from '../live/RegionProvider';
import { gridNames } from '../trends/areaNames';
import { turnedRed } from '../trends/buildRankings';
import { useApiJson } from '../trends/useApiJson';
import { refreshMs, usePeriodQuery } from '../trends/usePeriodQuery';
import { RankWindow } from './RankWindow';

/** "Which grids turned red this week, and why": red in the period, not red in the one before. */
export function RedGrids({ rows = 6 }: { rows?: number }) {
  const { t, lang } = useI18n();
  const pack = useRegion();
  const q = usePeriodQuery();
  const areas = useApiJson<AreasResponse>(
    `/api/trends/areas?range=${q.rankRange}&level=grid`,
    refreshMs(q, 60_000),
  );
  const days = q.rankRange === 'last-7-days' ? 7 : q.resolved.days;
  const grids = useMemo(() => (areas.data ? turnedRed(areas.data.areas, days) : null), [areas.data, days]);
  const names = useMemo(() => gridNames(pack, lang), [pack, lang]);
  return (
    <section className="panel red-grids" data-testid="red-grids">
      <h2>
        {t('rank.redGrids')} <RankWindow q={q} />
      </h2>
      <ol style={{ ['--rows' as string]: rows }}>
        {grids?.slice(0, rows).map((g) => (
          <li key={g.id} data-grid={g.id}>
            <span className="name">{names.get(g.id) ?? g.id}</span>
            <span className="why">
              {g.risk.reasons.map((r) => (
                <span key={r.code} className={`reason reason-${g.risk.level}`}>
                  {t(`rank.reason.${r.code}` as MessageKey, { n: r.count })}
                </span>
              ))}
            </span>
          </li>
        ))}
        {grids && grids.length === 0 && <li className="empty">{t('rank.none')}</li>}
      </ol>
      {grids && grids.length > rows && <footer>{t('alarms.more', { n: grids.length - rows })}</footer>}
    </section>
  );
}
