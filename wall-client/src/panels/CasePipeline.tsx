import { useMemo } from 'react';
import { startOfDay } from '../../../live-model/zonedTime';
import type { SummaryResponse } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { channelRows, funnelRows, stageRows } from '../trends/buildRankings';
import { useApiJson } from '../trends/useApiJson';
import { refreshMs, usePeriodQuery } from '../trends/usePeriodQuery';
import { BarsChart } from './BarsChart';

/**
 * Cases by life-cycle stage and by channel: open cases now (live, or at the replayed
 * moment), or a meeting period's way from intake to follow-up.
 */
export function CasePipeline() {
  const { t } = useI18n();
  const q = usePeriodQuery();
  const fromModel = q.mode !== 'range';
  const model = useLive((s) => (fromModel ? s.model : null));
  const tz = useLive((s) => s.tz);
  const summary = useApiJson<SummaryResponse>(
    fromModel ? null : `/api/trends/summary?range=${q.range}`,
    refreshMs(q, 30_000),
  );
  const counts = summary.data?.range === q.range ? summary.data.current.counts : null;
  const stages = useMemo(
    () => (model ? stageRows(model, t) : counts ? funnelRows(counts, t) : null),
    [model, counts, t],
  );
  const channels = useMemo(() => {
    if (model) return channelRows({ model, sinceMs: startOfDay(q.resolved.firstDay, tz) }, t);
    return counts ? channelRows({ counts }, t) : null;
  }, [model, counts, t, q.resolved.firstDay, tz]);
  return (
    <section
      className="panel case-pipeline"
      data-testid="case-pipeline"
      data-source={fromModel ? 'model' : 'api'}
    >
      <h2>{t('pipeline.title')}</h2>
      <div className="pipeline-charts">
        <div>
          <h3>{t(fromModel ? 'pipeline.stages' : 'pipeline.funnel')}</h3>
          <BarsChart rows={stages} testId="pipeline-stages" labelChars={5} />
        </div>
        <div>
          <h3>{t('pipeline.channels')}</h3>
          <BarsChart rows={channels} testId="pipeline-channels" labelChars={5} />
        </div>
      </div>
    </section>
  );
}
