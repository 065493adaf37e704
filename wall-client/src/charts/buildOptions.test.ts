import { describe, expect, it } from 'vitest';
import { buildBarsOption, textEms } from './buildBarsOption';
import { buildPeaceTrendOption, trendAxisMin } from './buildPeaceTrendOption';
import { buildSparklineOption } from './buildSparklineOption';
import { chartText } from './chartTheme';

const EVIL = '<img src=x onerror=alert(1)>{red|盗窃}';

describe('buildPeaceTrendOption', () => {
  const option = buildPeaceTrendOption({
    labels: ['11-18', '11-19', '11-20'],
    current: [72.1, 58.3, null],
    previous: [70, 71, 69],
    lastYear: [66, null, 68],
    highlight: [1, 2],
    names: { current: '本期', previous: '环比', lastYear: '同比' },
    redBelow: 55,
    rem: 20,
  });

  it('overlays the period, 环比 and 同比 with stable series ids', () => {
    expect(option.series.map((s) => [s.id, s.data])).toEqual([
      ['lastYear', [66, null, 68]],
      ['previous', [70, 71, 69]],
      ['current', [72.1, 58.3, null]],
    ]);
    expect(option.series[2]?.lineStyle.width).toBe(4);
    expect(option.legend.data).toEqual(['本期', '环比', '同比']);
  });

  it('shades the red band and marks the meeting days', () => {
    const areas = (
      option.series[2] as unknown as {
        markArea: { data: [{ yAxis?: number; xAxis?: string }, { yAxis?: number; xAxis?: string }][] };
      }
    ).markArea.data;
    expect(areas[0]?.map((p) => p.yAxis)).toEqual([50, 55]);
    expect(areas[1]?.map((p) => p.xAxis)).toEqual(['11-19', '11-20']);
    expect(option.yAxis).toMatchObject({ min: 50, max: 100 });
  });

  it('draws its tooltip as canvas text, never HTML', () => {
    expect(option.tooltip.renderMode).toBe('richText');
    const text = option.tooltip.formatter([{ axisValue: EVIL, seriesName: EVIL, value: 58.34 }]);
    expect(text).not.toMatch(/[{}|]/);
    expect(text).toContain('58.3');
  });

  it('starts the axis low enough for the dips', () => {
    expect(trendAxisMin([81, 64.5, null])).toBe(50);
    expect(trendAxisMin([3])).toBe(0);
    expect(trendAxisMin([null])).toBe(0);
  });
});

describe('buildBarsOption', () => {
  it('ranks rows top-down with their figure and note, labels as plain text', () => {
    const o = buildBarsOption({
      rows: [
        { id: 'a', label: EVIL, value: 12, note: '▲3' },
        { id: 'b', label: '噪音扰民', value: 7, color: '#ff4d4f' },
      ],
      rem: 10,
    });
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data[0]).not.toMatch(/[{}|]/);
    expect(o.yAxis.data[1]).toBe('噪音扰民');
    expect(o.series[0]?.data.map((d) => d.value)).toEqual([12, 7]);
    expect(o.series[0]?.label.formatter({ dataIndex: 0, value: 12 })).toBe('12  ▲3');
    expect(o.tooltip.renderMode).toBe('richText');
    expect(o.tooltip.formatter([{ dataIndex: 0 }])).not.toMatch(/[{}|]/);
  });
});

describe('textEms', () => {
  it('measures CJK as square and Latin as half', () => {
    expect(textEms('一窗受理')).toBe(4);
    expect(textEms('110')).toBeCloseTo(1.74);
  });
  it('counts the ellipsis and the change arrows as the CJK font draws them: full width', () => {
    expect(textEms('Recei…')).toBeCloseTo(5 * 0.58 + 1);
    expect(textEms('▲3.2')).toBeCloseTo(1 + 3 * 0.58);
  });
});

describe('buildSparklineOption', () => {
  it('is a quiet line without axes', () => {
    const o = buildSparklineOption([1, null, 3]);
    expect(o.series[0]).toMatchObject({ data: [1, null, 3], silent: true, showSymbol: false });
    expect(o.xAxis.show).toBe(false);
  });
});

describe('chartText', () => {
  it('removes rich-text syntax and line breaks and cuts long text', () => {
    expect(chartText('a{b|c}\nd')).toBe('abcd');
    expect(chartText('一二三四五六七八九十', 5)).toBe('一二三四…');
  });
});
