/**
 * One tile's live player (hls.js), with no React inside: plays a channel, tells its state,
 * and never lets a frozen picture pass for live. A watchdog checks every second that the
 * picture moves and that the stream's own time (EXT-X-PROGRAM-DATE-TIME) is recent; a
 * stalled or failed stream is torn down and retried with backoff and jitter. Buffers are
 * bounded; `destroy()` frees the decoder and the MediaSource.
 */
import Hls, { ErrorTypes, Events, type HlsConfig } from 'hls.js/light';
import { isSameOrigin } from './isSameOrigin';

export type PlayerState = 'connecting' | 'live' | 'stalled' | 'offline' | 'retrying';

export interface PlayerStatus {
  state: PlayerState;
  /** The stream's wall-clock time at the playhead (ms), from the playlist's date tags. */
  streamTime: number | null;
  /** When the next attempt starts (this screen's clock, ms), while waiting to retry. */
  retryAt: number | null;
}

export interface PlaybackCounters {
  frames: number;
  dropped: number;
  stalls: number;
  loads: number;
  /** Time to first frame of the latest load (ms), null until it shows. */
  ttffMs: number | null;
}

export interface TilePlayerOptions {
  video: HTMLVideoElement;
  url: string;
  token: string | null;
  /** The gateway's clock as this screen knows it (the streams' times come from there). */
  serverNow: () => number;
  onStatus: (status: PlayerStatus) => void;
  /** A stream whose picture is older than this is not live (ms). */
  maxStreamAgeMs?: number;
  /** No movement for this long means stalled (ms). */
  stallAfterMs?: number;
  /** Stalled for this long: tear down and start again (ms). */
  restartAfterMs?: number;
  /** Nothing shown this long after a start: start again (ms). */
  firstFrameTimeoutMs?: number;
  /** Where to count frames, stalls and loads (a tile keeps one across its players). */
  counters?: PlaybackCounters;
}

export interface TilePlayer {
  destroy(): void;
}

export function createPlaybackCounters(): PlaybackCounters {
  return { frames: 0, dropped: 0, stalls: 0, loads: 0, ttffMs: null };
}

const MAX_BACKOFF_MS = 20_000;

function hlsConfig(token: string | null): Partial<HlsConfig> {
  const policy = (ttfb: number, load: number, retries: number) => ({
    default: {
      maxTimeToFirstByteMs: ttfb,
      maxLoadTimeMs: load,
      timeoutRetry: { maxNumRetry: retries, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: retries, retryDelayMs: 500, maxRetryDelayMs: 2000 },
    },
  });
  return {
    enableWorker: true,
    lowLatencyMode: false,
    // Bounded buffers: a wall runs for weeks.
    backBufferLength: 4,
    maxBufferLength: 8,
    maxMaxBufferLength: 12,
    maxBufferSize: 6 * 1000 * 1000,
    liveSyncDurationCount: 2,
    liveMaxLatencyDurationCount: 5,
    maxLiveSyncPlaybackRate: 1.25,
    startFragPrefetch: true,
    manifestLoadPolicy: policy(4000, 8000, 1),
    playlistLoadPolicy: policy(4000, 8000, 2),
    fragLoadPolicy: policy(5000, 10_000, 2),
    // The screen's token goes to the gateway only, never to another origin's media server.
    xhrSetup: (xhr, url) => {
      if (token && isSameOrigin(url)) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    },
  };
}

