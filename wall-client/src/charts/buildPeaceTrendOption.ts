/**
 * The peace-index trend: this period, the period before (环比) and the same period last year
 * (同比) on one axis, the red band shaded, the days of a short meeting period marked.
 * Pure: data in, echarts option out.
 */
import { CHART_COLORS, CHART_FONT, chartText, richTooltip } from './chartTheme';

export interface PeaceTrendInput {
  /** x-axis labels (days). */
  labels: string[];
  current: (number | null)[];
  previous: (number | null)[];
  lastYear: (number | null)[];
  /** Index range of the labels to mark (the meeting's days), or null. */
  highlight: [number, number] | null;
  names: { current: string; previous: string; lastYear: string };
  /** Index below which an area is red. */
  redBelow: number;
  /** Pixels per rem on this screen. */
  rem: number;
}

const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : '—');

/** The axis floor: a little below the lowest value, in tens (the dips must show). */
export function trendAxisMin(values: readonly (number | null)[]): number {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return 0;
  return Math.max(0, Math.floor((Math.min(...present) - 5) / 10) * 10);
}

export function buildPeaceTrendOption(input: PeaceTrendInput) {
  const { rem, names } = input;
  const min = trendAxisMin([...input.current, ...input.previous, ...input.lastYear]);
  const line = (
    name: string,
    data: (number | null)[],
    color: string,
    type: 'solid' | 'dashed' | 'dotted',
    width: number,
  ) => ({
    id: name === names.current ? 'current' : name === names.previous ? 'previous' : 'lastYear',
    name,
    type: 'line' as const,
    data,
    connectNulls: false,
    showSymbol: data.length <= 31,
    symbolSize: 0.45 * rem,
    lineStyle: { color, type, width: width * rem },
    itemStyle: { color },
  });
  const current = {
    ...line(names.current, input.current, CHART_COLORS.cyan, 'solid', 0.2),
    z: 3,
    markArea: {
      silent: true,
      data: [
        [
          { yAxis: min, itemStyle: { color: 'rgba(255, 77, 79, 0.10)' } },
          { yAxis: Math.max(min, input.redBelow) },
        ],
        ...(input.highlight
          ? [
              [
                { xAxis: input.labels[input.highlight[0]], itemStyle: { color: 'rgba(77, 163, 255, 0.16)' } },
                { xAxis: input.labels[input.highlight[1]] },
              ],
            ]
          : []),
      ],
    },
  };
  return {
    animationDuration: 0,
    animationDurationUpdate: 400,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 2.8 * rem, right: 1 * rem, top: 2.4 * rem, bottom: 1.9 * rem },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 1.6 * rem,
      itemHeight: 0.6 * rem,
      textStyle: { color: CHART_COLORS.muted, fontSize: 0.85 * rem },
      data: [names.current, names.previous, names.lastYear],
    },
    tooltip: richTooltip(rem, (params) => {
      const list = params as { axisValue?: string; seriesName?: string; value?: unknown }[];
      const head = chartText(String(list[0]?.axisValue ?? ''));
      return [head, ...list.map((p) => `${chartText(String(p.seriesName ?? ''))}  ${fmt(p.value)}`)].join(
        '\n',
      );
    }),
    xAxis: {
      type: 'category' as const,
      data: input.labels,
      boundaryGap: false,
      axisLine: { lineStyle: { color: CHART_COLORS.grid } },
      axisLabel: { color: CHART_COLORS.muted, fontSize: 0.8 * rem, hideOverlap: true },
    },
    yAxis: {
      type: 'value' as const,
      min,
      max: 100,
      splitNumber: 3,
      splitLine: { lineStyle: { color: CHART_COLORS.grid, type: 'dashed' as const } },
      axisLabel: { color: CHART_COLORS.muted, fontSize: 0.8 * rem },
    },
    series: [
      line(names.lastYear, input.lastYear, CHART_COLORS.grey, 'dotted', 0.12),
      line(names.previous, input.previous, CHART_COLORS.blue, 'dashed', 0.12),
      current,
    ],
  };
}
