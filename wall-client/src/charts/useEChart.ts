import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts';

/**
 * One echarts instance per mounted panel, created once and disposed on unmount; new data
 * goes in with setOption (merged, so nothing is re-created and nothing flickers). Series
 * listed in `replace` are swapped as a whole when their number changes. A ResizeObserver
 * follows the panel's size. Over weeks the number of instances and listeners stays flat.
 */
const SERIES: readonly string[] = ['series'];

export function useEChart(option: ChartOption | null, replace: readonly string[] = SERIES) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (option && chart.current)
      chart.current.setOption(option, { replaceMerge: [...replace], lazyUpdate: true });
  }, [option, replace]);
  return ref;
}
