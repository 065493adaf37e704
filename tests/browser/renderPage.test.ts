/**
 * The renderer's contract with a page, in Debian's Chromium: it captures only once the page
 * says it is ready; a page that never gets ready fails with the panels it waited for; a page
 * that cannot draw fails with its reason; a WebGL canvas (the map) is in the PDF, not blank.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumLauncher } from '../../stream-gateway/render/createChromiumLauncher';
import { renderPage } from '../../stream-gateway/render/renderPage';
import { chromiumAvailable } from '../support/browser';
import { readPng } from '../support/readPng';

const run = chromiumAvailable();
const out = mkdtempSync(join(tmpdir(), 'render-page-'));
const page = (body: string) =>
  `data:text/html;charset=utf-8,${encodeURIComponent(`<!doctype html><html><body style="margin:0">${body}</body></html>`)}`;
const base = {
  viewport: { width: 400, height: 300 },
  media: 'screen',
  tz: 'Asia/Shanghai',
  lang: 'zh-CN',
} as const;

describe.runIf(run)('renderPage', () => {
  const launcher = createChromiumLauncher();
  afterAll(() => launcher.close());

  it('prints a WebGL canvas as drawn (Chromium alone prints it blank), and keeps the text as text', async () => {
    const url = page(`<canvas id="c" width="400" height="260"></canvas><p style="margin:0">地图之下的文字</p>
      <script>
        const gl = document.getElementById('c').getContext('webgl');
        gl.clearColor(1, 0, 0, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        requestAnimationFrame(() => document.documentElement.setAttribute('data-render-ready', 'true'));
      </script>`);
    const result = await renderPage(launcher, { ...base, url, output: { format: 'pdf', page: 'viewport' } });
    const file = join(out, 'webgl.pdf');
    writeFileSync(file, result.body);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('地图之下的文字');
    execFileSync('pdftoppm', ['-r', '24', '-png', '-singlefile', file, join(out, 'webgl')]);
    const png = readPng(readFileSync(join(out, 'webgl.png')));
    const o = (Math.floor(png.height / 3) * png.width + Math.floor(png.width / 2)) * png.channels;
    expect([png.pixels[o], png.pixels[o + 1], png.pixels[o + 2]]).toEqual([255, 0, 0]);
  });

  it('waits for the page: a panel still marked data-ready="false" fails the render, naming it', async () => {
    const url = page(`<div data-panel="risk-map"><section data-ready="false">…</section></div>
      <script>
        setInterval(() => document.documentElement.setAttribute('data-render-pending', 'risk-map'), 50);
      </script>`);
    await expect(
      renderPage(launcher, { ...base, url, output: { format: 'png' }, readyTimeoutMs: 1500 }),
    ).rejects.toThrow('the page was not ready after 2 s: risk-map');
  });

  it('a page that cannot draw fails with its reason at once', async () => {
    const url = page(
      `<script>document.documentElement.setAttribute('data-render-failed', 'red-grids: HTTP 500')</script>`,
    );
    const started = Date.now();
    await expect(renderPage(launcher, { ...base, url, output: { format: 'png' } })).rejects.toThrow(
      'the page could not draw: red-grids: HTTP 500',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(launcher.health()).toMatchObject({ state: 'running', launches: 1 });
  });
});
