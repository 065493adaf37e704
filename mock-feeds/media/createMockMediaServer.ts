/**
 * The simulated platform's media server: one live HLS channel per camera, as a GB/T 28181
 * platform's media server hands them out (`/media/<channel id>/index.m3u8`), plus a still
 * (`snapshot.jpg`). Every channel plays one of the pre-encoded patterns with timestamps
 * shifted to wall-clock time, so a thousand channels cost no encoder. Offline cameras and
 * scheduled faults answer 404 or freeze (stall) for a while, like real channels do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CameraStatus } from '../../protocol/schemas';
import {
  buildLivePlaylist,
  DEFAULT_FAULTS,
  type FaultSchedule,
  hash32,
  isSegmentServable,
  LOOP_SEGMENTS,
  liveEdge,
  loopIndex,
  SEGMENT_MS,
  type StreamFault,
  scheduledFault,
} from './buildLivePlaylist';
import { ensureMediaPatterns, type MediaPattern } from './encodeMediaPatterns';
import { shiftTimestamps } from './tsTimestamps';

const CHANNEL_ID = /^[\w-]{1,64}$/;
const SEGMENT_FILE = /^seg-(\d{1,15})\.ts$/;
const TICKS_PER_SEGMENT = (SEGMENT_MS / 1000) * 90_000;

export interface MockMediaOptions {
  cacheDir: string;
  ffmpegPath: string;
  now?: () => number;
  /** Scheduled stalls and 404s; `{ share: 0 }` turns them off (tests, benchmarks). */
  faults?: FaultSchedule;
  log?: (msg: string) => void;
}

export type ForcedFault = 'stall' | 'not-found';

export interface MockMediaServer {
  /** Answers a GET for `<file>` of channel `<camera>` (index.m3u8, seg-<n>.ts, snapshot.jpg). */
  handle(req: IncomingMessage, res: ServerResponse, camera: string, file: string): void;
  /** What the platform knows of a camera: offline and faulty channels answer 404. */
  setCameraStatus(cameraId: string, status: CameraStatus): void;
  /** Forces a fault on a channel until cleared with null (tests, demos). */
  setFault(cameraId: string, fault: ForcedFault | null): void;
  /** Resolves when the patterns are encoded and loaded. */
  ready: Promise<void>;
  health(): Record<string, unknown>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function createMockMediaServer(options: MockMediaOptions): MockMediaServer {
  const now = options.now ?? Date.now;
  const schedule = options.faults ?? DEFAULT_FAULTS;
  const statuses = new Map<string, CameraStatus>();
  const forced = new Map<string, StreamFault>();
  const counts = { playlists: 0, segments: 0, snapshots: 0, notFound: 0, stalled: 0, warming: 0 };
  let patterns: MediaPattern[] | null = null;
  const encoding = ensureMediaPatterns({
    cacheDir: options.cacheDir,
    ffmpegPath: options.ffmpegPath,
    ...(options.log ? { log: options.log } : {}),
  });
  const ready = encoding.ready.then((p) => {
    patterns = p;
  });
  ready.catch(() => undefined);

  const faultOf = (camera: string, nowMs: number): StreamFault | null => {
    const status = statuses.get(camera);
    if (status === 'offline' || status === 'fault') return { kind: 'not-found' };
    return forced.get(camera) ?? scheduledFault(camera, nowMs, schedule);
  };
  const patternOf = (list: MediaPattern[], camera: string) =>
    list[hash32(camera) % list.length] as MediaPattern;

  return {
    ready,
    handle(_req, res, camera, file) {
      const nowMs = now();
      if (!CHANNEL_ID.test(camera)) return send(res, 400, 'text/plain', 'bad channel id');
      if (!patterns) {
        counts.warming++;
        const failed = encoding.state() === 'failed';
        return send(
          res,
          503,
          'text/plain; charset=utf-8',
          failed ? 'media patterns could not be encoded' : 'media server warming up',
          failed ? {} : { 'retry-after': '3' },
        );
      }
      const fault = faultOf(camera, nowMs);
      if (fault?.kind === 'not-found') {
        counts.notFound++;
        return send(res, 404, 'text/plain', 'channel offline', { 'cache-control': 'no-store' });
      }
      const frozenAt = fault?.kind === 'stall' ? fault.sinceMs : nowMs;
      if (fault) counts.stalled++;
      if (file === 'index.m3u8') {
        counts.playlists++;
        return send(res, 200, 'application/vnd.apple.mpegurl', buildLivePlaylist(nowMs, fault), {
          'cache-control': 'no-cache',
        });
      }
      if (file === 'snapshot.jpg') {
        counts.snapshots++;
        const edge = liveEdge(frozenAt);
        return send(res, 200, 'image/jpeg', patternOf(patterns, camera).stills[loopIndex(edge)] as Buffer, {
          'cache-control': 'no-store',
          'x-stream-time': new Date(edge * SEGMENT_MS).toISOString(),
          'access-control-expose-headers': 'x-stream-time',
        });
      }
      const m = SEGMENT_FILE.exec(file);
      const n = m ? Number(m[1]) : Number.NaN;
      if (!m || !isSegmentServable(n, nowMs) || n > liveEdge(frozenAt)) {
        counts.notFound++;
        return send(res, 404, 'text/plain', 'no such segment');
      }
      counts.segments++;
      const pattern = patternOf(patterns, camera);
      const k = loopIndex(n);
      // Segment n plays loop segment k, its timestamps moved by the loops before it.
      const body = shiftTimestamps(
        pattern.segments[k] as Buffer,
        pattern.fields[k] ?? [],
        (n - k) * TICKS_PER_SEGMENT,
      );
      send(res, 200, 'video/mp2t', body, { 'cache-control': 'public, max-age=60' });
    },
    setCameraStatus(cameraId, status) {
      statuses.set(cameraId, status);
    },
    setFault(cameraId, fault) {
      if (fault === null) forced.delete(cameraId);
      else
        forced.set(cameraId, fault === 'stall' ? { kind: 'stall', sinceMs: now() } : { kind: 'not-found' });
    },
    health() {
      return {
        state: patterns ? 'up' : encoding.state() === 'failed' ? 'down' : 'warming',
        patterns: patterns?.length ?? 0,
        loopSeconds: (LOOP_SEGMENTS * SEGMENT_MS) / 1000,
        offlineChannels: [...statuses.values()].filter((s) => s !== 'online').length,
        forcedFaults: forced.size,
        faultShare: schedule.share,
        requests: { ...counts },
      };
    },
  };
}
