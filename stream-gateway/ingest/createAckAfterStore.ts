/**
 * Acknowledge after store, in batches. mqtt.js hands each incoming message to
 * `client.handleMessage(packet, callback)` and sends the PUBACK when `callback()` is called;
 * waiting there would store one message per round trip (and hold the gateway's event loop in a
 * chain of ticks under load). Instead every message is queued, `callback` is called with an
 * error (mqtt.js then sends no PUBACK and reads on), the queue is stored as one batch per turn
 * of the event loop, and the PUBACKs are written afterwards, in order, on the connection the
 * messages came on (MQTT 3.1.1 §3.4: 0x40, 2, packet id). A message whose connection is gone
 * by then is not acknowledged: the broker sends it again and the store keeps it once (same id
 * and version is a no-op). If the store refuses a batch, nothing of it is acknowledged and the
 * connection is dropped, so the broker redelivers after the reconnect.
 */
import type { Duplex } from 'node:stream';
import type { IPublishPacket } from 'mqtt';

/** A PUBACK packet for `messageId` (MQTT 3.1.1). */
export function pubackBytes(messageId: number): Buffer {
  return Buffer.from([0x40, 0x02, (messageId >> 8) & 0xff, messageId & 0xff]);
}

/** Tells mqtt.js not to send its own PUBACK. */
const ACK_DEFERRED = new Error('acknowledged after the store');

interface Queued<M> {
  message: M;
  /** Set for QoS 1/2: this message needs a PUBACK. */
  messageId: number | undefined;
  stream: Duplex;
}

export interface AckAfterStoreDeps<M> {
  parse(packet: IPublishPacket): M;
  /** Makes a batch durable (in order); rejects if the store refused it. */
  store(messages: readonly M[]): Promise<void>;
  /** The connection messages are arriving on now (null while there is none). */
  stream(): Duplex | null;
  onAcked(count: number): void;
  onRefused(err: Error): void;
  /** Unacknowledged messages at most, before reading more waits for the store. */
  maxUnacked?: number;
  /** Messages per stored batch at most. */
  maxBatch?: number;
}

export interface AckAfterStore {
  /** For `client.handleMessage`. */
  handleMessage(packet: IPublishPacket, callback: (err?: Error) => void): void;
  /** A new connection: messages are taken again after a refusal. */
  reset(): void;
  /** Resolves when every queued message is stored (and acknowledged where possible). */
  idle(): Promise<void>;
  unacked(): number;
}

export function createAckAfterStore<M>(deps: AckAfterStoreDeps<M>): AckAfterStore {
  const maxUnacked = deps.maxUnacked ?? 2000;
  const maxBatch = deps.maxBatch ?? 1000;
  const queue: Queued<M>[] = [];
  let storing = 0;
  let scheduled = false;
  let running: Promise<void> | null = null;
  let refusing = false;
  const waiters: (() => void)[] = [];

  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };

  function ack(batch: readonly Queued<M>[]): void {
    let n = 0;
    for (const q of batch) {
      if (q.messageId === undefined) continue;
      // Only on the connection it came on: on a new one the broker redelivers it instead.
      if (q.stream !== deps.stream() || q.stream.destroyed || !q.stream.writable) continue;
      q.stream.write(pubackBytes(q.messageId));
      n++;
    }
    if (n > 0) deps.onAcked(n);
  }

  async function storeNext(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    storing = batch.length;
    try {
      await deps.store(batch.map((q) => q.message));
      ack(batch);
    } catch (err) {
      refusing = true;
      deps.onRefused(err as Error);
      for (const q of batch) if (q.stream === deps.stream()) q.stream.destroy();
    } finally {
      storing = 0;
    }
  }

  function schedule(): void {
    if (scheduled || running) return;
    scheduled = true;
    // One batch per turn of the event loop: HTTP, sockets and timers get theirs in between.
    setImmediate(() => {
      scheduled = false;
      running = storeNext().finally(() => {
        running = null;
        if (queue.length > 0) schedule();
        else wake();
        if (queue.length + storing < maxUnacked) wake();
      });
    });
  }

  return {
    handleMessage(packet, callback) {
      const stream = deps.stream();
      if (refusing || !stream) {
        callback(ACK_DEFERRED);
        return;
      }
      queue.push({
        message: deps.parse(packet),
        messageId: packet.qos > 0 ? packet.messageId : undefined,
        stream,
      });
      schedule();
      // Backpressure: past the limit, mqtt.js reads the next message once a batch is stored.
      if (queue.length + storing < maxUnacked) callback(ACK_DEFERRED);
      else waiters.push(() => callback(ACK_DEFERRED));
    },
    reset() {
      refusing = false;
    },
    async idle() {
      while (queue.length > 0 || running || scheduled) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    unacked: () => queue.length + storing,
  };
}
