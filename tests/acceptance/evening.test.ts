/**
 * ACCEPTANCE.md, end to end: the real gateway on a temporary data directory with a private
 * Mosquitto as its broker, the three screens of hall-1 and two duty consoles in headless
 * Chromium, and the evening-story scenario played compressed in time. The scenario runner
 * hands each step to this test (its story clock held meanwhile), which checks what the step
 * did on every screen — and breaks the broker and the gateway where the story says so.
 * Then the morning: yesterday on the wall, the replay of the evening, the daily report
 * against the API. All the while: no request leaves loopback, no personal data on a screen.
 * Screenshots of each step go to test-artifacts/acceptance/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlarmExpired, isCaseExpired } from '../../live-model/retention';
import { addDays, dayKey, startOfDay } from '../../live-model/zonedTime';
import { loadScenario } from '../../mock-feeds/scenarios/loadScenario';
import { runScenario, type ScenarioRole, type StepOutcome } from '../../mock-feeds/scenarios/runScenario';
import type { ScenarioStep } from '../../mock-feeds/scenarios/scenarioSchema';
import type { AlarmRecord, CaseRecord } from '../../protocol/liveModel';
import { loadRegionPackSync } from '../../stream-gateway/region/loadRegionPack';
import { chromiumAvailable, launchChromium, trackOffHost } from '../support/browser';
import { type Freeze, openConsole, queueRow, release, selectAlarm } from '../support/consolePages';
import { createUser, login } from '../support/consoleUsers';
import {
  type GatewayProcess,
  startGatewayProcess,
  TEST_ADMIN_TOKEN,
  tempDataDir,
  waitForBackfill,
} from '../support/gatewayProcess';
import { download, headline, headlineSentences, pdf } from '../support/pdfText';
import { type PrivateService, serviceAvailable, startPrivateMosquitto } from '../support/privateServices';
import { readPng } from '../support/readPng';
import { followModel, getJson, postJson } from '../support/socketWaits';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = 'test-artifacts/acceptance';
const TZ = 'Asia/Shanghai';
const SPEED = 600;
const ALARM = 'STORY-ALARM-2013';
const CASE = 'STORY-CASE-WAGES';
/** The cameras around the square that can see the alarm, and the one the officer pins. */
const SQUARE_CAMS = ['51050300001320900001', '51050300001320900002'];
const PINNED_CAM = '51050300001320900004';
/** What the story's labour dispute carries: none of it may reach a screen. */
const PERSONAL = ['陈明华', '13812345678', '510503198801011234'];
const WAIT = { timeout: 30_000, interval: 200 };

const run = chromiumAvailable() && serviceAvailable('mosquitto');

function expired(collection: 'alarms' | 'cases' | 'cameras', item: unknown, nowMs: number): boolean {
  if (collection === 'alarms') return isAlarmExpired(item as AlarmRecord, nowMs);
  if (collection === 'cases') return isCaseExpired(item as CaseRecord, nowMs);
  return false;
}

