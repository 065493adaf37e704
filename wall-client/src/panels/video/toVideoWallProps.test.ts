import { describe, expect, it } from 'vitest';
import { toVideoWallProps } from './toVideoWallProps';

describe('toVideoWallProps', () => {
  it('reads layout, decoders, tour groups, interval and panel id from layout-file props', () => {
    expect(
      toVideoWallProps(
        { layout: '1+5', decoders: 6, tour: 'stations, key-roads', tourSeconds: 30, id: 'v2' },
        'right',
      ),
    ).toEqual({
      panel: 'v2',
      layout: '1+5',
      decoders: 6,
      groups: ['stations', 'key-roads'],
      tourSeconds: 30,
    });
  });

  it("takes the foundation's count as a layout, and defaults for missing or bad values", () => {
    expect(toVideoWallProps({ count: 9 }, 'right')).toMatchObject({ layout: '3x3', panel: 'right' });
    const p = toVideoWallProps(
      { layout: '5x5', decoders: 999, tour: '<script>', tourSeconds: 1.5, id: 'a b' },
      'x',
    );
    expect(p).toMatchObject({ layout: '4x4', decoders: 64, tourSeconds: 20, panel: 'video' });
    expect(p.groups).toContain('stations');
    expect(toVideoWallProps({}, 'right').decoders).toBe(16);
  });
});
