import { useMemo } from 'react';
import type { PeaceIndexConfig, SummaryResponse, TrendPoint, TrendsResponse } from '../../../protocol/trends';
import { buildPeaceTrendOption } from '../charts/buildPeaceTrendOption';
import { useEChart } from '../charts/useEChart';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useSetWallView } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { useApiJson } from '../trends/useApiJson';
import { refreshMs, usePeriodQuery, useRem } from '../trends/usePeriodQuery';

const indexOf = (points: readonly TrendPoint[] | undefined) => (points ?? []).map((p) => p.peaceIndex);

/** The township the wall focuses on (a focused grid's township), or '' for the district. */
function useFocusedTownship(): string {
  const pack = useRegion();
  const focus = useLive((s) => s.view?.focus ?? null);
  if (!focus) return '';
  if (focus.kind === 'township') return focus.id;
  if (focus.kind === 'grid')
    return pack?.grids.features.find((g) => g.properties.id === focus.id)?.properties.townshipId ?? '';
  return '';
}

/**
 * The peace index over the period with 环比 and 同比 overlaid, for the district or the
 * township the wall focuses on; below it, the components that moved it.
 */
export function PeaceTrend() {
  const { t, lang } = useI18n();
  const rem = useRem();
  const pack = useRegion();
  const setView = useSetWallView();
  const q = usePeriodQuery();
  const area = useFocusedTownship();
  const trend = useApiJson<TrendsResponse & { previous: TrendPoint[]; lastYear: TrendPoint[] }>(
    `/api/trends?from=${q.trendFrom}&to=${q.trendTo}&area=${area}&compare=1`,
    refreshMs(q, 60_000),
  );
  const summary = useApiJson<SummaryResponse>(
    `/api/trends/summary?range=${q.range}&area=${area}`,
    refreshMs(q, 30_000),
  );
  const config = useApiJson<PeaceIndexConfig>('/api/trends/config');
  const redBelow = config.data?.bands.red ?? 55;
  const names = useMemo(
    () => ({ current: t('trend.current'), previous: t('trend.previous'), lastYear: t('trend.lastYear') }),
    [t],
  );
  const option = useMemo(() => {
    const data = trend.data;
    if (!data) return null;
    const labels = data.points.map((p) => p.t.slice(5));
    const first = data.points.findIndex((p) => p.t === q.highlight?.[0]);
    const last = data.points.findIndex((p) => p.t === q.highlight?.[1]);
    return buildPeaceTrendOption({
      labels,
      current: indexOf(data.points),
      previous: indexOf(data.previous),
      lastYear: indexOf(data.lastYear),
      highlight: q.highlight && first >= 0 && last >= 0 ? [first, last] : null,
      names,
      redBelow,
      rem,
    });
  }, [trend.data, q.highlight, names, redBelow, rem]);
  const ref = useEChart(option);
  const current = summary.data?.current;
  const before = summary.data?.previous;
  const delta =
    current?.peaceIndex != null && before?.peaceIndex != null ? current.peaceIndex - before.peaceIndex : null;
  // The short form of a component's name (up to a bracket): the panel has room for a few characters.
  const labelOf = (key: string) =>
    (config.data?.components.find((c) => c.key === key)?.label[lang === 'en' ? 'en' : 'zh-CN'] ?? key).split(
      /[（(]/,
    )[0];
  const townships = pack?.townships.features.map((f) => f.properties) ?? [];
  return (
    <section className="panel peace-trend" data-testid="peace-trend" data-area={area}>
      <header className="panel-head">
        <h2>{t('trend.title')}</h2>
        <select
          className="area-select"
          value={area}
          onChange={(e) =>
            void setView({ focus: e.target.value ? { kind: 'township', id: e.target.value } : null })
          }
        >
          <option value="">{t('trend.district')}</option>
          {townships.map((tw) => (
            <option key={tw.id} value={tw.id}>
              {lang === 'en' ? tw.nameEn : tw.name}
            </option>
          ))}
        </select>
        <span className="peace-now" data-testid="peace-index">
          {current?.peaceIndex?.toFixed(1) ?? '—'}
        </span>
        <span className={`change change-${delta === null ? 'none' : delta >= 0 ? 'good' : 'bad'}`}>
          {delta === null ? '' : `${delta >= 0 ? '▲' : '▼'}${Math.abs(delta).toFixed(1)}`}
        </span>
      </header>
      <div ref={ref} className="chart" />
      <ol className="components" aria-label={t('trend.why')}>
        {(current?.components ?? []).map((c) => {
          const prev = before?.components?.find((p) => p.key === c.key);
          const d = c.score !== null && prev?.score != null ? c.score - prev.score : null;
          return (
            <li
              key={c.key}
              data-component={c.key}
              className={c.score !== null && c.score < redBelow ? 'weak' : ''}
            >
              <span className="name">{labelOf(c.key)}</span>
              <b>{c.score === null ? '—' : Math.round(c.score)}</b>
              <small
                className={`change change-${d === null || Math.abs(d) < 0.5 ? 'none' : d > 0 ? 'good' : 'bad'}`}
              >
                {d === null || Math.abs(d) < 0.5 ? '' : `${d > 0 ? '▲' : '▼'}${Math.abs(d).toFixed(0)}`}
              </small>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
