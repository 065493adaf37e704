import { describe, expect, it } from 'vitest';
import { buildBarsOption } from './buildBarsOption';
import { CHART_COLORS } from './chartTheme';
import { PAPER_COLORS, toPaperOption } from './toPaperOption';

describe('toPaperOption', () => {
  it('swaps every wall colour for its paper colour, keeping transparency and functions', () => {
    const formatter = () => 'x';
    const option = {
      textStyle: { color: CHART_COLORS.text },
      series: [{ itemStyle: { color: `${CHART_COLORS.red}33` }, label: { formatter } }],
      other: ['#123456', 3, null],
    };
    const paper = toPaperOption(option);
    expect(paper.textStyle.color).toBe(PAPER_COLORS.text);
    expect(paper.series[0]?.itemStyle.color).toBe(`${PAPER_COLORS.red}33`);
    expect(paper.series[0]?.label.formatter).toBe(formatter);
    expect(paper.other).toEqual(['#123456', 3, null]);
    expect(option.textStyle.color).toBe(CHART_COLORS.text);
  });

  it('leaves no wall colour in a real chart option', () => {
    const option = buildBarsOption({
      rows: [{ id: 'a', label: '安富街道', value: 3, color: CHART_COLORS.green }],
      rem: 16,
    });
    const text = JSON.stringify(toPaperOption(option)).toLowerCase();
    for (const c of Object.values(CHART_COLORS)) expect(text).not.toContain(`"${c.toLowerCase()}"`);
  });
});
