/** Figures of the video benchmark: percentiles, per-phase summaries, Chromium's CPU time. */
import { readdirSync, readFileSync } from 'node:fs';

export interface TileSample {
  slot: number;
  cameraId: string;
  state: string;
  role: string;
  loads: number;
  stalls: number;
  ttffMs: number | null;
  frames: number;
  dropped: number;
}

export interface PageMetrics {
  heapMB: number;
  nodes: number;
  listeners: number;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export function distribution(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? null,
  };
}

const sum = (tiles: readonly TileSample[], key: 'stalls' | 'frames' | 'dropped') =>
  tiles.reduce((n, t) => n + t[key], 0);

export function summarise(input: {
  name: string;
  seconds: number;
  startTiles: TileSample[];
  endTiles: TileSample[];
  ttffs: number[];
  alarmToLive: number[];
  startMetrics: PageMetrics;
  endMetrics: PageMetrics;
  browserCores: number;
  gatewayCores: number;
}) {
  const stalls = sum(input.endTiles, 'stalls') - sum(input.startTiles, 'stalls');
  const frames = sum(input.endTiles, 'frames') - sum(input.startTiles, 'frames');
  const dropped = sum(input.endTiles, 'dropped') - sum(input.startTiles, 'dropped');
  const tileHours = (input.endTiles.length * input.seconds) / 3600;
  return {
    name: input.name,
    seconds: Math.round(input.seconds),
    tiles: input.endTiles.length,
    ttffMs: distribution(input.ttffs),
    alarmToLiveMs: distribution(input.alarmToLive),
    stalls,
    stallsPerTileHour: tileHours > 0 ? stalls / tileHours : 0,
    frames,
    dropped,
    droppedPct: frames > 0 ? (100 * dropped) / frames : 0,
    heapMB: { start: input.startMetrics.heapMB, end: input.endMetrics.heapMB },
    domNodes: { start: input.startMetrics.nodes, end: input.endMetrics.nodes },
    listeners: { start: input.startMetrics.listeners, end: input.endMetrics.listeners },
    endStates: Object.fromEntries(
      [...new Set(input.endTiles.map((t) => t.state))].map((s) => [
        s,
        input.endTiles.filter((t) => t.state === s).length,
      ]),
    ),
    browserCores: input.browserCores,
    gatewayCores: input.gatewayCores,
  };
}

/** CPU time (clock ticks, 1/100 s) of every process below `rootPid`: the browser we launched. */
export function readChromiumTicks(rootPid: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) start at ") ".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== rootPid) p = parent.get(p);
    if (p === rootPid) total += t;
  }
  return total;
}
