/**
 * The map benchmark page: builds the synthetic district, mounts one of three maps (ours, or a
 * baseline), reports when the full data set is drawn, then — when the runner says go — applies
 * the change stream for the given time, coalescing whatever accumulated while the main thread
 * was busy into the next batch, as the wall does with the gateway's deltas.
 */
import '../../../wall-client/src/styles/wall.css';
import '../../../wall-client/src/panels/map/mapPanel.css';
import { AttributeManager } from '@deck.gl/core';
import { applyDelta } from '../../../live-model/applyDelta';
import type { Change } from '../../../protocol/messages';
import { createMapController } from '../../../wall-client/src/panels/map/createMapController';
import { drawIconAtlas } from '../../../wall-client/src/panels/map/drawMapImages';
import { type BenchMap, mountMaplibreBaseline, mountNaiveDeckBaseline } from './baselines';
import { createBenchWorld } from './createBenchWorld';

export type BenchMode = 'incremental' | 'maplibre' | 'naive';

export interface PageResult {
  mode: BenchMode;
  generateMs: number;
  firstRenderMs: number;
  loadToRenderMs: number;
  batches: number;
  changes: number;
  applyMs: number[];
  frameMs: number[];
  storeApplyDeltaMs: number[];
  /** deck.gl attribute updates during the update window (0 for the maplibre baseline). */
  attributeMs: number;
  seconds: number;
}

declare global {
  interface Window {
    __bench: {
      phase: 'loading' | 'ready' | 'updates' | 'done' | 'failed';
      result?: PageResult;
      error?: string;
    };
    __benchGo(): void;
  }
}

const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'incremental') as BenchMode;
const seconds = Number(params.get('seconds') ?? 60);
const rate = Number(params.get('rate') ?? 1000);
const batchMs = Number(params.get('batchMs') ?? 200);
const size = {
  points: Number(params.get('points') ?? 100_000),
  cameras: Number(params.get('cameras') ?? 10_000),
  grids: Number(params.get('grids') ?? 2000),
};
window.__bench = { phase: 'loading' };

/**
 * For the record: time deck.gl spends updating layer attributes (running accessors, filling
 * and uploading buffers) — the part a full rebuild repeats for every point and an incremental
 * update does for the changed rows only. Measured by wrapping AttributeManager.update here,
 * in the benchmark page only.
 */
let attributeMs = 0;
const originalUpdate = AttributeManager.prototype.update;
AttributeManager.prototype.update = function timedUpdate(this: AttributeManager, ...args) {
  const t0 = performance.now();
  try {
    return originalUpdate.apply(this, args);
  } finally {
    attributeMs += performance.now() - t0;
  }
};

function mountIncremental(container: HTMLElement, world: ReturnType<typeof createBenchWorld>): BenchMap {
  let resolve: () => void = () => undefined;
  const firstRender = new Promise<void>((r) => {
    resolve = r;
  });
  const controller = createMapController({
    container,
    pack: world.pack,
    lang: 'zh-CN',
    now: params.has('clock') ? () => Number(params.get('clock')) : Date.now,
    atlas: drawIconAtlas(),
    ...(params.has('maxPulses') ? { maxPulses: Number(params.get('maxPulses')) } : {}),
    ...(params.has('pulseFps') ? { pulseFps: Number(params.get('pulseFps')) } : {}),
    onPick: () => undefined,
    onNewRedAlarms: () => undefined,
  });
  // Ready = the base map idle and every deck.gl layer drawn with its data and images.
  controller.subscribe(() => {
    if (controller.getState().ready) resolve();
  });
  controller.reset(world.model);
  return { firstRender, apply: (model, changes) => controller.apply(model, changes) };
}

async function main(): Promise<void> {
  const container = document.getElementById('map') as HTMLElement;
  const g0 = performance.now();
  const world = createBenchWorld(size, 20261125, Date.now());
  const generateMs = performance.now() - g0;
  const t0 = performance.now();
  const mounted =
    mode === 'incremental'
      ? mountIncremental(container, world)
      : mode === 'maplibre'
        ? mountMaplibreBaseline(container, world.pack, world.model)
        : mountNaiveDeckBaseline(container, world.pack, world.model);
  await mounted.firstRender;
  const firstRenderMs = performance.now() - t0;
  const loadToRenderMs = performance.now();
  // Settle: let workers and the first frames finish before the clock starts.
  await new Promise((r) => setTimeout(r, 1500));
  // For the record, before the clock starts: what a screen's store pays to apply one delta of
  // this size to its copy of a model this large (copy-on-write of the touched tables).
  const storeApplyDeltaMs: number[] = [];
  const someAlarms = Object.keys(world.model.alarms).slice(0, Math.round((rate * batchMs) / 1000));
  for (let i = 0; i < 5; i++) {
    const s0 = performance.now();
    applyDelta(world.model, {
      changes: someAlarms.map((id) => ({ collection: 'alarms', id, value: world.model.alarms[id] ?? null })),
      asOf: world.model.asOf,
    });
    storeApplyDeltaMs.push(performance.now() - s0);
  }
  // The change stream is generated before the clock starts, so that the figures measure the
  // map, not the generator (the same for every mode).
  const stream: Change[] = [];
  const chunk = Math.max(1, Math.round((rate * batchMs) / 1000));
  while (stream.length < rate * seconds * 1.3 + chunk) {
    const batch = world.nextBatch(chunk, Date.now());
    for (const change of batch) stream.push(change);
  }
  let cursor = 0;
  window.__bench = { phase: 'ready' };
  await new Promise<void>((r) => {
    window.__benchGo = r;
  });
  window.__bench = { phase: 'updates' };

  const applyMs: number[] = [];
  // Frame durations from the browser's long-animation-frame entries (frames over 50 ms), not
  // from a requestAnimationFrame loop: such a loop would itself keep the main thread busy.
  const frameMs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) frameMs.push(e.duration);
  });
  observer.observe({ type: 'long-animation-frame', buffered: false });
  let batches = 0;
  let changes = 0;
  attributeMs = 0;
  let owed = 0;
  const start = performance.now();
  let last = start;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      if (now - start >= seconds * 1000) {
        observer.disconnect();
        done();
        return;
      }
      // Everything that arrived since the last batch, however long the main thread was busy.
      owed += ((now - last) * rate) / 1000;
      last = now;
      const n = Math.floor(owed);
      owed -= n;
      if (n > 0 && cursor < stream.length) {
        const batch = stream.slice(cursor, cursor + n);
        cursor += batch.length;
        const a0 = performance.now();
        mounted.apply(world.model, batch);
        applyMs.push(performance.now() - a0);
        batches++;
        changes += batch.length;
      }
      setTimeout(tick, Math.max(0, batchMs - (performance.now() - now)));
    };
    setTimeout(tick, batchMs);
  });
  window.__bench = {
    phase: 'done',
    result: {
      mode,
      generateMs,
      firstRenderMs,
      loadToRenderMs,
      batches,
      changes,
      applyMs,
      frameMs,
      storeApplyDeltaMs,
      attributeMs,
      seconds,
    },
  };
}

main().catch((err: Error) => {
  window.__bench = { phase: 'failed', error: err.stack ?? err.message };
});
