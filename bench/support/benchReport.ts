/**
 * Shared plumbing of the benchmarks: percentiles, a printed table, JSON under bench/results/,
 * targets checked against the figures, and `--strict` turning a missed target into exit 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Target {
  name: string;
  value: number;
  /** The figure must stay below (max) or reach (min) this bound. */
  max?: number;
  min?: number;
  unit: string;
}

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: process.platform,
  };
}

export function isStrict(argv = process.argv): boolean {
  return argv.includes('--strict');
}

/** Prints the rows and targets, writes `bench/results/<name>.json`, returns whether all targets hold. */
export function report(
  name: string,
  rows: Record<string, string | number>[],
  targets: Target[],
  extra: Record<string, unknown> = {},
): boolean {
  console.table(rows);
  let ok = true;
  for (const t of targets) {
    const pass = (t.max === undefined || t.value <= t.max) && (t.min === undefined || t.value >= t.min);
    ok &&= pass;
    const bound = t.max !== undefined ? `≤ ${t.max}` : `≥ ${t.min}`;
    console.log(
      `${pass ? 'PASS' : 'MISS'}  ${t.name}: ${round(t.value)} ${t.unit} (target ${bound} ${t.unit})`,
    );
  }
  const dir = resolve(import.meta.dirname, '../results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), rows, targets: targets.map((t) => ({ ...t, pass: (t.max === undefined || t.value <= t.max) && (t.min === undefined || t.value >= t.min) })), ...extra }, null, 2)}\n`,
  );
  console.log(`wrote ${file}`);
  return ok;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
