import { describe, expect, it } from 'vitest';
import type { Place } from '../../live-model/region/types';
import { resolveItem } from './resolveStepData';
import { offsetSeconds, parseScenario } from './scenarioSchema';

const square: Place = {
  id: 'sq',
  name: '广场',
  nameEn: 'Square',
  kind: 'square',
  townshipId: 't1',
  gridId: 'g1',
  lon: 105.37,
  lat: 28.77,
};
const NOW = Date.parse('2026-11-25T12:13:00.000Z');

describe('scenario data', () => {
  it('turns @now tokens into real times', () => {
    expect(
      resolveItem({ a: '@now', b: '@now-47:58:00', c: '@now+0:30', d: 'now' }, NOW, () => undefined),
    ).toEqual({
      a: '2026-11-25T12:13:00.000Z',
      b: '2026-11-23T12:15:00.000Z',
      c: '2026-11-25T12:13:30.000Z',
      d: 'now',
    });
  });
  it('turns @story tokens into real times compressed like the timeline', () => {
    expect(resolveItem({ due: '@story+4:00:00', was: '@story-1:00' }, NOW, () => undefined, 60)).toEqual({
      due: '2026-11-25T12:17:00.000Z',
      was: '2026-11-25T12:12:59.000Z',
    });
  });
  it('places an item near a place of the region pack', () => {
    const r = resolveItem({ id: 'x', near: { place: 'sq', east: 40 } }, NOW, (id) =>
      id === 'sq' ? square : undefined,
    );
    expect(r).not.toHaveProperty('near');
    expect(r.lat).toBe(28.77);
    expect(r.lon as number).toBeGreaterThan(105.37);
    expect(((r.lon as number) - 105.37) * 111_320 * Math.cos((28.77 * Math.PI) / 180)).toBeCloseTo(40, 0);
  });
  it('says which place is unknown', () => {
    expect(() => resolveItem({ near: { place: 'nowhere' } }, NOW, () => undefined)).toThrow(
      'unknown place "nowhere"',
    );
  });
  it('reads offsets', () => {
    expect(offsetSeconds('03:00')).toBe(180);
    expect(offsetSeconds('1:02:03')).toBe(3723);
  });
  it('refuses steps out of time order with a one-line reason', () => {
    const r = parseScenario(
      {
        name: 'x',
        title: 'X',
        steps: [
          { at: '02:00', do: 'wait' },
          { at: '01:00', do: 'wait' },
        ],
      },
      'x.json',
    );
    expect(r).toEqual({ ok: false, reason: 'x.json: steps.1.at: steps must be in time order' });
  });
});
