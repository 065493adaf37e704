import { launchChromium } from './tests/support/browser';

const [token, size = '1920x1080', mode = 'range'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: width ?? 1920, height: height ?? 1080 } });
await page.goto(`http://127.0.0.1:27531/?wall=hall-1&screen=left&token=${token}`);
await page.waitForSelector('[data-testid="connection-state"][data-state="live"]');
await page.waitForSelector('[data-kpi="alarms"]');
if (mode === 'range') await page.click('[data-period="last-7-days"]');
if (mode === 'replay') {
  await page.click('[data-period="replay"]');
  await page.selectOption('[data-replay-speed]', '600');
  await page.selectOption('.period-pop select >> nth=1', '20:00');
  await page.click('[data-replay-play]');
}
await page.waitForTimeout(mode === 'replay' ? 9000 : 5000);
await page.screenshot({ path: `/tmp/shots/left-${mode}-${size}.png` });
if (mode !== 'live') {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(800);
}
await browser.close();
