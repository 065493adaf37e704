/**
 * The wall's colours and type for charts (the CSS variables of wall.css, for canvas), and the
 * one way feed text reaches a chart: as plain text, never markup.
 */
export const CHART_COLORS = {
  text: '#e9f2ff',
  muted: '#9db4d3',
  grid: '#1d3a5f',
  blue: '#4da3ff',
  cyan: '#36cfc9',
  red: '#ff4d4f',
  yellow: '#ffc53d',
  green: '#3ddc97',
  grey: '#7d8794',
} as const;

export const CHART_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

/**
 * Feed text for a chart label or tooltip: echarts' rich-text syntax (`{style|…}`) and line
 * breaks removed, cut to `max` characters. Tooltips render as rich text on the canvas
 * (`renderMode: 'richText'`), so no text ever becomes HTML.
 * @example chartText('<img src=x onerror=alert(1)>{a|x}') // '<img src=x onerror=alert(1)>ax'
 */
export function chartText(text: string, max = 24): string {
  const clean = text.replace(/[{}|\r\n]/g, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The tooltip every chart uses: on the canvas, never HTML. */
export function richTooltip(rem: number, formatter: (params: unknown) => string) {
  return {
    trigger: 'axis' as const,
    renderMode: 'richText' as const,
    backgroundColor: '#0d2244',
    borderColor: CHART_COLORS.grid,
    textStyle: { color: CHART_COLORS.text, fontSize: 0.85 * rem, fontFamily: CHART_FONT },
    formatter,
  };
}
