import { memo, useMemo } from 'react';
import { createBucketer } from '../../../live-model/aggregates/createBucketer';
import { selectTodayCounts } from '../../../live-model/selectors/selectTodayCounts';
import type { SummaryResponse, TrendsResponse } from '../../../protocol/trends';
import { buildSparklineOption } from '../charts/buildSparklineOption';
import { CHART_COLORS } from '../charts/chartTheme';
import { useEChart } from '../charts/useEChart';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { buildKpiTiles, KPI_KEYS, KPI_SPECS, type KpiTile } from '../trends/buildKpiTiles';
import { useApiJson } from '../trends/useApiJson';
import { refreshMs, usePeriodQuery, useRem } from '../trends/usePeriodQuery';

const SPARK_COLORS: Record<KpiTile['key'], string> = {
  alarms: CHART_COLORS.blue,
  redAlarms: CHART_COLORS.red,
  cases: CHART_COLORS.blue,
  resolution: CHART_COLORS.green,
  onTime: CHART_COLORS.green,
  breached: CHART_COLORS.yellow,
  satisfaction: CHART_COLORS.green,
  peaceIndex: CHART_COLORS.cyan,
};

const Sparkline = memo(function Sparkline({
  values,
  color,
  rem,
}: {
  values: (number | null)[];
  color: string;
  rem: number;
}) {
  const option = useMemo(() => buildSparklineOption(values, color, rem), [values, color, rem]);
  const ref = useEChart(option);
  return <div ref={ref} className="kpi-spark" />;
});

/**
 * The KPI tiles with their change and sparkline: today live (counts tick from the live
 * model, compared with the same hours of yesterday), or the wall's meeting period.
 */
export function KpiTrendTiles() {
  const { t } = useI18n();
  const rem = useRem();
  const q = usePeriodQuery();
  // A replay shows the figures as they stood at its clock (asked again every ten minutes of replay time).
  const replayAt = useLive((s) => (s.replay ? Math.floor(s.replay.at / 600_000) * 600_000 : null));
  const until = q.mode === 'replay' && replayAt !== null ? `&until=${new Date(replayAt).toISOString()}` : '';
  const summary = useApiJson<SummaryResponse>(
    `/api/trends/summary?range=${q.range}${until}`,
    refreshMs(q, 30_000),
  );
  const spark = useApiJson<TrendsResponse>(
    `/api/trends?range=${q.range}&granularity=${q.sparkGranularity}`,
    refreshMs(q, 60_000),
  );
  const now = useServerNow(5000);
  const minute = Math.floor(now / 5000) * 5000;
  const tz = useLive((s) => s.tz);
  const live = useLive(
    (s) => (q.mode !== 'range' && s.model ? selectTodayCounts(s.model, minute, s.tz) : null),
    `${minute}${q.mode}`,
  );
  // Live and in a replay, the hours still to come are not zeros: leave them out.
  const hour = createBucketer(tz).hour(now);
  const points = useMemo(
    () =>
      (spark.data?.points ?? []).filter(
        (p) => q.sparkGranularity === 'day' || q.mode === 'range' || p.t <= hour,
      ),
    [spark.data, q.sparkGranularity, q.mode, hour],
  );
  // Sparklines change with their points only, not with every live delta.
  const sparks = useMemo(
    () => Object.fromEntries(KPI_KEYS.map((k) => [k, points.map((p) => KPI_SPECS[k].value(p.counts, p))])),
    [points],
  );
  const tiles = useMemo(
    () =>
      summary.data
        ? buildKpiTiles({
            summary: summary.data,
            spark: [],
            ...(live
              ? { liveCounts: { alarms: live.alarms, redAlarms: live.redAlarms, cases: live.casesReceived } }
              : {}),
          })
        : null,
    [summary.data, live],
  );
  const vsKey: MessageKey =
    q.mode === 'live' ? 'kt.vsYesterday' : q.mode === 'replay' ? 'kt.vsDayBefore' : 'kt.vsPrevious';
  return (
    <section className="panel kpi-trends" data-testid="kpi-trends" data-range={summary.data?.range ?? ''}>
      {(tiles ?? []).map((tile) => (
        <div key={tile.key} className={`kpi-tile kpi-${tile.key}`} data-kpi={tile.key}>
          <span className="kpi-label">{t(`kt.${tile.key}`)}</span>
          <span className="kpi-value">{tile.text}</span>
          <span className="kpi-change">
            <span className={`change change-${tile.previous?.tone ?? 'none'}`} data-change="previous">
              {t(vsKey)} {tile.previous?.text ?? '—'}
            </span>
            <span className={`change change-${tile.lastYear?.tone ?? 'none'}`} data-change="last-year">
              {t('kt.vsLastYear')} {tile.lastYear?.text ?? '—'}
            </span>
          </span>
          <Sparkline values={sparks[tile.key] ?? []} color={SPARK_COLORS[tile.key]} rem={rem} />
        </div>
      ))}
      {!tiles && <p className="empty">{summary.error ?? t('waiting')}</p>}
    </section>
  );
}
