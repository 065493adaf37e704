/**
 * The wall's chart colours on paper: the same option a panel builds for the dark wall,
 * recoloured for a white A4 page (text dark, grid lines grey, series colours deep enough to
 * print). One table, so a report chart is the wall's chart and not a second implementation.
 */
import { CHART_COLORS } from './chartTheme';

export const PAPER_COLORS: Record<keyof typeof CHART_COLORS, string> = {
  text: '#1f2329',
  muted: '#5b6573',
  grid: '#c8d0db',
  blue: '#1d64c2',
  cyan: '#0b8a84',
  red: '#cf1322',
  yellow: '#c27c00',
  green: '#18864f',
  grey: '#8a919c',
};

const SWAP = new Map<string, string>(
  (Object.keys(CHART_COLORS) as (keyof typeof CHART_COLORS)[]).map((k) => [
    CHART_COLORS[k].toLowerCase(),
    PAPER_COLORS[k],
  ]),
);
// The tooltip's dark background.
SWAP.set('#0d2244', '#ffffff');

function swap(value: string): string {
  const lower = value.toLowerCase();
  const whole = SWAP.get(lower);
  if (whole) return whole;
  // #rrggbbaa: the colour with its transparency kept.
  if (/^#[0-9a-f]{8}$/.test(lower)) {
    const base = SWAP.get(lower.slice(0, 7));
    if (base) return `${base}${lower.slice(7)}`;
  }
  return value;
}

/**
 * A copy of an echarts option with the wall's colours swapped for paper (functions, such as
 * formatters, kept as they are).
 * @example toPaperOption({ textStyle: { color: '#e9f2ff' } }) // { textStyle: { color: '#1f2329' } }
 */
export function toPaperOption<T>(option: T): T {
  if (typeof option === 'string') return swap(option) as T;
  if (Array.isArray(option)) return option.map((v) => toPaperOption(v)) as T;
  if (option && typeof option === 'object' && Object.getPrototypeOf(option) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(option)) out[k] = toPaperOption(v);
    return out as T;
  }
  return option;
}
