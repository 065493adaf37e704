import { PassThrough } from 'node:stream';
import type { IPublishPacket } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createAckAfterStore, pubackBytes } from './createAckAfterStore';

const packet = (messageId: number, qos: 0 | 1 = 1): IPublishPacket =>
  ({
    cmd: 'publish',
    topic: 'wall/feeds/alarms',
    payload: Buffer.from(String(messageId)),
    qos,
    messageId,
    dup: false,
    retain: false,
  }) as IPublishPacket;

/** A connection (a real stream) and what was written to it. */
function connection() {
  const stream = new PassThrough();
  const written: Buffer[] = [];
  stream.on('data', (c: Buffer) => written.push(c));
  return { stream, acks: () => Buffer.concat(written) };
}

function setup(options: { maxUnacked?: number } = {}) {
  let conn = connection();
  const stored: string[][] = [];
  let gate: Promise<void> = Promise.resolve();
  let fail: Error | null = null;
  const refused: string[] = [];
  let acked = 0;
  const acks = createAckAfterStore<string>({
    parse: (p) => p.payload.toString(),
    store: async (messages) => {
      await gate;
      if (fail) throw fail;
      stored.push([...messages]);
    },
    stream: () => conn.stream,
    onAcked: (n) => {
      acked += n;
    },
    onRefused: (err) => refused.push(err.message),
    ...options,
  });
  const callbacks: (Error | undefined)[] = [];
  const receive = (p: IPublishPacket) => acks.handleMessage(p, (err) => callbacks.push(err));
  return {
    acks,
    receive,
    callbacks,
    stored,
    refused,
    acked: () => acked,
    conn: () => conn,
    newConnection: () => {
      conn = connection();
    },
    hold: () => {
      let release = () => {};
      gate = new Promise((r) => {
        release = r;
      });
      return release;
    },
    failWith: (err: Error | null) => {
      fail = err;
    },
  };
}

describe('createAckAfterStore', () => {
  it('writes PUBACKs in order only after the batch is stored, and lets mqtt.js read on meanwhile', async () => {
    const t = setup();
    const release = t.hold();
    t.receive(packet(1));
    t.receive(packet(2, 0));
    t.receive(packet(3));
    // mqtt.js was told not to acknowledge, and was let go on at once.
    expect(t.callbacks).toHaveLength(3);
    expect(t.callbacks.every((e) => e instanceof Error)).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(t.conn().acks()).toEqual(Buffer.alloc(0));
    release();
    await t.acks.idle();
    expect(t.stored).toEqual([['1', '2', '3']]);
    expect(t.conn().acks()).toEqual(Buffer.concat([pubackBytes(1), pubackBytes(3)]));
    expect(t.acked()).toBe(2);
  });

  it('acknowledges nothing of a refused batch, drops the connection and takes nothing more until a reset', async () => {
    const t = setup();
    t.failWith(new Error('database is locked'));
    t.receive(packet(7));
    await t.acks.idle();
    expect(t.refused).toEqual(['database is locked']);
    expect(t.conn().stream.destroyed).toBe(true);
    expect(t.acked()).toBe(0);
    t.receive(packet(8));
    await t.acks.idle();
    expect(t.stored).toEqual([]);

    t.failWith(null);
    t.newConnection();
    t.acks.reset();
    t.receive(packet(7));
    await t.acks.idle();
    expect(t.stored).toEqual([['7']]);
    expect(t.conn().acks()).toEqual(pubackBytes(7));
  });

  it('does not acknowledge on a newer connection what came on an older one (the broker redelivers it)', async () => {
    const t = setup();
    const release = t.hold();
    t.receive(packet(5));
    const old = t.conn();
    t.newConnection();
    release();
    await t.acks.idle();
    expect(t.stored).toEqual([['5']]);
    expect(old.acks()).toEqual(Buffer.alloc(0));
    expect(t.conn().acks()).toEqual(Buffer.alloc(0));
  });

  it('stops reading past maxUnacked until a batch is stored', async () => {
    const t = setup({ maxUnacked: 2 });
    const release = t.hold();
    t.receive(packet(1));
    t.receive(packet(2));
    expect(t.callbacks).toHaveLength(1);
    release();
    await t.acks.idle();
    expect(t.callbacks).toHaveLength(2);
    expect(t.conn().acks()).toEqual(Buffer.concat([pubackBytes(1), pubackBytes(2)]));
  });

  it('writes a PUBACK as MQTT 3.1.1 has it', () => {
    expect([...pubackBytes(0x1234)]).toEqual([0x40, 0x02, 0x12, 0x34]);
  });
});
