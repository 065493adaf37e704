/** A KPI tile's sparkline: a small line with a soft area, no axes, no interaction. Pure. */
import { CHART_COLORS } from './chartTheme';

export function buildSparklineOption(values: (number | null)[], color: string = CHART_COLORS.blue, rem = 16) {
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 0.15 * rem, bottom: 0.15 * rem },
    xAxis: { type: 'category' as const, show: false, boundaryGap: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value' as const, show: false, scale: true },
    series: [
      {
        id: 'spark',
        type: 'line' as const,
        data: values,
        silent: true,
        showSymbol: false,
        connectNulls: true,
        lineStyle: { color, width: 0.12 * rem },
        areaStyle: { color, opacity: 0.18 },
      },
    ],
  };
}