export function createTilePlayer(options: TilePlayerOptions): TilePlayer {
  const { video } = options;
  // Normal latency here is 4–7 s (two 2-second segments behind the live edge).
  const maxAge = options.maxStreamAgeMs ?? 12_000;
  const stallAfter = options.stallAfterMs ?? 3000;
  const restartAfter = options.restartAfterMs ?? 6000;
  const firstFrameTimeout = options.firstFrameTimeoutMs ?? 12_000;
  const counters = options.counters ?? createPlaybackCounters();
  let hls: Hls | null = null;
  let destroyed = false;
  let failures = 0;
  let startedAt = 0;
  let shown = false;
  let lastTime = -1;
  let lastMoveAt = 0;
  let stalledSince: number | null = null;
  let mediaRecoveries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let status: PlayerStatus = { state: 'connecting', streamTime: null, retryAt: null };

  const report = (next: PlayerStatus) => {
    if (
      next.state === status.state &&
      next.retryAt === status.retryAt &&
      Math.floor((next.streamTime ?? 0) / 1000) === Math.floor((status.streamTime ?? 0) / 1000)
    )
      return;
    status = next;
    options.onStatus(next);
  };

  const teardown = () => {
    const q = hls ? video.getVideoPlaybackQuality?.() : undefined;
    if (q) {
      counters.frames += q.totalVideoFrames;
      counters.dropped += q.droppedVideoFrames;
    }
    hls?.destroy();
    hls = null;
    // Let go of the MediaSource and the decoder now, not at the next garbage collection.
    video.removeAttribute('src');
    video.load();
  };

  const retry = (state: PlayerState) => {
    teardown();
    failures++;
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures - 1, 5));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    report({ state, streamTime: status.streamTime, retryAt: Date.now() + delay });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      start();
    }, delay);
  };

  const onFirstFrame = () => {
    if (shown || !hls) return;
    shown = true;
    counters.ttffMs = Math.round(performance.now() - startedAt);
    lastMoveAt = performance.now();
    // A restarted stream may show an old picture (a frozen playlist): judge it at once.
    check();
  };

  function start(): void {
    if (destroyed) return;
    counters.loads++;
    counters.ttffMs = null;
    startedAt = performance.now();
    shown = false;
    lastTime = -1;
    stalledSince = null;
    mediaRecoveries = 0;
    report({ state: failures > 0 ? status.state : 'connecting', streamTime: null, retryAt: null });
    const h = new Hls(hlsConfig(options.token));
    hls = h;
    h.on(Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
    h.on(Events.ERROR, (_event, data) => {
      if (!data.fatal || hls !== h) return;
      if (data.type === ErrorTypes.MEDIA_ERROR && mediaRecoveries < 1) {
        mediaRecoveries++;
        h.recoverMediaError();
        return;
      }
      // 404: the channel is gone; 503: the media server is still warming up (first start).
      const code = data.response?.code;
      retry(
        code === 404 || code === 410
          ? 'offline'
          : code === 503 && status.state === 'connecting'
            ? 'connecting'
            : status.state === 'stalled'
              ? 'stalled'
              : 'retrying',
      );
    });
    h.loadSource(options.url);
    h.attachMedia(video);
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(onFirstFrame);
  }

  const onPlaying = () => {
    if (!('requestVideoFrameCallback' in video)) onFirstFrame();
  };
  video.addEventListener('playing', onPlaying);

  /** The picture must move, and the stream's own time must be recent; else it is stalled. */
  function check(): void {
    if (!hls || destroyed) return;
    const now = performance.now();
    const t = video.currentTime;
    if (t !== lastTime) {
      lastTime = t;
      lastMoveAt = now;
    }
    if (!shown) {
      if (now - startedAt > firstFrameTimeout)
        retry(status.state === 'connecting' ? 'retrying' : status.state);
      return;
    }
    const streamTime = hls.playingDate?.getTime() ?? null;
    const stale = streamTime !== null && options.serverNow() - streamTime > maxAge;
    const stuck = now - lastMoveAt > stallAfter;
    if (stale || stuck) {
      if (stalledSince === null) {
        stalledSince = now;
        counters.stalls++;
      }
      if (now - stalledSince > restartAfter) retry('stalled');
      else report({ state: 'stalled', streamTime, retryAt: null });
      return;
    }
    stalledSince = null;
    failures = 0;
    report({ state: 'live', streamTime, retryAt: null });
  }
  const watchdog = setInterval(check, 1000);

  start();

  return {
    destroy() {
      destroyed = true;
      clearInterval(watchdog);
      if (retryTimer) clearTimeout(retryTimer);
      video.removeEventListener('playing', onPlaying);
      teardown();
    },
  };
}
