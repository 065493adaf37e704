/**
 * Debian's Chromium through playwright-core (no browser download). Where Chromium is
 * missing, browser tests skip with a clear message — except under WALL_STRICT=1 (CI), where
 * that is a failure.
 */
import { type Browser, chromium, type LaunchOptions, type Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumMissingReason,
} from '../../stream-gateway/render/createChromiumLauncher';

export { CHROMIUM_ARGS, CHROMIUM_PATH };
export const STRICT = process.env.WALL_STRICT === '1';

/** Whether browser tests can run here; throws under WALL_STRICT=1 when they cannot. */
export function chromiumAvailable(): boolean {
  const reason = chromiumMissingReason(CHROMIUM_PATH);
  if (reason === null) return true;
  if (STRICT) throw new Error(`WALL_STRICT=1: ${reason}`);
  console.warn(`skipped: ${reason}`);
  return false;
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });
}

/**
 * Records every request of a page that goes anywhere but the gateway (`origin`): nothing
 * may leave the machine's network. The returned list fills as the page runs.
 */
export function trackOffHost(page: Page, origin: string): string[] {
  const offHost: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) offHost.push(u);
  });
  return offHost;
}
