/**
 * The gateway's one headless Chromium (Debian's, through playwright-core): launched on first
 * use, reused by every snapshot and report (a fresh browser context each, so nothing is shared
 * between renders), relaunched if it crashed, closed when the gateway stops. Renders run one
 * at a time (this is a 2-core machine that also serves the wall); a few more wait their turn
 * and beyond that a caller is told the renderer is busy.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags from STACK-NOTES: software compositing saves a core per chart/video tile; Mesa for WebGL. */
export const CHROMIUM_ARGS = [
  '--disable-gpu-compositing',
  '--autoplay-policy=no-user-gesture-required',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--disable-dev-shm-usage',
];

/** The renderer's own: unhinted glyph metrics, so text in a PDF is spaced as on screen. */
const RENDER_ARGS = [...CHROMIUM_ARGS, '--font-render-hinting=none'];

export const CHROMIUM_INSTALL = 'apt-get install -y chromium fonts-noto-cjk';

/** Why Chromium cannot run here (one line, with how to install it), or null when it can. */
export function chromiumMissingReason(path: string = CHROMIUM_PATH): string | null {
  return existsSync(path)
    ? null
    : `Chromium not found at ${path}: install it with \`${CHROMIUM_INSTALL}\` (or set CHROMIUM_PATH)`;
}

export class RendererUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

export interface ChromiumLauncher {
  /** Opens a page in a fresh context, runs `fn`, closes the context. */
  withPage<T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>): Promise<T>;
  /** Why no browser can start here (missing binary), or null. */
  missing(): string | null;
  health(): {
    state: 'missing' | 'idle' | 'running';
    reason?: string;
    launches: number;
    renders: number;
    failures: number;
    busy: number;
    waiting: number;
    lastLaunchMs: number | null;
  };
  close(): Promise<void>;
}

export interface LauncherOptions {
  executablePath?: string;
  args?: readonly string[];
  /** Pages rendering at once (default 1). */
  concurrency?: number;
  /** Callers that may wait for a turn (default 8); more are refused as busy. */
  maxWaiting?: number;
}

export function createChromiumLauncher(options: LauncherOptions = {}): ChromiumLauncher {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  const concurrency = options.concurrency ?? 1;
  const maxWaiting = options.maxWaiting ?? 8;
  let browser: Promise<Browser> | null = null;
  let closed = false;
  let busy = 0;
  const waiting: (() => void)[] = [];
  const stats = { launches: 0, renders: 0, failures: 0, lastLaunchMs: null as number | null };

  const missing = () => chromiumMissingReason(executablePath);

  function launch(): Promise<Browser> {
    if (browser) return browser;
    const started = Date.now();
    const p = chromium
      .launch({ executablePath, args: [...(options.args ?? RENDER_ARGS)], headless: true })
      .then((b) => {
        stats.launches++;
        stats.lastLaunchMs = Date.now() - started;
        // A crashed or killed browser is launched again on the next render.
        b.on('disconnected', () => {
          if (browser === p) browser = null;
        });
        return b;
      });
    browser = p;
    p.catch(() => {
      if (browser === p) browser = null;
    });
    return p;
  }

  async function turn(): Promise<() => void> {
    if (busy >= concurrency) {
      if (waiting.length >= maxWaiting)
        throw new RendererUnavailableError(
          `the renderer is busy (${busy} rendering, ${waiting.length} waiting)`,
          5,
        );
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    busy++;
    return () => {
      busy--;
      waiting.shift()?.();
    };
  }

  return {
    missing,
    async withPage(contextOptions, fn) {
      if (closed) throw new RendererUnavailableError('the renderer is shut down');
      const reason = missing();
      if (reason) throw new RendererUnavailableError(reason);
      const release = await turn();
      try {
        const b = await launch();
        const context = await b.newContext(contextOptions);
        try {
          const page = await context.newPage();
          const result = await fn(page);
          stats.renders++;
          return result;
        } finally {
          await context.close().catch(() => undefined);
        }
      } catch (err) {
        stats.failures++;
        throw err;
      } finally {
        release();
      }
    },
    health() {
      const reason = missing();
      return {
        state: reason ? 'missing' : browser ? 'running' : 'idle',
        ...(reason ? { reason } : {}),
        ...stats,
        busy,
        waiting: waiting.length,
      };
    },
    async close() {
      closed = true;
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
    },
  };
}
