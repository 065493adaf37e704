import { describe, expect, it } from 'vitest';
import {
  findTimestampFields,
  readPcrBase,
  readPts,
  shiftTimestamps,
  TS_WRAP,
  writePcrBase,
  writePts,
} from './tsTimestamps';

/** One 188-byte packet: adaptation field with a PCR, then a video PES header with PTS and DTS. */
function packet(pcr: number, pts: number, dts: number): Uint8Array {
  const p = new Uint8Array(188).fill(0xff);
  p.set([0x47, 0x41, 0x00, 0x30]); // PUSI, PID 0x100, adaptation + payload
  p[4] = 7; // adaptation field length
  p[5] = 0x10; // PCR flag
  writePcrBase(p, 6, pcr);
  p[10] = (p[10] as number) | 0x7e;
  const pes = 4 + 1 + 7;
  p.set([0, 0, 1, 0xe0, 0, 0, 0x80, 0xc0, 10], pes);
  p[pes + 9] = 0x30;
  writePts(p, pes + 9, pts);
  p[pes + 14] = 0x10;
  writePts(p, pes + 14, dts);
  return p;
}

describe('MPEG-TS timestamps', () => {
  it('reads and writes 33-bit PTS and PCR values, keeping the marker bits', () => {
    const b = new Uint8Array(6);
    b[0] = 0x30;
    writePts(b, 0, TS_WRAP - 1);
    expect(readPts(b, 0)).toBe(TS_WRAP - 1);
    expect((b[0] as number) & 0xf1).toBe(0x31);
    expect((b[2] as number) & 1).toBe(1);
    expect((b[4] as number) & 1).toBe(1);
    writePcrBase(b, 0, 123_456_789);
    expect(readPcrBase(b, 0)).toBe(123_456_789);
  });

  it('finds PCR, PTS and DTS in a packet, and shifts them with wrap-around', () => {
    const p = packet(100_000, 133_200, 126_000);
    const fields = findTimestampFields(p);
    expect(fields.map((f) => [f.kind, f.value])).toEqual([
      ['pcr', 100_000],
      ['pts', 133_200],
      ['pts', 126_000],
    ]);
    const shifted = shiftTimestamps(p, fields, TS_WRAP - 130_000);
    expect(findTimestampFields(shifted).map((f) => f.value)).toEqual([
      TS_WRAP - 30_000,
      3_200,
      TS_WRAP - 4_000,
    ]);
    // The source is left as it was (every request shifts the cached segment anew).
    expect(findTimestampFields(p).map((f) => f.value)).toEqual([100_000, 133_200, 126_000]);
  });

  it('refuses what is not MPEG-TS', () => {
    expect(() => findTimestampFields(new Uint8Array(100))).toThrow(/no multiple of 188/);
    expect(() => findTimestampFields(new Uint8Array(188))).toThrow(/no sync byte/);
  });
});
