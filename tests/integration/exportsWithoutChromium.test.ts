/**
 * Where Chromium is missing, exports answer 503 with a one-line reason saying how to install
 * it, the list of generated reports still answers, and `npm run report` fails with that line
 * (exit code 2). No browser needed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCli } from '../support/runReportCli';
import { getJson } from '../support/socketWaits';
import { REPORT_TOKENS, type ReportGateway, startReportGateway } from '../support/startReportGateway';

const NOW = Date.parse('2026-11-25T09:30:00+08:00');
const out = mkdtempSync(join(tmpdir(), 'wall-exports-'));

describe('exports without Chromium', () => {
  let g: ReportGateway;
  beforeAll(async () => {
    g = await startReportGateway({ now: NOW, days: 0, chromiumPath: '/nonexistent/chromium' });
  });
  afterAll(async () => {
    await g?.close();
  });

  it('answer 503 with a one-line reason saying how to install Chromium; the list still answers', async () => {
    for (const path of ['api/reports?range=yesterday&format=pdf', 'api/snapshot?wall=hall-1&screen=left']) {
      const res = await getJson(`${g.url}${path}`, REPORT_TOKENS.officer);
      expect(res.status, path).toBe(503);
      expect(res.body.error).toBe(
        'Chromium not found at /nonexistent/chromium: install it with `apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH)',
      );
    }
    expect((await getJson(`${g.url}api/reports`, REPORT_TOKENS.officer)).body.reports).toEqual([]);
  });

  it('npm run report fails with that line and exit code 2', () => {
    const cli = runReportCli(['--range', 'yesterday', '--out', join(out, 'x.pdf')], {
      DATA_DIR: g.dataDir,
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(cli.status).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      '[report] Chromium not found at /nonexistent/chromium: install it with `apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH)',
    ]);
  });
});
