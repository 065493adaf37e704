/**
 * Exports in Debian's Chromium, checked with real tools (poppler-utils): on a store seeded
 * with simulated history at a fixed clock, the scheduled daily and weekly reports are written
 * and listed; their PDFs are A4, four pages, fonts embedded, and pdftotext finds the headline
 * figures the API returns for the same period; the same store and clock give the same text;
 * a PNG has the asked width and is not blank; snapshots of wall screens at their canvas size
 * carry the watermark and are audit entries; a wall token may not export; `npm run report`
 * makes a report from the store. (Without Chromium: tests/integration/exportsWithoutChromium.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportManifest } from '../../protocol/reports';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { download, headline, headlineSentences, pdf } from '../support/pdfText';
import { pictureStats, readPng } from '../support/readPng';
import { runReportCli } from '../support/runReportCli';
import { getJson } from '../support/socketWaits';
import {
  REPORT_TOKENS,
  REPORT_USER,
  type ReportGateway,
  startReportGateway,
} from '../support/startReportGateway';

const NOW = Date.parse('2026-11-25T09:30:00+08:00'); // a Wednesday
const DAY = '2026-11-24';
const WEEK = '2026-11-16..2026-11-22';
const out = mkdtempSync(join(tmpdir(), 'wall-exports-'));
const run = chromiumAvailable();

const withoutWatermark = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/导出：|Exported by/.test(l))
    .join('\n');

describe.runIf(run)('exports in Chromium', () => {
  let g: ReportGateway;
  const api = (path: string, token: string = REPORT_TOKENS.admin) => getJson(`${g.url}${path}`, token);

  beforeAll(async () => {
    g = await startReportGateway({ now: NOW, days: 40, schedule: true });
  }, 120_000);
  afterAll(async () => {
    await g?.close();
  });

  it('writes the scheduled daily and weekly reports at start (07:00 has passed) and lists them', async () => {
    await expect
      .poll(async () => ((await api('api/reports')).body.reports as unknown[]).length, { timeout: 90_000 })
      .toBe(2);
    const list = (await api('api/reports')).body;
    expect(list.reports.map((r: { name: string }) => r.name).sort()).toEqual([
      `daily-${DAY}.zh-CN.pdf`,
      'weekly-2026-11-16_2026-11-22.zh-CN.pdf',
    ]);
    expect(list.reports[0]).toMatchObject({ kind: 'daily', pages: 4, by: '定时报告', format: 'pdf' });
    expect(list.schedule).toMatchObject({
      enabled: true,
      at: '07:00',
      lastError: null,
      nextRunAt: new Date(Date.parse('2026-11-26T07:00:00+08:00')).toISOString(),
    });
    const audit = g.audit.query({ action: 'export', limit: 10 });
    expect(audit.map((e) => e.target).sort()).toEqual([`report:daily/${DAY}`, 'report:weekly/2026-11-16']);
  }, 120_000);

  it('the daily report: A4, four pages, CJK fonts embedded, and the figures the API returns', async () => {
    const name = `daily-${DAY}.zh-CN.pdf`;
    const { res, body } = await download(`${g.url}api/reports/${name}`, REPORT_TOKENS.officer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const doc = pdf(body, name);
    expect(doc.pages).toBe(4);
    expect(doc.size).toContain('(A4)');
    expect(doc.fonts.length).toBeGreaterThan(0);
    for (const f of doc.fonts) expect(f.split(/\s+/).at(-5), f).toBe('yes'); // emb
    expect(doc.flat).toContain('日研判');
    expect(doc.flat).toContain('报告期 2026-11-24（星期二）');
    expect(doc.flat).toContain('2026-11-23（星期一）'); // 环比
    expect(doc.flat).toContain('2025-11-24'); // 同比
    for (let n = 1; n <= 4; n++) expect(doc.text.replace(/\s+/g, '')).toContain(`第${n}页/共4页`);

    const summary = (await api(`api/trends/summary?range=${DAY}..${DAY}`)).body;
    for (const sentence of headlineSentences(headline(summary))) expect(doc.flat).toContain(sentence);

    // Every figure of the summary is in the PDF, and those taken straight from the summary
    // API equal its answer.
    const manifest = JSON.parse(
      readFileSync(join(g.dataDir, 'reports', `${name}.json`), 'utf8'),
    ) as ReportManifest;
    expect(manifest.figures.length).toBeGreaterThan(15);
    for (const f of manifest.figures) expect(doc.flat, f.key).toContain(f.text);
    const direct = Object.fromEntries(manifest.figures.map((f) => [f.key, f.value]));
    expect(direct).toMatchObject({
      alarms: summary.current.counts.alarms,
      redAlarms: summary.current.counts.redAlarms,
      cases: summary.current.counts.cases,
      breached: summary.current.counts.breached,
      peaceIndex: summary.current.peaceIndex,
    });
    // The lowest township of the summary is the API's.
    const towns = (await api(`api/trends/areas?range=${DAY}..${DAY}&level=township`)).body.areas as {
      peaceIndex: number;
    }[];
    const lowest = Math.min(...towns.map((a) => a.peaceIndex));
    expect(direct['township.low.index']).toBe(lowest);
    // The download is an export too.
    expect(g.audit.query({ action: 'export', target: `report-file:${name}`, limit: 5 })[0]?.actor?.name).toBe(
      '张三',
    );
  });

  it('the weekly report: 周分析 with the week and its figures', async () => {
    const name = 'weekly-2026-11-16_2026-11-22.zh-CN.pdf';
    const { body } = await download(`${g.url}api/reports/${name}`, REPORT_TOKENS.officer);
    const doc = pdf(body, name);
    expect(doc.pages).toBe(4);
    expect(doc.flat).toContain('周分析');
    expect(doc.flat).toContain('2026-11-16 至 2026-11-22（7 天）');
    const h = headline((await api(`api/trends/summary?range=${WEEK}`)).body);
    expect(doc.flat).toContain(`本期全区接报告警 ${h.alarms} 起`);
    expect(doc.flat).toContain(`全区平安指数 ${h.peaceIndex}`);
  });

  it('the same store and clock give the same report (all but the watermark), made on demand with the watermark of who asked', async () => {
    const { res, body } = await download(
      `${g.url}api/reports?range=${DAY}..${DAY}&format=pdf`,
      REPORT_TOKENS.officer,
    );
    expect(res.status).toBe(200);
    const auditId = Number(res.headers.get('x-audit-id'));
    const again = pdf(body, 'again.pdf');
    const scheduled = pdf(
      readFileSync(join(g.dataDir, 'reports', `daily-${DAY}.zh-CN.pdf`)),
      'scheduled.pdf',
    );
    expect(withoutWatermark(again.raw)).toBe(withoutWatermark(scheduled.raw));
    expect(again.flat).toContain(`导出：张三（值班员）2026-11-25 09:30:00 · 审计 #${auditId}`);
    expect(g.audit.query({ action: 'export', limit: 10 }).find((e) => e.id === auditId)).toMatchObject({
      target: `report:daily/${DAY}`,
      actor: { name: '张三', role: 'officer' },
    });
  });

  it('a PNG report in English has the width asked for, A4 pages stacked, and is not blank', async () => {
    const { res, body } = await download(
      `${g.url}api/reports?range=last-week&format=png&lang=en&width=900`,
      REPORT_TOKENS.officer,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('weekly-2026-11-16_2026-11-22.en.png');
    const png = readPng(body);
    expect(png.width).toBe(900);
    expect(Math.abs(png.height - 4 * 900 * (297 / 210))).toBeLessThan(4);
    const stats = pictureStats(png);
    expect(stats.busyShare).toBeGreaterThan(0.05);
    expect(stats.colours).toBeGreaterThan(50);
  });

  it('a wall token may not export; the refusal is in the audit log', async () => {
    const snap = await getJson(`${g.url}api/snapshot?wall=hall-1&screen=left`, REPORT_TOKENS.wall);
    expect(snap.status).toBe(403);
    const report = await getJson(`${g.url}api/reports?range=yesterday&format=pdf`, REPORT_TOKENS.wall);
    expect(report.status).toBe(403);
    // …but it may read the list of generated reports
    expect((await getJson(`${g.url}api/reports`, REPORT_TOKENS.wall)).status).toBe(200);
    const denied = g.audit.query({ action: 'access.denied', limit: 5 }).map((e) => e.target);
    expect(denied).toContain('route:GET /api/snapshot');
    expect(denied).toContain('route:GET /api/reports?range');
  });

  it('a snapshot is the screen at its canvas size with the footer strip, and an audit entry', async () => {
    const { res, body } = await download(
      `${g.url}api/snapshot?wall=hall-1&screen=left&format=png`,
      REPORT_TOKENS.officer,
    );
    expect(res.status).toBe(200);
    writeFileSync(join(out, 'snapshot-left.png'), body);
    const png = readPng(body);
    expect([png.width, png.height]).toEqual([1920, 1080 + 43]);
    const stats = pictureStats(png);
    expect(stats.busyShare).toBeGreaterThan(0.2);
    expect(stats.colours).toBeGreaterThan(100);
    const auditId = Number(res.headers.get('x-audit-id'));
    const entry = g.audit.query({ action: 'export', limit: 10 }).find((e) => e.id === auditId);
    expect(entry).toMatchObject({
      target: 'snapshot:hall-1/left',
      actor: { name: '张三' },
      detail: { kind: 'snapshot', format: 'png' },
    });

    // The video screen: every tile has its picture or says why not (here no media server, so
    // no online camera has a still) — never a black box, never a tile still loading.
    const right = await download(
      `${g.url}api/snapshot?wall=hall-1&screen=right&format=pdf`,
      REPORT_TOKENS.officer,
    );
    expect(right.res.status).toBe(200);
    const doc = pdf(right.body, 'snapshot-right.pdf');
    expect(doc.pages).toBe(1);
    expect(doc.size).toMatch(/^1440 x 842/);
    expect(doc.flat).toContain('纳溪区综治中心 · 指挥大厅一号墙 · 视频监控');
    // The clock of a fixed-clock gateway moves on by the seconds the render takes.
    expect(doc.flat).toMatch(/实时 · 数据时间 2026\/11\/25 09:3\d:\d\d/);
    expect(doc.flat).toContain(
      `导出：张三（值班员）2026-11-25 09:30:00 · 审计 #${right.res.headers.get('x-audit-id')}`,
    );
    const tileStates =
      doc.flat.match(/视频信号中断|摄像机离线|摄像机故障|未能取得画面|本格暂无摄像机/g) ?? [];
    expect(tileStates.length).toBeGreaterThanOrEqual(16);
  });

  it('answers bad questions with a one-line reason', async () => {
    const officer = REPORT_TOKENS.officer;
    expect((await getJson(`${g.url}api/snapshot?wall=hall-1&screen=nope`, officer)).status).toBe(404);
    const bad = await getJson(`${g.url}api/snapshot?wall=hall-1&screen=left&format=gif`, officer);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^snapshot: format: /);
    const range = await getJson(`${g.url}api/reports?range=someday&format=pdf`, officer);
    expect(range.status).toBe(400);
    expect(range.body.error).toMatch(/unknown range "someday"/);
    expect((await getJson(`${g.url}api/reports/..%2Fwall.db`, officer)).status).toBe(404);
  });

  it('from a wall screen: the S key opens the snapshot dialog; a wall token cannot export, so an officer logs in for this one', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
      await page.goto(`${g.url}?wall=hall-1&screen=left&token=${REPORT_TOKENS.wall}`);
      await page.locator('[data-testid="wall-screen"][data-screen="left"]').waitFor();
      await page.locator('[data-testid="snapshot-button"]').waitFor();
      await page.keyboard.press('s');
      const dialog = page.locator('[data-testid="snapshot-dialog"]');
      await dialog.waitFor();
      await dialog.getByLabel(/风险地图/).check();
      await dialog.getByLabel('PDF').check();
      await dialog.getByPlaceholder('用户名').fill(REPORT_USER.username);
      await dialog.getByPlaceholder('密码').fill(REPORT_USER.password);
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        dialog.getByRole('button', { name: '导出' }).click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/^snapshot-hall-1-centre-20261125-\d{6}\.pdf$/);
      await expect
        .poll(() => dialog.getByTestId('snapshot-status').textContent())
        .toContain(file.suggestedFilename());
      const doc = pdf(readFileSync((await file.path()) as string), 'from-dialog.pdf');
      expect(doc.flat).toContain(`导出：${REPORT_USER.name}（值班员）`);
      // The login was for this export only: the session ended with it.
      await expect
        .poll(() => g.audit.query({ action: 'logout', limit: 1 })[0]?.actor?.name)
        .toBe(REPORT_USER.name);
      const entry = g.audit.query({ action: 'export', limit: 1 })[0];
      expect(entry).toMatchObject({ target: 'snapshot:hall-1/centre', actor: { name: REPORT_USER.name } });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('at the console an officer finds the reports made this morning and downloads one', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
      await page.goto(`${g.url}console`);
      await page.locator('[data-testid="console-login"]').waitFor();
      await page.fill('input[name="username"]', REPORT_USER.username);
      await page.fill('input[name="password"]', REPORT_USER.password);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '报告与截图' }).click();
      const row = page.locator(`[data-report="daily-${DAY}.zh-CN.pdf"]`);
      await row.waitFor();
      expect(await page.locator('.report-row[data-report]').count()).toBe(2);
      await page.screenshot({ path: join(out, 'console-reports.png') });
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 15_000 }),
        row.getByRole('button').click(),
      ]);
      expect(file.suggestedFilename()).toBe(`daily-${DAY}.zh-CN.pdf`);
      expect(pdf(readFileSync((await file.path()) as string), 'console-download.pdf').pages).toBe(4);
      expect(g.audit.query({ action: 'export', limit: 1 })[0]).toMatchObject({
        target: `report-file:daily-${DAY}.zh-CN.pdf`,
        actor: { name: REPORT_USER.name },
      });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('npm run report makes a report from the store in DATA_DIR (the gateway stopped)', async () => {
    await g.close();
    const file = join(out, 'cli-week.png');
    const cli = runReportCli(
      [
        '--range',
        'last-week',
        '--format',
        'png',
        '--width',
        '700',
        '--now',
        new Date(NOW).toISOString(),
        '--out',
        file,
      ],
      { DATA_DIR: g.dataDir },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(
      /\[report\] wrote .*cli-week\.png \(weekly 2026-11-16\.\.2026-11-22, 4 pages, \d+ KB, audit #\d+/,
    );
    const png = readPng(readFileSync(file));
    expect(png.width).toBe(700);
    expect(pictureStats(png).busyShare).toBeGreaterThan(0.05);
  }, 90_000);
});
