/**
 * Debian's Chromium through playwright-core (no browser download). Where Chromium is
 * missing, browser tests skip with a clear message — except under WALL_STRICT=1 (CI), where
 * that is a failure.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STRICT = process.env.WALL_STRICT === '1';

/** Flags from STACK-NOTES: software compositing saves a core per chart/video tile here. */
export const CHROMIUM_ARGS = [
  '--disable-gpu-compositing',
  '--autoplay-policy=no-user-gesture-required',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--disable-dev-shm-usage',
];

/** Whether browser tests can run here; throws under WALL_STRICT=1 when they cannot. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk)`;
  if (STRICT) throw new Error(`WALL_STRICT=1: ${reason}`);
  console.warn(`skipped: ${reason}`);
  return false;
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });
}
