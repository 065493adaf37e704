/**
 * The duty console in real Chromium, the 20:14 scene of ACCEPTANCE.md: an officer logs in,
 * acknowledges the red alarm and assigns it; a second officer whose screen had not caught
 * up yet clicks "acknowledge", is told who was first and when, and then sees it too.
 * Takes the console's screenshots at 1920x1080 and 3840x2160.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput, caseInput, minutesAfter } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium } from '../support/browser';
import {
  type Freeze,
  openConsole as openDesk,
  queueRow,
  release,
  selectAlarm,
} from '../support/consolePages';
import { createUser } from '../support/consoleUsers';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { sendSimulatedDistrict } from '../support/simulatedDistrict';
import { getJson, postJson } from '../support/socketWaits';

const ARTIFACTS = 'test-artifacts';
const run = chromiumAvailable();

describe.runIf(run)('duty console in Chromium', () => {
  let g: GatewayProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    g = await startGatewayProcess();
    browser = await launchChromium();
    await sendSimulatedDistrict(g.url, { hours: 52, alarmHours: 3, seed: 11 });
    const now = new Date().toISOString();
    await postJson(`${g.url}ingest/alarms`, [
      alarmInput({
        id: 'W-RED',
        occurredAt: now,
        severity: 'red',
        category: '人员聚集',
        address: '安富街道中心广场',
        text: '视频分析：广场东侧人员异常聚集，约60人',
      }),
      alarmInput({
        id: 'W-ESC',
        occurredAt: minutesAfter(now, -3),
        severity: 'yellow',
        category: '纠纷求助',
        address: '安富街道水井沟社区',
      }),
    ]);
    await postJson(
      `${g.url}ingest/cases`,
      caseInput({
        id: 'CASE-BREACH',
        receivedAt: minutesAfter(now, -2890),
        firstResponseDue: minutesAfter(now, -2770),
        firstRespondedAt: minutesAfter(now, -2800),
        feedbackDue: minutesAfter(now, -10),
      }),
    );
    await createUser(g.url, { username: 'zhang', name: '张三', role: 'officer' });
    await createUser(g.url, { username: 'li', name: '李四', role: 'officer' });
    await createUser(g.url, { username: 'wang', name: '王领导', role: 'leader' });
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  const openConsole = (
    username: string,
    desk: string,
    size = { width: 1920, height: 1080 },
    freeze?: Freeze,
  ) => openDesk(browser, g.url, username, desk, { size, ...(freeze ? { freeze } : {}) });
  const row = queueRow;
  const select = selectAlarm;

  it('a login with a wrong password is refused; the right one opens the console', async () => {
    const page = await browser.newPage();
    await page.goto(`${g.url}console`);
    await page.fill('input[name="username"]', 'zhang');
    await page.fill('input[name="password"]', 'not-the-password');
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.locator('[data-testid="login-error"]').textContent())
      .toBe('用户名或密码错误');
    await page.close();
  });

  it('acknowledge and assign at one console; the other console, a moment behind, hears who was first', async () => {
    const freeze: Freeze = { on: false, held: [] };
    const a = await openConsole('zhang', '值班台-1');
    const b = await openConsole('li', '值班台-2', undefined, freeze);
    await select(b, 'W-RED');
    await select(a, 'W-RED');

    freeze.on = true;
    await a.click('[data-testid="alarm-detail"] [data-action="acknowledge"]');
    await expect
      .poll(() => a.locator('[data-testid="action-notice"]').textContent())
      .toMatch(/^确认成功 · 审计 #\d+$/);
    await expect
      .poll(() => a.locator('[data-testid="alarm-detail"] .state-badge').first().textContent())
      .toBe('已确认');
    await expect.poll(() => row(a, 'W-RED').count()).toBe(0);

    expect(await row(b, 'W-RED').getAttribute('data-state')).toBe('new');
    await b.click('[data-testid="alarm-detail"] [data-action="acknowledge"]');
    await expect
      .poll(() => b.locator('[data-testid="action-notice"]').textContent())
      .toMatch(/^已由 张三 \(值班员 · 值班台-1\) 于 \d\d:\d\d:\d\d 确认$/);
    expect(await b.locator('[data-testid="action-notice"]').getAttribute('class')).toContain(
      'notice-conflict',
    );
    release(freeze);
    await expect
      .poll(() => b.locator('[data-testid="alarm-detail"] .state-badge').first().textContent())
      .toBe('已确认');

    await a.fill('[data-testid="alarm-detail"] input[list="unit-suggestions"]', '安富街道派出所');
    await a.click('[data-testid="alarm-detail"] [data-action="assign"]');
    await expect
      .poll(() => a.locator('[data-testid="handling-history"]').textContent())
      .toContain('派单至 安富街道派出所');
    expect(await a.locator('[data-testid="handling-history"]').textContent()).toContain(
      '张三（值班台-1） 确认',
    );

    const audit = await getJson(`${g.url}api/audit?target=alarm:W-RED`);
    expect(
      audit.body.entries.map(
        (e: { action: string; outcome: string; actor: { name: string } }) =>
          `${e.actor.name} ${e.action} ${e.outcome}`,
      ),
    ).toEqual(['张三 alarm.assign ok', '李四 alarm.acknowledge conflict', '张三 alarm.acknowledge ok']);

    // An escalation for the leader's screenshot, from the queue's "in progress" and "escalated" tabs.
    await a.locator('[data-filter="new"]').click();
    await select(a, 'W-ESC');
    await a.fill(
      '[data-testid="alarm-detail"] input[aria-label="升级原因（可选）"]',
      '双方情绪激动，需领导协调',
    );
    await a.click('[data-testid="alarm-detail"] [data-action="escalate"]');
    await expect.poll(() => a.locator('[data-testid="alarm-detail"] .state-badge.escalated').count()).toBe(1);
    await a.locator('[data-filter="active"]').click();
    await select(a, 'W-RED');
    // The audible alert: the first click lets the browser play sound, the next one mutes (remembered).
    const sound = a.locator('[data-testid="sound-toggle"]');
    expect(await sound.textContent()).toBe('点击启用提示音');
    await sound.click();
    await expect.poll(() => sound.textContent()).toBe('提示音：开');
    await sound.click();
    await expect.poll(() => sound.textContent()).toBe('提示音：关');
    expect(await a.evaluate(() => localStorage.getItem('console.muted'))).toBe('1');
    await sound.click();
    await expect.poll(() => sound.textContent()).toBe('提示音：开');
    await a.waitForFunction(() => document.fonts.status === 'loaded');
    await a.screenshot({ path: `${ARTIFACTS}/console-1920x1080.png` });
    await a.context().close();
    await b.context().close();
  }, 90_000);

  it('the leader sees the escalation and the audit log at 3840x2160; logging out ends the session', async () => {
    const page = await openConsole('wang', '带班席', { width: 3840, height: 2160 });
    await expect
      .poll(() => page.locator('[data-filter="escalated"]').getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => row(page, 'W-ESC').count()).toBe(1);
    await select(page, 'W-ESC');
    expect(await page.locator('[data-testid="handling-history"]').textContent()).toContain(
      '升级至带班领导（原为黄色）',
    );
    await expect
      .poll(() => page.locator('[data-case-id="CASE-BREACH"] .remaining').textContent())
      .toMatch(/^超 0:1\d:\d\d$/);
    await page.waitForFunction(() => document.fonts.status === 'loaded');
    await page.screenshot({ path: `${ARTIFACTS}/console-3840x2160.png` });

    await page.getByRole('button', { name: '审计日志' }).click();
    await expect
      .poll(() => page.locator('[data-testid="audit-view"] [data-audit-id]').count())
      .toBeGreaterThan(3);
    await page.screenshot({ path: `${ARTIFACTS}/console-audit-3840x2160.png` });
    expect(await page.getByRole('button', { name: '用户管理' }).count()).toBe(0);

    const token = await page.evaluate(
      () => JSON.parse(localStorage.getItem('console.session') ?? '{}').token as string,
    );
    await page.click('[data-testid="logout"]');
    await page.locator('[data-testid="console-login"]').waitFor();
    expect((await getJson(`${g.url}api/live`, token)).status).toBe(401);
    await page.context().close();
  });
});
