/**
 * Privacy, end to end: the simulated district (mock-feeds' own generator and ingest
 * client) sends party names, phone numbers and ID numbers — here in half of its alarms and
 * cases — and none of them reaches any API answer, the live socket, any screen (text or
 * attributes, wall and console), or the stored log; their masked forms do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedLine } from '../../protocol/schemas';
import { ID_MASK, PHONE_MASK } from '../../stream-gateway/ingest/maskPersonalData';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { sendSimulatedDistrict } from '../support/simulatedDistrict';
import { followModel, getJson, postJson } from '../support/socketWaits';

const run = chromiumAvailable();

/** Every name, phone and ID number in what the feeds sent. */
function personalData(lines: readonly FeedLine[]): { names: Set<string>; numbers: Set<string> } {
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const line of lines) {
    const data = line.data as { text?: string; summary?: string; parties?: string[] };
    for (const p of data.parties ?? []) if (!p.endsWith('某')) names.add(p);
    const text = `${data.text ?? ''} ${data.summary ?? ''}`;
    for (const m of text.matchAll(/报警人(.+?)，电话/g)) names.add(m[1] as string);
    for (const m of text.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) numbers.add(m[0]);
    for (const m of text.matchAll(/(?<!\d)\d{17}[\dX](?!\d)/g)) numbers.add(m[0]);
  }
  return { names, numbers };
}

function leaks(text: string, data: { names: Set<string>; numbers: Set<string> }): string[] {
  return [...data.names, ...data.numbers].filter((s) => text.includes(s));
}

describe.runIf(run)('privacy: names, phone and ID numbers never reach a screen or an API answer', () => {
  let g: GatewayProcess;
  let browser: Browser;
  let personal: { names: Set<string>; numbers: Set<string> };

  beforeAll(async () => {
    g = await startGatewayProcess();
    browser = await launchChromium();
    const lines = await sendSimulatedDistrict(g.url, {
      hours: 52,
      alarmHours: 6,
      seed: 23,
      personalDataShare: 0.5,
    });
    // A rejected item is kept for the operators: it carries names too.
    const rejected: FeedLine = {
      feed: 'cases',
      data: {
        id: 'BAD-1',
        version: -1,
        parties: ['欧阳娜娜'],
        summary: '欧阳娜娜反映，电话13900001111',
      } as never,
    };
    expect((await postJson(`${g.url}ingest/cases`, rejected.data)).body.rejected).toHaveLength(1);
    personal = personalData([...lines, rejected]);
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  it('the feeds did send personal data (the test has something to find)', () => {
    expect(personal.names.size).toBeGreaterThan(20);
    expect([...personal.numbers].filter((n) => n.length === 11).length).toBeGreaterThan(10);
    expect([...personal.numbers].filter((n) => n.length === 18).length).toBeGreaterThan(2);
  });

  it('no API answer carries them; the masked forms are there', async () => {
    const routes = (await getJson(`${g.url}api/routes`)).body.routes as { method: string; pattern: string }[];
    const readable = routes.filter((r) => r.method === 'GET' && !r.pattern.includes(':'));
    expect(readable.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(['/api/live', '/api/rejected', '/api/audit']),
    );
    const answers: Record<string, string> = {};
    for (const r of readable)
      answers[r.pattern] = await (
        await fetch(`${g.url}${r.pattern.slice(1)}?limit=1000`, {
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        })
      ).text();
    for (const [pattern, text] of Object.entries(answers)) expect(leaks(text, personal), pattern).toEqual([]);
    expect(answers['/api/live']).toContain(PHONE_MASK);
    expect(answers['/api/live']).toContain(ID_MASK);
    expect(answers['/api/live']).toMatch(/报警人[\u4e00-\u9fa5]{1,2}某/);
    expect(answers['/api/rejected']).toContain('欧阳某');
    expect(answers['/metrics']).toMatch(/wall_privacy_masked_total\{feed="cases",field="parties"\} \d+/);
  });

  it('the live socket never carries them', async () => {
    const wall = await postJson(`${g.url}api/tokens`, {
      role: 'wall',
      label: 'privacy wall',
      wall: 'hall-1',
    });
    const follower = followModel(g.url, { token: wall.body.token });
    const model = await follower.until((m) => Object.keys(m.cases).length > 0, 'the snapshot');
    follower.close();
    expect(leaks(JSON.stringify(model), personal)).toEqual([]);
  });

  async function pageText(page: Page): Promise<string> {
    // The whole DOM: text and attributes (titles, data-*, aria labels).
    return page.content();
  }

  it('no screen shows them, in text or attributes: the wall and every console view', async () => {
    const wall = await postJson(`${g.url}api/tokens`, {
      role: 'wall',
      label: 'privacy screen',
      wall: 'hall-1',
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${g.url}?token=${wall.body.token}`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await expect.poll(() => page.locator('[data-case-id]').count()).toBeGreaterThan(0);
    const seen = [await pageText(page)];

    await page.goto(`${g.url}console?token=${TEST_ADMIN_TOKEN}`);
    await page
      .locator('[data-testid="console"] [data-testid="connection-state"][data-state="live"]')
      .waitFor();
    await page.locator('[data-filter="all"]').click();
    await page.getByRole('tab', { name: '全部在办' }).click();
    await expect.poll(() => page.locator('[data-case-id]').count()).toBeGreaterThan(10);
    seen.push(await pageText(page));
    // Open alarms whose text was masked: their full text shows in the detail card.
    const live = (await getJson(`${g.url}api/live`)).body.model.alarms as Record<
      string,
      { id: string; text: string }
    >;
    const maskedIds = new Set(
      Object.values(live)
        .filter((a) => a.text.includes(PHONE_MASK))
        .map((a) => a.id),
    );
    let opened = 0;
    for (const row of await page.locator('.queue-body .queue-row').all()) {
      const id = (await row.getAttribute('data-alarm-id')) ?? '';
      if (!maskedIds.has(id)) continue;
      await row.locator('.row-select').click();
      await expect.poll(() => page.locator('[data-testid="alarm-text"]').textContent()).toContain(PHONE_MASK);
      seen.push(await pageText(page));
      if (++opened >= 5) break;
    }
    expect(opened).toBe(5);
    await page.getByRole('button', { name: '审计日志' }).click();
    await page.locator('[data-audit-id]').first().waitFor();
    seen.push(await pageText(page));
    await page.close();
    for (const text of seen) expect(leaks(text, personal)).toEqual([]);
  });

  it('nothing of them was ever stored', () => {
    const stored = ['wall.db', 'wall.db-wal']
      .map((f) => {
        try {
          return readFileSync(join(g.dataDir, f)).toString('utf8');
        } catch {
          return '';
        }
      })
      .join('\n');
    expect(stored.length).toBeGreaterThan(1000);
    expect(leaks(stored, personal)).toEqual([]);
  });
});
