import { useMemo } from 'react';
import type { AreasResponse, PeaceIndexConfig } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';
import { useRegion } from '../live/RegionProvider';
import { townshipNames } from '../trends/areaNames';
import { townshipRows } from '../trends/buildRankings';
import { useApiJson } from '../trends/useApiJson';
import { refreshMs, usePeriodQuery } from '../trends/usePeriodQuery';
import { BarsChart } from './BarsChart';
import { RankWindow } from './RankWindow';

const index = (v: number) => v.toFixed(1);

/** Townships by peace index over the period (a week when live), with the change against the period before. */
export function TownshipRanking() {
  const { t, lang } = useI18n();
  const pack = useRegion();
  const q = usePeriodQuery();
  const areas = useApiJson<AreasResponse>(
    `/api/trends/areas?range=${q.rankRange}&level=township`,
    refreshMs(q, 60_000),
  );
  const config = useApiJson<PeaceIndexConfig>('/api/trends/config');
  const names = useMemo(() => townshipNames(pack, lang), [pack, lang]);
  const rows = useMemo(
    () => (areas.data && config.data ? townshipRows(areas.data.areas, names, config.data) : null),
    [areas.data, config.data, names],
  );
  return (
    <section className="panel township-ranking" data-testid="township-ranking">
      <h2>
        {t('rank.townships')} <RankWindow q={q} />
      </h2>
      <BarsChart
        rows={rows}
        max={100}
        format={index}
        testId="township-bars"
        labelChars={lang === 'en' ? 12 : 5}
      />
    </section>
  );
}
