/**
 * The duty console in a browser, for tests: log in at a desk, and optionally hold back what
 * the gateway sends the page (its view falls behind, as a second officer's might) until
 * released.
 */
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { TEST_PASSWORD } from './consoleUsers';

/** Holds what the gateway sends a page while `on`, until `release`. */
export type Freeze = { on: boolean; held: (string | Buffer)[]; page?: WebSocketRoute };

export const release = (f: Freeze): void => {
  f.on = false;
  for (const m of f.held.splice(0)) f.page?.send(m);
};

/** Opens the console in a fresh browser context and logs in; resolves once it is live. */
export async function openConsole(
  browser: Browser,
  url: string,
  username: string,
  desk: string,
  options: { size?: { width: number; height: number }; freeze?: Freeze; password?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: options.size ?? { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const freeze = options.freeze;
  if (freeze)
    await page.routeWebSocket(/socket\.io/, (ws) => {
      freeze.page = ws;
      const server = ws.connectToServer();
      server.onMessage((m) => (freeze.on ? freeze.held.push(m) : ws.send(m)));
    });
  await page.goto(`${url}console?desk=${encodeURIComponent(desk)}`);
  await page.locator('[data-testid="console-login"]').waitFor();
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', options.password ?? TEST_PASSWORD);
  await page.click('button[type="submit"]');
  await page.locator('[data-testid="console"] [data-testid="connection-state"][data-state="live"]').waitFor();
  return page;
}

/** An alarm's row in the console queue. */
export const queueRow = (page: Page, id: string) => page.locator(`[data-alarm-id="${id}"].queue-row`);

/** Selects an alarm in the queue and waits for its detail card. */
export async function selectAlarm(page: Page, id: string): Promise<void> {
  await queueRow(page, id).locator('.row-select').click();
  await page.locator(`[data-testid="alarm-detail"][data-alarm-id="${id}"]`).waitFor();
}
