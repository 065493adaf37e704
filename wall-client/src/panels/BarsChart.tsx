import { useMemo } from 'react';
import { type BarRow, buildBarsOption } from '../charts/buildBarsOption';
import { useEChart } from '../charts/useEChart';
import { useRem } from '../trends/usePeriodQuery';

/** A bar chart of rows (one echarts instance for the panel's life; new rows go in with setOption). */
export function BarsChart({
  rows,
  max,
  format,
  labelChars,
  testId,
}: {
  rows: BarRow[] | null;
  max?: number;
  format?: (v: number) => string;
  labelChars?: number;
  testId?: string;
}) {
  const rem = useRem();
  const option = useMemo(
    () =>
      rows
        ? buildBarsOption({
            rows,
            rem,
            ...(max !== undefined ? { max } : {}),
            ...(format ? { format } : {}),
            ...(labelChars ? { labelChars } : {}),
          })
        : null,
    [rows, rem, max, format, labelChars],
  );
  const ref = useEChart(option);
  return (
    <div
      ref={ref}
      className="chart"
      data-testid={testId}
      data-values={rows?.map((r) => `${r.id}=${Math.round(r.value * 10) / 10}`).join(';')}
    />
  );
}
