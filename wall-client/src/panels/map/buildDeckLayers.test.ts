import { describe, expect, it } from 'vitest';
import { alarmRecord, cameraRecord, T0 } from '../../../../tests/fixtures/feedItems';
import {
  buildCameraLayer,
  buildDensityLayer,
  buildFocusLayer,
  buildIncidentLayer,
  buildPulseLayers,
  densityColor,
  LAYER_IDS,
} from './buildDeckLayers';
import { createSlotTable } from './createSlotTable';
import type { CameraRow, IncidentRow } from './incidentStyle';

/** Node has no canvas; the builders only pass the atlas on. */
const ATLAS = { width: 448, height: 64, data: new Uint8ClampedArray(448 * 64 * 4) } as unknown as ImageData;

type AnyAccessor = (o: unknown, info: { index: number; data: unknown; target: number[] }) => unknown;
const call = (layer: { props: Record<string, unknown> }, name: string, index: number) =>
  (layer.props[name] as AnyAccessor)(undefined, { index, data: layer.props.data, target: [] });

function incidents() {
  const t = createSlotTable<IncidentRow>();
  for (const [i, severity] of (['red', 'yellow', 'green'] as const).entries())
    t.upsert(`alarm:A${i}`, {
      kind: 'alarm',
      id: `A${i}`,
      item: alarmRecord({ id: `A${i}`, severity }),
      position: [105.37 + i / 100, 28.77],
      atMs: Date.parse(T0),
    });
  t.commit();
  return t;
}

describe('buildIncidentLayer', () => {
  it('reads rows by index with stable accessors and passes the changed rows to deck.gl', () => {
    const t = incidents();
    const first = t.data;
    t.upsert('alarm:A1', { ...(t.get('alarm:A1') as IncidentRow), position: [105.4, 28.8] });
    t.commit();
    const layer = buildIncidentLayer({
      data: t.data,
      diff: t.diff,
      atlas: ATLAS,
      colorClockMs: Date.parse(T0),
    });
    expect(layer.id).toBe(LAYER_IDS.incidents);
    expect(layer.props.data).toBe(t.data);
    expect((layer.props as { _dataDiff: typeof t.diff })._dataDiff(t.data, first)).toEqual([
      { startRow: 1, endRow: 2 },
    ]);
    expect(call(layer, 'getPosition', 1)).toEqual([105.4, 28.8]);
    expect(call(layer, 'getIcon', 0)).toBe('triangle');
    expect(call(layer, 'getColor', 0)).toEqual([255, 77, 79, 255]);
    expect(layer.props.updateTriggers).toEqual({ getColor: Date.parse(T0) });
  });

  it('draws a freed row as nothing: size 0 and transparent', () => {
    const t = incidents();
    t.remove('alarm:A2');
    t.commit();
    const layer = buildIncidentLayer({ data: t.data, diff: t.diff, atlas: ATLAS, colorClockMs: 0 });
    expect(call(layer, 'getSize', 2)).toBe(0);
    expect(call(layer, 'getColor', 2)).toEqual([0, 0, 0, 0]);
  });
});

describe('buildCameraLayer', () => {
  it('switches level of detail by a uniform size scale, and is only pickable when zoomed in', () => {
    const t = createSlotTable<CameraRow>();
    t.upsert('c1', { id: 'c1', item: cameraRecord({ status: 'offline' }), position: [105.37, 28.77] });
    t.commit();
    const far = buildCameraLayer({ data: t.data, diff: t.diff, atlas: ATLAS, overview: true });
    const near = buildCameraLayer({ data: t.data, diff: t.diff, atlas: ATLAS, overview: false });
    const scale = (l: typeof far) => (l.props as unknown as { sizeScale: number }).sizeScale;
    expect(scale(far)).toBeLessThan(scale(near));
    expect(far.props.pickable).toBe(false);
    expect(near.props.pickable).toBe(true);
    expect(call(near, 'getIcon', 0)).toBe('camera-offline');
  });
});

describe('buildPulseLayers', () => {
  it('animates two rings out of step through uniforms, on the same data', () => {
    const pulses = [
      { id: 'p', position: [105.37, 28.77] as [number, number], severity: 'red' as const, startMs: 0 },
    ];
    const layers = buildPulseLayers(pulses, 0.25, 2);
    expect(layers).toHaveLength(2);
    const [a, b] = layers.map(
      (l) => l.props as unknown as { data: unknown; radiusScale: number; opacity: number },
    );
    expect(a?.data).toBe(pulses);
    expect(b?.data).toBe(pulses);
    expect(a?.radiusScale).toBeCloseTo(3.6);
    expect(a?.opacity).toBeCloseTo(0.75);
    expect(b?.opacity).toBeCloseTo(0.25);
  });
});

describe('density and focus', () => {
  it('colours denser bins lighter and more opaque', () => {
    const low = densityColor(1, 100);
    const high = densityColor(100, 100);
    expect(high[3]).toBeGreaterThan(low[3]);
    expect(high[0] + high[1] + high[2]).toBeGreaterThan(low[0] + low[1] + low[2]);
    expect(buildDensityLayer([]).id).toBe(LAYER_IDS.density);
  });

  it('draws a focus ring only when something is focused', () => {
    expect(buildFocusLayer(null).props.data).toEqual([]);
    expect(buildFocusLayer([105.37, 28.77]).props.data).toEqual([[105.37, 28.77]]);
  });
});
