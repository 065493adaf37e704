/**
 * MPEG-TS timestamps (90 kHz PTS/DTS in PES headers, PCR in adaptation fields), found once
 * per pre-encoded segment and shifted per request, so that a 60-second loop of segments
 * plays as one endless stream with steadily increasing timestamps — no discontinuity tags,
 * no encoder per camera.
 */

const PACKET = 188;
const SYNC = 0x47;
/** Timestamps are 33-bit counters that wrap. */
export const TS_WRAP = 2 ** 33;

export interface TimestampField {
  /** Byte offset of the 5-byte PTS/DTS or the 6-byte PCR. */
  offset: number;
  kind: 'pts' | 'pcr';
  /** The 33-bit value (for a PCR, its 90 kHz base). */
  value: number;
}

export function readPts(b: Uint8Array, o: number): number {
  const b0 = b[o] as number;
  const b1 = b[o + 1] as number;
  const b2 = b[o + 2] as number;
  const b3 = b[o + 3] as number;
  const b4 = b[o + 4] as number;
  return ((b0 >> 1) & 0x07) * 2 ** 30 + ((b1 << 7) | (b2 >> 1)) * 2 ** 15 + ((b3 << 7) | (b4 >> 1));
}

export function writePts(b: Uint8Array, o: number, value: number): void {
  const v = ((value % TS_WRAP) + TS_WRAP) % TS_WRAP;
  const high = Math.floor(v / 2 ** 30);
  const mid = Math.floor(v / 2 ** 15) % 2 ** 15;
  const low = v % 2 ** 15;
  b[o] = ((b[o] as number) & 0xf0) | (high << 1) | 1;
  b[o + 1] = mid >> 7;
  b[o + 2] = ((mid & 0x7f) << 1) | 1;
  b[o + 3] = low >> 7;
  b[o + 4] = ((low & 0x7f) << 1) | 1;
}

export function readPcrBase(b: Uint8Array, o: number): number {
  return (
    (b[o] as number) * 2 ** 25 +
    (b[o + 1] as number) * 2 ** 17 +
    (b[o + 2] as number) * 2 ** 9 +
    (b[o + 3] as number) * 2 +
    ((b[o + 4] as number) >> 7)
  );
}

export function writePcrBase(b: Uint8Array, o: number, value: number): void {
  const v = ((value % TS_WRAP) + TS_WRAP) % TS_WRAP;
  b[o] = Math.floor(v / 2 ** 25) & 0xff;
  b[o + 1] = Math.floor(v / 2 ** 17) & 0xff;
  b[o + 2] = Math.floor(v / 2 ** 9) & 0xff;
  b[o + 3] = Math.floor(v / 2) & 0xff;
  // Keep the 6 reserved bits and the extension's top bit.
  b[o + 4] = ((v % 2) << 7) | ((b[o + 4] as number) & 0x7f);
}

/**
 * Every PTS, DTS and PCR in a segment. Throws on a buffer that is not 188-byte MPEG-TS (the
 * segments are our own ffmpeg output, so that is a bug, not bad input).
 * @example findTimestampFields(readFileSync('seg-000.ts')).length // ≈ 2 per frame
 */
export function findTimestampFields(buf: Uint8Array): TimestampField[] {
  if (buf.length % PACKET !== 0) throw new Error(`not MPEG-TS: ${buf.length} bytes is no multiple of 188`);
  const fields: TimestampField[] = [];
  for (let p = 0; p < buf.length; p += PACKET) {
    if (buf[p] !== SYNC) throw new Error(`not MPEG-TS: no sync byte at ${p}`);
    const pusi = ((buf[p + 1] as number) & 0x40) !== 0;
    const afc = ((buf[p + 3] as number) >> 4) & 0x03;
    let payload = p + 4;
    if (afc & 0x02) {
      const afLength = buf[p + 4] as number;
      if (afLength > 0 && ((buf[p + 5] as number) & 0x10) !== 0)
        fields.push({ offset: p + 6, kind: 'pcr', value: readPcrBase(buf, p + 6) });
      payload = p + 5 + afLength;
    }
    if (!(afc & 0x01) || !pusi || payload + 14 > p + PACKET) continue;
    const isPes = buf[payload] === 0 && buf[payload + 1] === 0 && buf[payload + 2] === 1;
    const streamId = buf[payload + 3] as number;
    if (!isPes || streamId < 0xc0 || streamId > 0xef) continue;
    const flags = (buf[payload + 7] as number) >> 6;
    if (flags & 0x02) fields.push({ offset: payload + 9, kind: 'pts', value: readPts(buf, payload + 9) });
    if (flags === 0x03) fields.push({ offset: payload + 14, kind: 'pts', value: readPts(buf, payload + 14) });
  }
  return fields;
}

/** A copy of the segment with every timestamp moved by `delta` ticks of 90 kHz (mod 2^33). */
export function shiftTimestamps(buf: Uint8Array, fields: readonly TimestampField[], delta: number): Buffer {
  const out = Buffer.from(buf);
  for (const f of fields) {
    if (f.kind === 'pts') writePts(out, f.offset, f.value + delta);
    else writePcrBase(out, f.offset, f.value + delta);
  }
  return out;
}
