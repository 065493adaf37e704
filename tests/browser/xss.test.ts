/**
 * Text from feeds (and typed by officers) is never rendered as HTML, on any screen that
 * exists: script-bearing alarm, case and camera texts, operator notes and user names are
 * sent through the real ingest and console, then every screen is opened in Chromium, every
 * canvas (map, charts) is hovered in a grid and every listed item is hovered and clicked, so
 * that tooltips, popups and detail cards open. A page-wide observer records any element or
 * event handler that appears from the payloads, even for a moment. It runs once with the
 * Content-Security-Policy bypassed (so the CSP cannot hide a rendering bug) and once with
 * it (which must then report no violation at all).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput, cameraInput, caseInput, minutesAfter } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { act, createUser, login } from '../support/consoleUsers';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { postJson } from '../support/socketWaits';

const run = chromiumAvailable();

/** Each sets window.__xss when it runs; short ones fit 40-character fields. */
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=2</script>';
const SVG = '"><svg onload=window.__xss=3>';
const IFRAME = '<iframe srcdoc="<script>parent.__xss=4</script>">';
const TEMPLATE = "{{constructor.constructor('window.__xss=5')()}}";
const LONG = `${IMG}${SCRIPT}${SVG}${IFRAME}${TEMPLATE}<a href="javascript:window.__xss=6">link</a>`;

/** Installed before any page script: records payload elements and CSP violations as they happen. */
function watchForInjection() {
  const w = window as unknown as { __injected: string[]; __violations: string[] };
  w.__injected = [];
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
  );
  const suspicious = (el: Element): string | null => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' && !el.hasAttribute('src')) return `inline script: ${el.textContent}`;
    if (tag === 'iframe' || tag === 'object' || tag === 'embed') return `${tag}`;
    if (tag === 'img' && el.getAttribute('src') === 'x') return 'img src=x';
    if (tag === 'a' && /^\s*javascript:/i.test(el.getAttribute('href') ?? '')) return 'javascript: link';
    for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) return `${tag} ${a.name}=${a.value}`;
    return null;
  };
  const scan = (root: Element) => {
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      const found = suspicious(el);
      if (found) w.__injected.push(found);
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element) {
        const found = suspicious(r.target);
        if (found) w.__injected.push(found);
      }
      for (const n of Array.from(r.addedNodes)) if (n instanceof Element) scan(n);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

