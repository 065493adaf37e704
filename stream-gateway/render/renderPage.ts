/**
 * Renders one page of the wall-client in the headless browser and captures it: waits for the
 * page's own signal that every panel has drawn its data (never a spinner, a blank panel or a
 * half-drawn map), then takes a PNG or prints a PDF. A page that cannot get ready in time is
 * an error naming the panels still waiting — no picture is better than a wrong one.
 */
import type { Page } from 'playwright-core';
import { RENDER_SIGNAL } from '../../protocol/reports';
import type { ChromiumLauncher } from './createChromiumLauncher';

export interface RenderRequest {
  /** The page to open, token included. */
  url: string;
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
  /** PNG (the whole page), or PDF: A4 pages without margins (the page lays out its own), or one page of the viewport's size. */
  output: { format: 'png' } | { format: 'pdf'; page: 'a4' | 'viewport' };
  /** CSS media: `print` for reports (A4 pages, no screen gaps), `screen` for a wall screen. */
  media: 'print' | 'screen';
  tz: string;
  lang: string;
  /** How long the page may take to draw everything (default 25 s). */
  readyTimeoutMs?: number;
}

export interface RenderResult {
  body: Buffer;
  /** What the page said about itself when ready (pages, figures…). */
  info: Record<string, unknown>;
  ms: number;
}

export class RenderFailedError extends Error {}

type SignalNames = typeof RENDER_SIGNAL;

async function waitForReady(page: Page, timeoutMs: number, problems: string[]): Promise<void> {
  try {
    await page.waitForFunction(
      (s: SignalNames) =>
        document.documentElement.getAttribute(s.ready) === 'true' ||
        document.documentElement.hasAttribute(s.failed),
      RENDER_SIGNAL,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch {
    const pending = await page
      .evaluate((s: SignalNames) => document.documentElement.getAttribute(s.pending) ?? '', RENDER_SIGNAL)
      .catch(() => '');
    const why = problems[0] ? ` (${problems[0]})` : '';
    throw new RenderFailedError(
      `the page was not ready after ${Math.round(timeoutMs / 1000)} s: ${pending || 'nothing drawn'}${why}`,
    );
  }
  const failed = await page.evaluate(
    (s: SignalNames) => document.documentElement.getAttribute(s.failed),
    RENDER_SIGNAL,
  );
  if (failed !== null) throw new RenderFailedError(`the page could not draw: ${failed}`);
}

/**
 * Chromium prints a WebGL canvas (the map: maplibre, deck.gl) blank in a PDF, whatever its
 * buffer settings; a screenshot of it is right. Before printing, each visible canvas is
 * captured as the compositor shows it and an image of it laid over it, in its place.
 */
async function freezeCanvases(page: Page): Promise<number> {
  const canvases = page.locator('canvas');
  const count = await canvases.count();
  let frozen = 0;
  for (let i = 0; i < count; i++) {
    const canvas = canvases.nth(i);
    const box = await canvas.boundingBox();
    if (!box || box.width < 1 || box.height < 1) continue;
    const png = await canvas.screenshot({ type: 'png', animations: 'disabled' });
    await canvas.evaluate(
      (el, src) => {
        const c = el as HTMLCanvasElement;
        const img = document.createElement('img');
        img.src = src;
        img.alt = '';
        img.dataset.frozenCanvas = 'true';
        Object.assign(img.style, {
          position: 'absolute',
          left: `${c.offsetLeft}px`,
          top: `${c.offsetTop}px`,
          width: `${c.offsetWidth}px`,
          height: `${c.offsetHeight}px`,
          pointerEvents: 'none',
        });
        c.after(img);
        return img.decode();
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
    frozen++;
  }
  return frozen;
}

export async function renderPage(launcher: ChromiumLauncher, request: RenderRequest): Promise<RenderResult> {
  const started = Date.now();
  return launcher.withPage(
    {
      viewport: request.viewport,
      deviceScaleFactor: request.deviceScaleFactor ?? 1,
      timezoneId: request.tz,
      locale: request.lang,
    },
    async (page) => {
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(err.message.split('\n')[0] ?? ''));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text().split('\n')[0] ?? '');
      });
      await page.emulateMedia({ media: request.media });
      await page.goto(request.url, { waitUntil: 'domcontentloaded' });
      await waitForReady(page, request.readyTimeoutMs ?? 25_000, problems);
      const info = (await page.evaluate(
        () => (window as { __renderInfo?: unknown }).__renderInfo ?? {},
      )) as Record<string, unknown>;
      let body: Buffer;
      if (request.output.format === 'pdf') await freezeCanvases(page);
      if (request.output.format === 'png') {
        body = await page.screenshot({ type: 'png', fullPage: true, animations: 'disabled', caret: 'hide' });
      } else if (request.output.page === 'a4') {
        body = await page.pdf({
          format: 'A4',
          printBackground: true,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
        });
      } else {
        body = await page.pdf({
          width: `${request.viewport.width}px`,
          height: `${request.viewport.height}px`,
          printBackground: true,
          pageRanges: '1',
        });
      }
      return { body, info, ms: Date.now() - started };
    },
  );
}
