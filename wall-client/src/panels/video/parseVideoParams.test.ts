import { describe, expect, it } from 'vitest';
import { parseVideoParams } from './parseVideoParams';

describe('parseVideoParams', () => {
  it('reads layout, decoders, tour groups and interval from the address', () => {
    expect(parseVideoParams('?layout=1%2B5&decoders=6&tour=stations,key-roads&tourSeconds=30')).toEqual({
      layout: '1+5',
      decoders: 6,
      groups: ['stations', 'key-roads'],
      tourSeconds: 30,
    });
  });

  it('falls back to the defaults on missing or bad values, and clamps numbers', () => {
    const p = parseVideoParams('?layout=5x5&decoders=999&tour=<script>&tourSeconds=1.5', { decoders: 4 });
    expect(p.layout).toBe('4x4');
    expect(p.decoders).toBe(64);
    expect(p.groups).toContain('stations');
    expect(p.tourSeconds).toBe(20);
    expect(parseVideoParams('').decoders).toBe(16);
    expect(parseVideoParams('', { decoders: 4 }).decoders).toBe(4);
  });
});
