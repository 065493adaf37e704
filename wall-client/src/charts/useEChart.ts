import { useEffect, useRef, useState } from 'react';
import { usePanelReady, useRenderMode } from '../render/RenderContext';
import { type ChartOption, echarts } from './echarts';
import { toPaperOption } from './toPaperOption';

/**
 * One echarts instance per mounted panel, created once and disposed on unmount; new data
 * goes in with setOption (merged, so nothing is re-created and nothing flickers). Series
 * listed in `replace` are swapped as a whole when their number changes. A ResizeObserver
 * follows the panel's size. Over weeks the number of instances and listeners stays flat.
 *
 * In a rendered page (snapshot, report) the chart draws as SVG — its text stays text in a
 * PDF — without animation, in paper colours for a report, and says when it has drawn.
 */
const SERIES: readonly string[] = ['series'];

export function useEChart(option: ChartOption | null, replace: readonly string[] = SERIES) {
  const render = useRenderMode();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const [drawn, setDrawn] = useState<ChartOption | null>(null);
  usePanelReady(render === null || (option !== null && drawn === option));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: render ? 'svg' : 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [render]);
  useEffect(() => {
    const c = chart.current;
    if (!option || !c) return;
    if (!render) {
      c.setOption(option, { replaceMerge: [...replace], lazyUpdate: true });
      return;
    }
    const onFinished = () => setDrawn(option);
    c.on('finished', onFinished);
    c.setOption(
      { ...(render.paper ? toPaperOption(option) : option), animation: false },
      { replaceMerge: [...replace] },
    );
    return () => {
      c.off('finished', onFinished);
    };
  }, [option, replace, render]);
  return ref;
}