describe.runIf(run)('no feed text is ever HTML (Chromium)', () => {
  let g: GatewayProcess;
  let browser: Browser;
  let wallToken: string;
  const xssAdmin = { username: 'xss-admin', name: IMG, role: 'admin' as const };

  beforeAll(async () => {
    g = await startGatewayProcess();
    browser = await launchChromium();
    const now = new Date().toISOString();
    await postJson(`${g.url}ingest/cameras`, [
      cameraInput({
        id: '51050300001320000009',
        name: IMG,
        source: SVG.slice(0, 40),
        groups: [SCRIPT],
        updatedAt: now,
      }),
    ]);
    await postJson(`${g.url}ingest/alarms`, [
      alarmInput({
        id: 'X-1',
        occurredAt: now,
        severity: 'red',
        category: IMG,
        text: LONG,
        address: SCRIPT,
        cameraId: '51050300001320000009',
      }),
      alarmInput({
        id: 'X-2',
        occurredAt: minutesAfter(now, -1),
        severity: 'yellow',
        category: SVG,
        text: TEMPLATE,
        address: IFRAME,
        assignedTo: IMG,
      }),
      alarmInput({
        id: 'X-3',
        occurredAt: minutesAfter(now, -2),
        severity: 'green',
        category: SCRIPT,
        text: IFRAME,
        state: 'acknowledged',
      }),
      alarmInput({
        id: 'X-4',
        occurredAt: minutesAfter(now, -3),
        severity: 'red',
        category: TEMPLATE.slice(0, 40),
        text: SVG,
      }),
    ]);
    await postJson(`${g.url}ingest/cases`, [
      caseInput({
        id: 'XC-1',
        receivedAt: minutesAfter(now, -100),
        firstResponseDue: minutesAfter(now, 20),
        feedbackDue: minutesAfter(now, 2780),
        summary: LONG,
        handlingUnit: IMG,
        parties: [SCRIPT.slice(0, 40)],
      }),
    ]);
    await createUser(g.url, xssAdmin);
    const session = await login(g.url, xssAdmin.username);
    expect(
      (await act(g.url, session, 'X-2', { action: 'assign', expectedRevision: 0, unit: IMG }, SVG)).status,
    ).toBe(200);
    expect(
      (await act(g.url, session, 'X-4', { action: 'escalate', expectedRevision: 0, reason: SCRIPT })).status,
    ).toBe(200);
    expect(
      (await act(g.url, session, 'X-3', { action: 'close', expectedRevision: 0, note: LONG })).status,
    ).toBe(200);
    await postJson(`${g.url}api/exports`, { kind: 'snapshot', target: 'x' }, session);
    wallToken = (await postJson(`${g.url}api/tokens`, { role: 'wall', label: IMG, wall: 'hall-1' })).body
      .token;
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  /** Hovers every canvas in a grid and every listed item, and clicks the items (detail cards, popups). */
  async function provoke(page: Page) {
    for (const canvas of await page.locator('canvas').all()) {
      const box = await canvas.boundingBox();
      if (!box) continue;
      for (let x = 0.05; x < 1; x += 0.1)
        for (let y = 0.08; y < 1; y += 0.14)
          await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
    }
    const items = page.locator(
      '[data-alarm-id], [data-case-id], [data-camera-id], [data-audit-id], [data-username]',
    );
    for (const item of (await items.all()).slice(0, 60)) {
      if (!(await item.isVisible())) continue;
      await item.hover({ force: true }).catch(() => undefined);
      const select = item.locator('.row-select');
      if ((await select.count()) > 0) await select.click({ force: true }).catch(() => undefined);
    }
    // Let React and the charts commit what the last events caused.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function findings(page: Page) {
    return page.evaluate(() => {
      const w = window as unknown as { __xss?: number; __injected: string[]; __violations: string[] };
      return { xss: w.__xss ?? null, injected: w.__injected, violations: w.__violations };
    });
  }

  async function visitAll(bypassCSP: boolean) {
    const context = await browser.newContext({ bypassCSP, viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(watchForInjection);
    const dialogs: string[] = [];
    const results: Record<string, Awaited<ReturnType<typeof findings>>> = {};
    const visit = async (name: string, path: string, after?: (page: Page) => Promise<void>) => {
      const page = await context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${g.url}${path}`);
      await page.locator('[data-testid="connection-state"][data-state="live"]').first().waitFor();
      await provoke(page);
      await after?.(page);
      results[name] = await findings(page);
      await page.close();
    };
    for (const screen of ['', '&screen=left', '&screen=centre', '&screen=right'])
      await visit(`wall${screen}`, `?token=${wallToken}${screen}`);
    const consoleSteps = async (page: Page) => {
      for (const filter of ['all', 'escalated', 'closed']) {
        await page.locator(`[data-filter="${filter}"]`).click();
        await provoke(page);
      }
      await page.locator('[data-filter="all"]').click();
      await page.locator('[data-alarm-id="X-1"] .row-select').click();
      await page.locator('[data-testid="alarm-detail"][data-alarm-id="X-1"]').waitFor();
      await provoke(page);
      for (const tab of ['审计日志', '用户管理']) {
        await page.getByRole('button', { name: tab }).click();
        await page.locator('[data-audit-id], [data-username]').first().waitFor();
        await provoke(page);
      }
    };
    await visit('console', `console?token=${TEST_ADMIN_TOKEN}`, consoleSteps);
    await context.close();
    return { results, dialogs };
  }

  it('renders every payload as text, with the CSP bypassed', async () => {
    const { results, dialogs } = await visitAll(true);
    expect(Object.keys(results)).toHaveLength(5);
    for (const [name, r] of Object.entries(results)) {
      expect(r.xss, name).toBeNull();
      expect(r.injected, name).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  }, 180_000);

  it('runs under its Content-Security-Policy without a single violation', async () => {
    const { results } = await visitAll(false);
    for (const [name, r] of Object.entries(results)) {
      expect(r.violations, name).toEqual([]);
      expect(r.xss, name).toBeNull();
    }
  }, 180_000);

  it('shows the payloads literally where an officer reads them', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${g.url}console?token=${TEST_ADMIN_TOKEN}`);
    await page
      .locator('[data-testid="console"] [data-testid="connection-state"][data-state="live"]')
      .waitFor();
    await page.locator('[data-filter="all"]').click();
    await page.locator('[data-alarm-id="X-1"] .row-select').click();
    await expect.poll(() => page.locator('[data-testid="alarm-text"]').textContent()).toBe(LONG);
    await page.locator('[data-alarm-id="X-2"] .row-select').click();
    await expect
      .poll(() => page.locator('[data-testid="handling-history"]').textContent())
      .toContain(`派单至 ${IMG}`);
    expect(await page.locator('[data-alarm-id="X-2"] .category').textContent()).toBe(SVG);
    await page.locator('[data-alarm-id="X-3"] .row-select').click();
    await expect.poll(() => page.locator('[data-testid="handling-history"] q').textContent()).toBe(LONG);
    await context.close();
  });
});
