/**
 * The simulated cameras' pictures: a few 60-second patterns, encoded once with ffmpeg
 * (H.264 Main 360p, 25 fps, a key frame and a 2-second MPEG-TS segment every 50 frames)
 * plus a JPEG still per segment, cached under `.cache/media/` outside DATA_DIR. Encoding
 * runs in the background at low priority and never holds up the gateway's start.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LOOP_SEGMENTS, SEGMENT_MS } from './buildLivePlaylist';
import { findTimestampFields, type TimestampField } from './tsTimestamps';

const FPS = 25;
const GOP = (FPS * SEGMENT_MS) / 1000;
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const MONO_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

interface PatternSpec {
  id: string;
  /** Burned into the picture (top left), so nobody takes it for a real camera. */
  label: string;
  /** ffmpeg input arguments (lavfi sources) and the filter graph producing `[base]`. */
  inputs: string[];
  graph: string;
}

const lavfi = (source: string) => ['-f', 'lavfi', '-i', source];
const SIZE = 'size=640x360:rate=25';

/** A car: a coloured box overlaid at a position that moves with time `t`. */
const mover = (from: string, input: number, x: string, y: string, to: string) =>
  `[${from}][${input}]overlay=x='${x}':y='${y}':shortest=1[${to}]`;

export const PATTERNS: readonly PatternSpec[] = [
  {
    id: 'road',
    label: '模拟画面 · 道路',
    inputs: [
      ...lavfi(`color=c=#2b2f36:${SIZE}`),
      ...lavfi('color=c=#e0c040:size=70x34:rate=25'),
      ...lavfi('color=c=#c8d2dc:size=96x42:rate=25'),
      ...lavfi('color=c=#c0392b:size=64x30:rate=25'),
    ],
    graph: [
      '[0]drawbox=x=0:y=176:w=640:h=5:color=white@0.7:t=fill,drawbox=x=0:y=60:w=640:h=3:color=white@0.4:t=fill,drawbox=x=0:y=300:w=640:h=3:color=white@0.4:t=fill[r]',
      mover('r', 1, 'mod(t*170\\,780)-80', '200', 'a'),
      mover('a', 2, '640-mod(t*120\\,800)', '110', 'b'),
      mover('b', 3, 'mod(t*240+300\\,760)-70', '240', 'base'),
    ].join(';'),
  },
  {
    id: 'square',
    label: '模拟画面 · 广场',
    inputs: [
      ...lavfi(`color=c=#4a4f45:${SIZE}`),
      ...lavfi('color=c=#f0e6d2:size=14x28:rate=25'),
      ...lavfi('color=c=#7fb3ff:size=14x28:rate=25'),
      ...lavfi('color=c=#ff9f7f:size=14x28:rate=25'),
    ],
    graph: [
      '[0]drawgrid=w=80:h=80:t=2:c=#5d6357[g]',
      mover('g', 1, '320+200*sin(t*0.7)', '180+120*cos(t*0.5)', 'a'),
      mover('a', 2, 'mod(t*45\\,680)-20', '90+20*sin(t)', 'b'),
      mover('b', 3, '600-mod(t*60\\,640)', '260+30*cos(t*1.3)', 'base'),
    ].join(';'),
  },
  { id: 'gate', label: '模拟画面 · 出入口', inputs: lavfi(`testsrc2=${SIZE}`), graph: '[0]null[base]' },
  {
    id: 'market',
    label: '模拟画面 · 市场',
    inputs: lavfi(`life=${SIZE}:mold=10:ratio=0.1:death_color=#0b1a2e:life_color=#46a0ff:seed=7`),
    graph: '[0]null[base]',
  },
];

export const ENCODING = { width: 640, height: 360, fps: FPS, gop: GOP, bitrate: '500k', x264: 'veryfast' };

export interface MediaPattern {
  id: string;
  segments: Buffer[];
  /** Where each segment's timestamps are, found once. */
  fields: TimestampField[][];
  stills: Buffer[];
}

/** The cache folder for the current patterns and ffmpeg settings: any change makes a new one. */
export function mediaCacheDir(root: string): string {
  const key = createHash('sha256')
    .update(JSON.stringify(PATTERNS.map((p) => [p.label, ffmpegArgs(p, '.')])))
    .digest('hex')
    .slice(0, 12);
  return join(root, '.cache', 'media', key);
}

