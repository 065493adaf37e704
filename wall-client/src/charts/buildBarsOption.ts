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

/**
 * Roughly how wide a text is, in ems (CJK characters are square, Latin about half as wide;
 * the CJK font draws the ellipsis and ▲▼ full width too).
 */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2026\u25a0-\u25ff\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? 1 : 0.58;
  return ems;
}

export function buildBarsOption(input: BarsInput) {
  const { rem } = input;
  const format = input.format ?? ((v: number) => String(Math.round(v)));
  const labels = input.rows.map((r) => chartText(r.label, input.labelChars ?? 8));
  const notes = input.rows.map((r) => (r.note ? chartText(r.note, 12) : ''));
  // Room for the labels on the left and the figures on the right, measured rather than guessed by echarts.
  const labelFont = 0.85 * rem;
  const left = Math.max(0, ...labels.map(textEms)) * labelFont + 0.6 * rem;
  const right =
    Math.max(
      1,
      ...input.rows.map((r, i) => textEms(`${format(r.value)}${notes[i] ? `  ${notes[i]}` : ''}`)),
    ) *
      labelFont +
    0.6 * rem;
  return {
    animationDuration: 0,
    animationDurationUpdate: 400,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left, right, top: 0.2 * rem, bottom: 0.2 * rem, outerBoundsMode: 'none' as const },
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
      axisLabel: { color: CHART_COLORS.text, fontSize: labelFont, interval: 0 },
    },
    series: [
      {
        id: 'bars',
        type: 'bar' as const,
        barMaxWidth: 1.1 * rem,
        barCategoryGap: '35%',
        data: input.rows.map((r) => ({ value: r.value, itemStyle: { color: r.color ?? CHART_COLORS.blue } })),
        label: {
          show: true,
          position: 'right' as const,
          color: CHART_COLORS.text,
          fontSize: labelFont,
          formatter: (p: { dataIndex: number; value: unknown }) =>
            `${format(Number(p.value))}${notes[p.dataIndex] ? `  ${notes[p.dataIndex]}` : ''}`,
        },
      },
    ],
  };
}
