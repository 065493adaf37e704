/**
 * Time left (or over) on a deadline as a running clock: `1:05:09`, `0:04:30`, and beyond a
 * day `2天 3:00` / `2 d 3:00` (`dayUnit` from the screen's language). Tabular figures keep it still.
 * @example formatCountdown(3_909_000, '天') // '1:05:09'
 */
export function formatCountdown(ms: number, dayUnit: string): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  if (d > 0) return `${d}${dayUnit} ${h}:${mm}`;
  return `${h}:${mm}:${String(sec).padStart(2, '0')}`;
}
