/**
 * The bench's feed system, a child process of its own (so the clients' work does not slow it
 * down, and the gateway's process is measured alone): it posts alarms to the gateway's HTTP
 * ingest, either at a fixed rate or as fast as the gateway takes them (saturation). The
 * district has `pool` alarms: the n-th item is alarm `n mod pool` at version `n div pool + 1`,
 * so the first pass brings new alarms (every `redEvery`-th one red, published at once) and the
 * next ones their sources' updates, and the live model stays the size of a busy district's.
 * Each item's text carries the moment its request was built (`t=<ms>`), so a client computes
 * feed-to-client latency from what it receives. Driven over IPC: a `FeedCommand` in, a
 * `FeedResult` out.
 */
import { Agent, request } from 'node:http';
import { nowMs } from './benchClock';

export interface FeedCommand {
  type: 'run';
  url: string;
  token: string;
  /** Part of every id: `<prefix>-<k>`. */
  prefix: string;
  /** The first item's running number (go on where the last phase stopped). */
  first: number;
  /** How many distinct alarms the items cycle through. */
  pool: number;
  /** Items per second; 0 = saturation (each of `concurrency` loops posts back to back). */
  rate: number;
  seconds: number;
  /** Items per request at saturation (at a fixed rate: what came due since the last tick). */
  batch: number;
  concurrency: number;
  /** Every `redEvery`-th alarm is a new red alarm (published at once). */
  redEvery: number;
}

export interface FeedResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Requests answered other than 202 (429 throttled, 503 store unavailable…). */
  refused: number;
  requests: number;
  startedAt: number;
  /** When the last answer came. */
  endedAt: number;
  /** The running number the next phase starts at. */
  next: number;
}

const [LON, LAT] = [105.3725, 28.7731];

/** When each alarm of the pool first occurred: its sources' updates keep that time. */
let occurredAt: string[] = [];
let occurredFor = '';

function body(cmd: FeedCommand, first: number, count: number): string {
  const at = nowMs();
  const sent = at.toFixed(3);
  const iso = new Date(at).toISOString();
  const parts: string[] = [];
  if (occurredFor !== cmd.prefix) {
    occurredAt = [];
    occurredFor = cmd.prefix;
  }
  for (let n = first; n < first + count; n++) {
    const red = n % cmd.redEvery === 0;
    const version = Math.floor(n / cmd.pool) + 1;
    const k = n % cmd.pool;
    occurredAt[k] ??= iso;
    // Spread over a few hundred metres so the place lookup sees different points.
    const lon = (LON + ((n % 97) - 48) * 0.0001).toFixed(6);
    const lat = (LAT + ((n % 89) - 44) * 0.0001).toFixed(6);
    parts.push(
      `{"id":"${cmd.prefix}-${k}","occurredAt":"${occurredAt[k]}","channel":"video-analytics","category":"人员聚集","severity":"${red ? 'red' : 'yellow'}","lon":${lon},"lat":${lat},"text":"基准测试：视频分析发现人员异常聚集 t=${sent}","state":"new","version":${version}}`,
    );
  }
  return `[${parts.join(',')}]`;
}

async function feed(cmd: FeedCommand): Promise<FeedResult> {
  const target = new URL('ingest/alarms', cmd.url);
  const agent = new Agent({ keepAlive: true, maxSockets: cmd.concurrency });
  const result: FeedResult = {
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    refused: 0,
    requests: 0,
    startedAt: nowMs(),
    endedAt: 0,
    next: cmd.first,
  };
  let next = cmd.first;
  let inFlight = 0;
  const post = (text: string) =>
    new Promise<void>((resolve) => {
      inFlight++;
      result.requests++;
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            authorization: `Bearer ${cmd.token}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            inFlight--;
            result.endedAt = nowMs();
            if (res.statusCode === 202) {
              const r = JSON.parse(Buffer.concat(chunks).toString()) as {
                accepted: number;
                duplicates: number;
                rejected: unknown[];
              };
              result.accepted += r.accepted;
              result.duplicates += r.duplicates;
              result.rejected += r.rejected.length;
            } else result.refused++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        inFlight--;
        result.refused++;
        resolve();
      });
      req.end(text);
    });

  const endAt = result.startedAt + cmd.seconds * 1000;
  if (cmd.rate === 0) {
    const loop = async () => {
      while (nowMs() < endAt) {
        const first = next;
        next += cmd.batch;
        await post(body(cmd, first, cmd.batch));
      }
    };
    await Promise.all(Array.from({ length: cmd.concurrency }, loop));
  } else {
    // A tick every 25 ms posts what came due (at 2,000/s: 50 alarms, 40 requests/s).
    await new Promise<void>((resolve) => {
      const pending: Promise<void>[] = [];
      const timer = setInterval(() => {
        const now = nowMs();
        const due = Math.floor(((Math.min(now, endAt) - result.startedAt) / 1000) * cmd.rate) - (next - 1);
        if (due > 0 && inFlight < cmd.concurrency) {
          const first = next;
          next += due;
          pending.push(post(body(cmd, first, due)));
        }
        if (now >= endAt) {
          clearInterval(timer);
          void Promise.all(pending).then(() => resolve());
        }
      }, 25);
    });
  }
  agent.destroy();
  result.next = next;
  return result;
}

process.on('message', (cmd: FeedCommand) => {
  if (cmd.type !== 'run') return;
  void feed(cmd).then((r) => process.send?.(r));
});
process.on('disconnect', () => process.exit(0));