function ffmpegArgs(spec: PatternSpec, dir: string): string[] {
  const seconds = (LOOP_SEGMENTS * SEGMENT_MS) / 1000;
  const text = (file: string, size: number, x: string, y: string, font: string) =>
    `drawtext=fontfile=${font}:${file}:x=${x}:y=${y}:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=6`;
  // The seconds counter equals the wall clock's seconds (loops start on the minute); the
  // tile shows the stream's full wall-clock time from the playlist.
  const overlay = [
    text(`textfile=${join(dir, 'label.txt')}`, 22, '14', '12', CJK_FONT),
    // Top right, under the tile's pin button: the caption covers the bottom of the picture.
    text(
      "text='SIM %{eif\\:mod(t\\,60)\\:d\\:2}.%{eif\\:mod(t*10\\,10)\\:d}'",
      24,
      'w-tw-14',
      '64',
      MONO_FONT,
    ),
  ].join(',');
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...spec.inputs,
    '-filter_complex',
    `${spec.graph};[base]${overlay},format=yuv420p,split=2[v][s];[s]select='not(mod(n\\,${GOP}))'[still]`,
    '-map',
    '[v]',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    ENCODING.x264,
    '-profile:v',
    'main',
    '-g',
    String(GOP),
    '-keyint_min',
    String(GOP),
    '-sc_threshold',
    '0',
    '-b:v',
    ENCODING.bitrate,
    '-maxrate',
    '600k',
    '-bufsize',
    '1000k',
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_MS / 1000),
    '-hls_list_size',
    '0',
    '-hls_segment_filename',
    join(dir, 'seg-%03d.ts'),
    join(dir, 'index.m3u8'),
    '-map',
    '[still]',
    '-t',
    String(seconds),
    '-vsync',
    'vfr',
    '-q:v',
    '6',
    '-start_number',
    '0',
    join(dir, 'still-%03d.jpg'),
  ];
}

function run(ffmpegPath: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    // Low priority: the gateway, the client build and the screens come first.
    if (child.pid) {
      try {
        setPriority(child.pid, 15);
      } catch {
        // not permitted here: run at normal priority
      }
    }
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-2000);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`ffmpeg exited ${code}: ${err.trim().split('\n').at(-1) ?? ''}`)),
    );
  });
}

function loadPattern(id: string, dir: string): MediaPattern {
  const segments: Buffer[] = [];
  const stills: Buffer[] = [];
  for (let k = 0; k < LOOP_SEGMENTS; k++) {
    const n = String(k).padStart(3, '0');
    segments.push(readFileSync(join(dir, `seg-${n}.ts`)));
    stills.push(readFileSync(join(dir, `still-${n}.jpg`)));
  }
  return { id, segments, fields: segments.map(findTimestampFields), stills };
}

async function ensurePattern(spec: PatternSpec, cacheDir: string, ffmpegPath: string): Promise<MediaPattern> {
  const dir = join(cacheDir, spec.id);
  if (!existsSync(join(dir, 'done'))) {
    // Encode beside the cache and rename into place: a cut-off encode never looks done, and
    // two processes encoding at once both end with one complete folder.
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(tmp, { recursive: true });
    try {
      writeFileSync(join(tmp, 'label.txt'), spec.label);
      await run(ffmpegPath, ffmpegArgs(spec, tmp));
      writeFileSync(join(tmp, 'done'), new Date().toISOString());
      if (!existsSync(join(dir, 'done'))) {
        rmSync(dir, { recursive: true, force: true });
        try {
          renameSync(tmp, dir);
        } catch (err) {
          // Another process finished the same pattern a moment earlier: use its copy.
          if (!existsSync(join(dir, 'done'))) throw err;
        }
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return loadPattern(spec.id, dir);
}

export interface PatternEncoding {
  state(): 'encoding' | 'ready' | 'failed';
  ready: Promise<MediaPattern[]>;
}

/**
 * Loads the patterns from the cache, encoding what is missing (one ffmpeg at a time).
 * @example const enc = ensureMediaPatterns({ cacheDir: mediaCacheDir(ROOT), ffmpegPath, log });
 */
export function ensureMediaPatterns(options: {
  cacheDir: string;
  ffmpegPath: string;
  log?: (msg: string) => void;
}): PatternEncoding {
  let state: 'encoding' | 'ready' | 'failed' = 'encoding';
  const missing = PATTERNS.filter((p) => !existsSync(join(options.cacheDir, p.id, 'done')));
  if (missing.length > 0)
    options.log?.(`encoding ${missing.length} simulated camera patterns once (ffmpeg, in the background)…`);
  const ready = (async () => {
    const patterns: MediaPattern[] = [];
    for (const spec of PATTERNS)
      patterns.push(await ensurePattern(spec, options.cacheDir, options.ffmpegPath));
    return patterns;
  })();
  ready.then(
    () => {
      state = 'ready';
      if (missing.length > 0) {
        options.log?.('simulated camera patterns ready');
        pruneOldCaches(options.cacheDir);
      }
    },
    (err: Error) => {
      state = 'failed';
      options.log?.(`simulated camera patterns failed: ${err.message}`);
    },
  );
  return { state: () => state, ready };
}

/** Removes the caches of earlier pattern settings beside the current one. */
function pruneOldCaches(cacheDir: string): void {
  const parent = dirname(cacheDir);
  for (const name of readdirSync(parent))
    if (/^[0-9a-f]{12}$/.test(name) && name !== basename(cacheDir))
      rmSync(join(parent, name), { recursive: true, force: true });
}

/** The ffmpeg that ships with @ffmpeg-installer, or the machine's own. */
export async function findFfmpeg(): Promise<string> {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  try {
    const mod = (await import('@ffmpeg-installer/ffmpeg')) as { path?: string; default?: { path: string } };
    return mod.path ?? mod.default?.path ?? 'ffmpeg';
  } catch {
    return 'ffmpeg';
  }
}
