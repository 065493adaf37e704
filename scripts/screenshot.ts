/**
 * `npx tsx scripts/screenshot.ts URL OUT.png [WIDTHxHEIGHT]` — a Chromium screenshot of a
 * running wall, for looking at it (README images, reviews).
 */
import { launchChromium } from '../tests/support/browser';

const [url = 'http://127.0.0.1:8080/', out = 'screenshot.png', size = '1920x1080'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: width ?? 1920, height: height ?? 1080 } });
await page.goto(url);
await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 30_000 });
await page.waitForFunction(() => document.fonts.status === 'loaded');
await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500));
await page.screenshot({ path: out });
await browser.close();
console.log(`saved ${out} (${width}x${height})`);