/** Notes in the page (window.seenAt[key], Date.now()) when `selector` first matches. */
async function stampWhen(page: Page, key: string, selector: string): Promise<void> {
  await page.evaluate(
    ([key, selector]) => {
      const w = window as unknown as { seenAt?: Record<string, number> };
      w.seenAt ??= {};
      const seen = w.seenAt;
      const observer = new MutationObserver(() => {
        if (seen[key] !== undefined || !document.querySelector(selector)) return;
        seen[key] = Date.now();
        observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    },
    [key, selector] as const,
  );
}

async function seenAt(page: Page, key: string): Promise<number> {
  const at = await page.evaluate(
    (k) => (window as unknown as { seenAt?: Record<string, number> }).seenAt?.[k],
    key,
  );
  if (at === undefined) throw new Error(`the page never noted ${key}`);
  return at;
}

/** An item's version (alarms, cases) or time (cameras): what a newer copy of it has more of. */
type Stamped = { version?: number; updatedAt?: string } | undefined;
const stamp = (item: Stamped) => (item ? (item.version ?? item.updatedAt ?? '') : -1);

/** The shipped wall layout with a 2x2 video screen that holds still (the tour turns daily). */
function layoutFile(): string {
  const layout = JSON.parse(readFileSync(join(ROOT, 'config/walls.json'), 'utf8'));
  const right = layout.walls[0].screens.find((s: { id: string }) => s.id === 'right');
  right.pages[0].panels.video.props = {
    layout: '2x2',
    decoders: 4,
    tour: 'squares,stations,markets',
    tourSeconds: 86_400,
  };
  const file = join(tempDataDir('wall-acceptance-layout-'), 'walls.json');
  writeFileSync(file, JSON.stringify(layout, null, 2));
  return file;
}

describe.runIf(run)(
  'acceptance: one evening and one morning in the command hall',
  { timeout: 600_000 },
  () => {
    let mosquitto: PrivateService;
    let g: GatewayProcess;
    let env: Record<string, string>;
    let browser: Browser;
    const screens: Record<'left' | 'centre' | 'right', Page> = {} as never;
    let deskA: Page;
    let deskB: Page;
    const freezeB: Freeze = { on: false, held: [] };
    const offHost: string[][] = [];
    /** Every page's DOM at every step (text and attributes), for the privacy check. */
    const seen: string[] = [];
    const tokens = {} as Record<ScenarioRole, string>;
    const figures = { redToday: 0 } as Record<string, number> & { redToday: number };
    let storyStartMs = 0;
    let seqBeforeStory = 0;

    const allPages = () => [screens.left, screens.centre, screens.right, deskA, deskB];
    const map = () => screens.centre.locator('[data-testid="risk-map"]');
    const mapAttr = (name: string) => map().getAttribute(`data-${name}`);
    const tile = (slot: number) => screens.right.locator(`figure.tile[data-slot="${slot}"]`);
    const tileAttr = (slot: number, name: string) => tile(slot).getAttribute(name);
    const channel = (id: string) =>
      screens.centre.locator(`[data-testid="feed-status"] [data-feed="${id}"]`).getAttribute('data-state');
    const count = async (page: Page, selector: string) =>
      Number(((await page.locator(selector).first().textContent()) ?? '').replace(/[^\d]/g, ''));

    async function snap(step: string, ...pages: [string, Page][]): Promise<void> {
      for (const [name, page] of pages)
        await page.screenshot({ path: `${ARTIFACTS}/${step}-${name}.png`, animations: 'disabled' });
      for (const page of allPages()) if (!page.isClosed()) seen.push(await page.content());
    }

    async function openScreen(screen: 'left' | 'centre' | 'right', wallToken: string): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      offHost.push(trackOffHost(page, g.url));
      await page.goto(`${g.url}?wall=hall-1&screen=${screen}&token=${wallToken}`);
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
      return page;
    }

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      mosquitto = await startPrivateMosquitto();
      env = {
        MQTT_URL: mosquitto.url,
        BACKFILL: 'on',
        BACKFILL_DAYS: '10',
        BACKFILL_LOG_DAYS: '2',
        // Cadences at a tenth (video analytics: 3 s), so an outage shows within seconds.
        CADENCE_SCALE: '0.1',
        MOCK_MEDIA: 'on',
        WALL_LAYOUT_FILE: layoutFile(),
        // The daily report of yesterday is made at start (its time has passed today).
        REPORTS: 'on',
        REPORTS_AT: '00:00',
        TZ,
      };
      g = await startGatewayProcess({ env });
      await waitForBackfill(g.url);
      const users = [
        { username: 'duty-a', name: '张伟', role: 'officer' },
        { username: 'duty-b', name: '李娜', role: 'officer' },
        { username: 'leader', name: '王强', role: 'leader' },
      ] as const;
      for (const u of users) await createUser(g.url, u);
      tokens['officer-1'] = await login(g.url, 'duty-a');
      tokens['officer-2'] = await login(g.url, 'duty-b');
      tokens.leader = await login(g.url, 'leader');
      tokens.admin = TEST_ADMIN_TOKEN;
      tokens.feed = (
        await postJson(`${g.url}api/tokens`, { role: 'feed', label: 'camera platform' })
      ).body.token;
      const wallToken = (
        await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'hall-1', wall: 'hall-1' })
      ).body.token;

      browser = await launchChromium();
      for (const s of ['left', 'centre', 'right'] as const) screens[s] = await openScreen(s, wallToken);
      await screens.centre
        .locator('[data-testid="risk-map"][data-ready="true"]')
        .waitFor({ timeout: 90_000 });
      deskA = await openConsole(browser, g.url, 'duty-a', 'console-1');
      deskB = await openConsole(browser, g.url, 'duty-b', 'console-2', { freeze: freezeB });
      offHost.push(trackOffHost(deskA, g.url), trackOffHost(deskB, g.url));
      seqBeforeStory = (await getJson(`${g.url}api/live`)).body.seq;
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await g?.kill();
      await mosquitto?.dispose();
    });

    /** The story's steps, checked as they happen. */
    async function director(outcome: StepOutcome, step: ScenarioStep): Promise<void> {
      expect(outcome, `step ${outcome.index} at ${outcome.at}: ${outcome.detail}`).toMatchObject({
        ok: true,
      });
      switch (step.at) {
        case '00:00': {
          // The cameras are on the wall; the duty officer pins the police-station camera.
          storyStartMs = Date.now();
          await expect.poll(() => screens.right.locator('figure.tile[data-camera-id]').count(), WAIT).toBe(4);
          const pin = await postJson(
            `${g.url}api/video/pins`,
            { wall: 'hall-1', panel: 'right', slot: 1, cameraId: PINNED_CAM },
            tokens['officer-1'],
          );
          expect(pin.status).toBe(200);
          await expect.poll(() => tileAttr(1, 'data-role'), WAIT).toBe('pinned');
          expect(await tileAttr(1, 'data-camera-id')).toBe(PINNED_CAM);
          return;
        }
        case '00:30': {
          // The labour dispute: its feedback deadline is near (amber).
          await expect
            .poll(() => screens.left.locator(`[data-case-id="${CASE}"]`).getAttribute('class'), WAIT)
            .toContain('sla-at-risk');
          expect(await mapAttr('halo-ids')).not.toContain(CASE);
          await screens.left.locator('[data-kpi="redAlarms"] .kpi-value').waitFor();
          figures.redToday = await count(screens.left, '[data-kpi="redAlarms"] .kpi-value');
          // Each screen notes when it first shows the coming alarm (its own clock: the same machine).
          await stampWhen(screens.centre, 'pulse', `[data-testid="risk-map"][data-pulse-ids*="${ALARM}"]`);
          await stampWhen(screens.left, 'list', `.alarm-list [data-alarm-id="${ALARM}"]`);
          await stampWhen(
            screens.right,
            'tile',
            SQUARE_CAMS.map((id) => `figure.tile[data-slot="0"][data-camera-id="${id}"]`).join(','),
          );
          return;
        }
        case '03:00': {
          // 20:13 — the red alarm, over MQTT. The centre pulses and focuses; the grid turns red.
          await expect.poll(() => mapAttr('pulse-ids'), { timeout: 10_000 }).toContain(ALARM);
          await expect
            .poll(
              () => screens.centre.locator('[data-testid="focus-details"]').getAttribute('data-focus'),
              WAIT,
            )
            .toBe(`alarm:${ALARM}`);
          expect(Number(await mapAttr('red-grids'))).toBeGreaterThan(0);
          // The right screen: a camera that sees the square takes the focus tile; the pin stays.
          // (Auto-focus makes the alarm the wall's focus too: its camera holds the tile as the focus.)
          await expect.poll(() => tileAttr(0, 'data-camera-id'), WAIT).toBeOneOf(SQUARE_CAMS);
          expect(['alarm-red', 'focus']).toContain(await tileAttr(0, 'data-role'));
          expect(await tile(0).locator('.tile-badge').textContent()).toContain('人员聚集');
          expect(await tileAttr(1, 'data-camera-id')).toBe(PINNED_CAM);
          expect(await tileAttr(1, 'data-role')).toBe('pinned');
          // The left screen: the alarm heads the list; today's red count ticked up.
          await expect
            .poll(() =>
              screens.left.locator('.alarm-list [data-alarm-id]').first().getAttribute('data-alarm-id'),
            )
            .toBe(ALARM);
          await expect
            .poll(() => count(screens.left, '[data-kpi="redAlarms"] .kpi-value'), WAIT)
            .toBe(figures.redToday + 1);
          // Every screen says the alarm feed is trusted; the video and 110 channels are current.
          for (const page of Object.values(screens))
            expect(
              await page
                .locator('[data-testid="feed-freshness"] [data-feed="alarms"]')
                .getAttribute('data-state'),
            ).toBe('trusted');
          expect(await channel('video-analytics')).toBe('trusted');
          expect(await channel('police-110')).toBe('trusted');
          // Both desks open it; the second desk's screen will lag behind (held messages).
          await selectAlarm(deskA, ALARM);
          await selectAlarm(deskB, ALARM);
          freezeB.on = true;
          await expect.poll(() => tileAttr(0, 'data-state'), WAIT).toBe('live');
          await snap(
            '01-alarm',
            ['left', screens.left],
            ['centre', screens.centre],
            ['right', screens.right],
          );
          // From the feed's stamp (the runner sets occurredAt as it publishes over MQTT) to each screen.
          const stamped = Date.parse((await getJson(`${g.url}api/live`)).body.model.alarms[ALARM].occurredAt);
          figures.mqttToMapPulseMs = (await seenAt(screens.centre, 'pulse')) - stamped;
          figures.mqttToLeftListMs = (await seenAt(screens.left, 'list')) - stamped;
          figures.mqttToVideoTileMs = (await seenAt(screens.right, 'tile')) - stamped;
          console.log(`[acceptance] the red alarm over MQTT on the screens: ${JSON.stringify(figures)}`);
          return;
        }
        case '04:00': {
          // 20:14 — acknowledged at console-1: the pulse stops, the list no longer shows it as new
          // (greyed, or below the alarms still waiting), the camera goes back.
          await expect.poll(() => mapAttr('pulse-ids'), WAIT).not.toContain(ALARM);
          await expect
            .poll(
              () => screens.left.locator(`.alarm-list .alarm-new[data-alarm-id="${ALARM}"]`).count(),
              WAIT,
            )
            .toBe(0);
          await expect
            .poll(() => screens.right.locator('figure.tile[data-role="alarm-red"]').count(), WAIT)
            .toBe(0);
          expect(await tileAttr(1, 'data-camera-id')).toBe(PINNED_CAM);
          await expect
            .poll(
              () => deskA.locator('[data-testid="alarm-detail"] .state-badge').first().textContent(),
              WAIT,
            )
            .toBe('已确认');
          return;
        }
        case '04:10': {
          await expect
            .poll(() => deskA.locator('[data-testid="handling-history"]').textContent(), WAIT)
            .toContain('派单至 安富派出所');
          await snap('02-acknowledged', ['console-1', deskA], ['centre', screens.centre]);
          return;
        }
        case '04:20': {
          // The second officer's desk had not caught up: its click gets who was first, and when.
          expect(await queueRow(deskB, ALARM).getAttribute('data-state')).toBe('new');
          await deskB.click('[data-testid="alarm-detail"] [data-action="acknowledge"]');
          await expect
            .poll(() => deskB.locator('[data-testid="action-notice"]').textContent(), WAIT)
            .toMatch(/^已由 张伟 \(值班员 · console-1\) 于 \d\d:\d\d:\d\d 确认$/);
          await snap('03-conflict', ['console-2', deskB]);
          release(freezeB);
          await expect
            .poll(
              () => deskB.locator('[data-testid="alarm-detail"] .state-badge').first().textContent(),
              WAIT,
            )
            .toBe('已派单');
          // The audit log: who, what, from which console; both refusals are there too.
          const audit = (await getJson(`${g.url}api/audit?target=alarm:${ALARM}`)).body.entries as {
            action: string;
            outcome: string;
            actor: { name: string };
            origin: { console: string | null };
          }[];
          const lines = audit.map((e) => `${e.actor.name} ${e.action} ${e.outcome} ${e.origin.console}`);
          expect(lines).toEqual(
            expect.arrayContaining([
              '张伟 alarm.acknowledge ok console-1',
              '张伟 alarm.assign ok console-1',
              '李娜 alarm.acknowledge conflict console-2',
            ]),
          );
          expect(lines.filter((l) => l.includes('conflict'))).toHaveLength(2);
          return;
        }
        case '20:00':
          await brokerOutage();
          await gatewayKill();
          return;
        case '22:00': {
          // Two cameras offline: the pinned one says so instead of freezing on a last frame.
          await expect.poll(() => tileAttr(1, 'data-state'), WAIT).toBe('offline');
          expect(await tileAttr(1, 'data-role')).toBe('pinned');
          await snap('06-cameras-offline', ['right', screens.right]);
          return;
        }
        case '1:40:00': {
          // The third noise complaint about the same building: a repeat hotspot.
          await expect.poll(async () => Number(await mapAttr('hotspots')), WAIT).toBeGreaterThan(0);
          await snap('07-hotspot', ['centre', screens.centre]);
          return;
        }
        case '4:50:00': {
          // 01:00 — the labour dispute breaches its 48-hour deadline: red, with a halo on the map.
          await expect
            .poll(() => screens.left.locator(`[data-case-id="${CASE}"]`).getAttribute('class'), WAIT)
            .toContain('sla-breached');
          // Deadlines pass on the map by the minute.
          await expect.poll(() => mapAttr('halo-ids'), { timeout: 90_000, interval: 500 }).toContain(CASE);
          await snap('08-sla-breached', ['centre', screens.centre], ['left', screens.left]);
          return;
        }
        case '12:20:00': {
          // 08:30 — yesterday on every screen, with a banner that the wall is not live.
          const yesterday = addDays(dayKey(Date.now(), TZ), -1);
          await screens.left.locator('[data-testid="period-control"][data-choice="yesterday"]').waitFor();
          for (const page of [screens.centre, screens.right]) {
            const banner = page.locator('[data-testid="period-banner"][data-mode="range"]');
            await banner.waitFor();
            expect(await banner.textContent()).toContain(yesterday);
          }
          await screens.left.locator('[data-testid="kpi-trends"][data-range="yesterday"]').waitFor();
          const summary = (await getJson(`${g.url}api/trends/summary?range=yesterday`)).body;
          await expect
            .poll(() => screens.left.locator('[data-kpi="peaceIndex"] .kpi-value').textContent(), WAIT)
            .toBe(summary.current.peaceIndex.toFixed(1));
          await snap('09-yesterday', ['left', screens.left], ['centre', screens.centre]);
          return;
        }
        case '12:40:00':
          for (const page of [screens.centre, screens.right])
            await page.locator('[data-testid="period-banner"]').waitFor({ state: 'detached' });
          await screens.left.locator('[data-testid="period-control"][data-choice="live"]').waitFor();
          return;
        default:
          return;
      }
    }

    /** 20:30 — the broker restarts: the video-alarm channel turns unavailable, then trusted again. */
    async function brokerOutage(): Promise<void> {
      const stopped = Date.now();
      await mosquitto.stop();
      await expect.poll(() => channel('video-analytics'), WAIT).toBe('unavailable');
      figures.outageShownMs = Date.now() - stopped;
      // What the wall has stays, with its age.
      expect(await screens.left.locator('.alarm-list [data-alarm-id]').count()).toBeGreaterThan(0);
      expect(
        await screens.centre
          .locator('[data-testid="feed-status"] [data-feed="video-analytics"] small')
          .textContent(),
      ).toMatch(/\d/);
      expect(await channel('police-110')).toBe('trusted');
      await snap('04-broker-down', ['centre', screens.centre]);
      const restarted = Date.now();
      await mosquitto.start();
      await expect.poll(() => channel('video-analytics'), WAIT).toBe('trusted');
      figures.recoveredMs = Date.now() - restarted;
    }

    /** Then the gateway is killed: the screens say reconnecting and catch up without a reload. */
    async function gatewayKill(): Promise<void> {
      const pages = [screens.left, screens.centre, screens.right, deskA];
      for (const page of pages) await page.evaluate(() => Object.assign(window, { __sameDocument: 'story' }));
      const watcher = followModel(g.url, { token: TEST_ADMIN_TOKEN, wall: 'hall-1' });
      await watcher.until(() => true, 'the snapshot');
      // Accepted right before the kill: these must survive it.
      const last = Array.from({ length: 20 }, (_, i) => ({
        id: `STORY-LATE-${i + 1}`,
        occurredAt: new Date().toISOString(),
        channel: 'police-110',
        category: '纠纷求助',
        severity: 'green',
        lon: 105.37,
        lat: 28.77,
        state: 'new',
        version: 1,
      }));
      const accepted = await postJson(`${g.url}ingest/alarms`, last, tokens.feed);
      expect(accepted.body.accepted).toBe(20);
      const before = (await getJson(`${g.url}api/live`)).body;
      await g.kill('SIGKILL');
      for (const page of pages)
        await expect
          .poll(
            () => page.locator('[data-testid="connection-state"]').first().getAttribute('data-state'),
            WAIT,
          )
          .toBe('reconnecting');
      await snap('05-reconnecting', ['left', screens.left]);
      g = await startGatewayProcess({ dataDir: g.dataDir, port: g.port, env });
      for (const page of pages) {
        await page
          .locator('[data-testid="connection-state"][data-state="live"]')
          .first()
          .waitFor({ timeout: 30_000 });
        expect(
          await page.evaluate(() => (window as unknown as { __sameDocument?: string }).__sameDocument),
        ).toBe('story');
      }
      const after = (await getJson(`${g.url}api/live`)).body;
      expect(after.seq).toBeGreaterThanOrEqual(before.seq);
      // (Items past their retention leave the live model at the restart, by rule; the store keeps them.)
      const restarted = Date.now();
      const lost: string[] = [];
      for (const collection of ['alarms', 'cases', 'cameras'] as const)
        for (const [id, item] of Object.entries(before.model[collection] as Record<string, Stamped>))
          if (!(stamp(after.model[collection][id]) >= stamp(item)) && !expired(collection, item, restarted))
            lost.push(`${collection}/${id}`);
      expect(lost).toEqual([]);
      await watcher.until(
        (m) => m.alarms['STORY-LATE-20'] !== undefined,
        'the alarms accepted before the kill',
      );
      watcher.close();
      await expect
        .poll(() => deskA.locator('[data-testid="alarm-detail"] .state-badge').first().textContent(), WAIT)
        .toBe('已派单');
      await snap('05-caught-up', ['left', screens.left], ['console-1', deskA]);
    }

    it('the evening: alarm, acknowledgement, conflict, outages, the night’s cases — on every screen', async () => {
      const pack = loadRegionPackSync(join(ROOT, 'regions/naxi'));
      const story = runScenario({
        scenario: loadScenario('evening-story'),
        pack,
        gatewayUrl: g.url,
        mqttUrl: mosquitto.url,
        tokens,
        speed: SPEED,
        heartbeatMs: 1000,
        log: () => undefined,
        afterStep: director,
      });
      try {
        const report = await story.done;
        expect(report.failures).toBe(0);
        expect(report.outcomes).toHaveLength(loadScenario('evening-story').steps.length);
      } finally {
        await story.stop();
      }
      console.log(`[acceptance] ${JSON.stringify(figures)}`);
    });

    it('the morning: the replay plays the evening — the alarm, the takeover, the acknowledgement, the outage', async () => {
      // The day the evening was played (the replayable day; a run may cross midnight).
      const today = dayKey(storyStartMs, TZ);
      // The log of the evening holds each part of the story.
      const events: { kind: string; data: unknown }[] = [];
      for (let after = seqBeforeStory; ; ) {
        const page = (await getJson(`${g.url}api/replay/events?day=${today}&after=${after}`)).body;
        events.push(...page.events);
        if (page.next === null) break;
        after = page.next;
      }
      const has = (kind: string, ...parts: string[]) =>
        events.some((e) => e.kind === kind && parts.every((p) => JSON.stringify(e.data).includes(p)));
      expect(has('alarm', ALARM)).toBe(true);
      expect(has('video', ALARM)).toBe(true);
      expect(has('alarm-action', ALARM, 'acknowledge')).toBe(true);
      expect(has('feed-status', 'video-analytics', 'unavailable')).toBe(true);

      // Played at 60x on every screen from a minute before the story began.
      const leader = followModel(g.url, { token: tokens.leader, wall: 'hall-1' });
      await leader.until(() => true, 'the snapshot');
      const from = Math.max(storyStartMs - 60_000, startOfDay(today, TZ));
      const startedAt = new Date(Date.now() - (from - startOfDay(today, TZ)) / 60).toISOString();
      const answer = await leader.socket.timeout(5000).emitWithAck('view:set', {
        period: { mode: 'replay', day: today, speed: 60, startedAt },
        focus: { kind: 'alarm', id: ALARM },
      });
      expect(answer).toMatchObject({ ok: true });
      await screens.centre.locator('[data-testid="period-banner"][data-mode="replay"]').waitFor();
      // The wall's focus on the alarm: its card follows the replayed evening to the assignment.
      const card = screens.centre.locator('[data-testid="focus-details"] .focus-card');
      await expect.poll(() => card.textContent(), { timeout: 60_000, interval: 200 }).toContain('已派单');
      expect(await card.textContent()).toContain('人员聚集');
      await snap('10-replay', ['left', screens.left], ['centre', screens.centre]);
      // Back to live in one key press.
      await screens.centre.keyboard.press('l');
      await screens.centre.locator('[data-testid="period-banner"]').waitFor({ state: 'detached' });
      await screens.left.locator('[data-testid="period-control"][data-choice="live"]').waitFor();
      leader.close();
    });

    it("09:00 — yesterday's daily report is in the list, and its figures are the API's; a PNG of the centre screen", async () => {
      const yesterday = addDays(dayKey(Date.now(), TZ), -1);
      const name = `daily-${yesterday}.zh-CN.pdf`;
      await expect
        .poll(
          async () =>
            ((await getJson(`${g.url}api/reports`, tokens.leader)).body.reports as { name: string }[]).map(
              (r) => r.name,
            ),
          { timeout: 120_000, interval: 1000 },
        )
        .toContain(name);
      const scheduled = await download(`${g.url}api/reports/${name}`, tokens.leader);
      expect(scheduled.res.status).toBe(200);
      expect(pdf(scheduled.body, name).flat).toContain('日研判');
      // The evening changed yesterday's figures (the labour dispute was first answered just after
      // midnight): a report asked for now has the figures the API gives now.
      const { res, body } = await download(`${g.url}api/reports?range=yesterday&format=pdf`, tokens.leader);
      expect(res.status).toBe(200);
      const doc = pdf(body, `now-${name}`);
      expect(doc.pages).toBe(4);
      expect(doc.flat).toContain(`日研判 ${yesterday}`);
      const summary = (await getJson(`${g.url}api/trends/summary?range=yesterday`)).body;
      for (const sentence of headlineSentences(headline(summary))) expect(doc.flat).toContain(sentence);
      writeFileSync(`${ARTIFACTS}/11-${name}`, body);

      const png = await download(`${g.url}api/snapshot?wall=hall-1&screen=centre&format=png`, tokens.leader);
      expect(png.res.status).toBe(200);
      expect(readPng(png.body).width).toBe(1920);
      writeFileSync(`${ARTIFACTS}/12-snapshot-centre.png`, png.body);
    });

    it('all the while: no request left loopback, no personal data on any screen, nothing without a token', async () => {
      for (const page of allPages()) seen.push(await page.content());
      expect(offHost.flat()).toEqual([]);
      for (const text of seen) expect(PERSONAL.filter((p) => text.includes(p))).toEqual([]);
      expect(seen.some((text) => text.includes('陈某'))).toBe(true);
      expect((await getJson(`${g.url}api/live`, null)).status).toBe(401);
    });
  },
);
