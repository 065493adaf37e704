/**
 * Horizontal bars with their figure at the end (rankings, case stages, channels): the first
 * row on top, each bar its own colour, labels from the data as plain text. Pure.
 */
import { CHART_COLORS, CHART_FONT, chartText, richTooltip } from './chartTheme';

export interface BarRow {
  /** Stable id (echarts matches bars across updates by it). */
  id: string;
  label: string;
  value: number;
  color?: string;
  /** Shown after the value, e.g. "▲3.2". */
  note?: string;
}

export interface BarsInput {
  rows: BarRow[];
  rem: number;
  /** Axis maximum (e.g. 100 for an index); default: from the data. */
  max?: number;
  /** How a value is written. */
  format?: (v: number) => string;
  /** Characters of a label before it is cut. */
  labelChars?: number;
}

export function buildBarsOption(input: BarsInput) {
  const { rem } = input;
  const format = input.format ?? ((v: number) => String(Math.round(v)));
  const labels = input.rows.map((r) => chartText(r.label, input.labelChars ?? 8));
  const notes = input.rows.map((r) => (r.note ? chartText(r.note, 12) : ''));
  return {
    animationDuration: 0,
    animationDurationUpdate: 400,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 0.3 * rem, right: 5.2 * rem, top: 0.2 * rem, bottom: 0.2 * rem, containLabel: true },
    tooltip: {
      ...richTooltip(rem, (params) => {
        const p = (params as { dataIndex: number }[])[0];
        const row = p ? input.rows[p.dataIndex] : undefined;
        return row
          ? `${chartText(row.label, 40)}  ${format(row.value)}${row.note ? `  ${chartText(row.note, 20)}` : ''}`
          : '';
      }),
      axisPointer: { type: 'shadow' as const },
    },
    xAxis: { type: 'value' as const, show: false, max: input.max ?? 'dataMax', min: 0 },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: labels,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: CHART_COLORS.text, fontSize: 0.9 * rem, interval: 0 },
    },
    series: [
      {
        id: 'bars',
        type: 'bar' as const,
        barMaxWidth: 1.1 * rem,
        data: input.rows.map((r) => ({ value: r.value, itemStyle: { color: r.color ?? CHART_COLORS.blue } })),
        label: {
          show: true,
          position: 'right' as const,
          color: CHART_COLORS.text,
          fontSize: 0.85 * rem,
          formatter: (p: { dataIndex: number; value: unknown }) =>
            `${format(Number(p.value))}${notes[p.dataIndex] ? `  ${notes[p.dataIndex]}` : ''}`,
        },
      },
    ],
  };
}
