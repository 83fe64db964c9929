// Development helper: opens dashboard pages of a running product in headless Chromium at a
// laptop and a large-screen width, light and dark, saves full-page screenshots to
// test-results/screenshots/dev-*.png and prints console errors and when 'overview:data' fired.
// Usage: tsx bench/web/screenshot-pages.ts <dashboard URL> <path> [<path> …]
import { launchBrowser, screenshot } from '../../test/support/browser.ts';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) throw new Error('usage: screenshot-pages.ts <dashboard URL> <path> [<path> …]');
const widths = (process.env.WIDTHS ?? '1280').split(',').map(Number);
const schemes = (process.env.SCHEMES ?? 'light').split(',') as ('light' | 'dark')[];

for (const colorScheme of schemes) {
  for (const width of widths) {
    const browser = await launchBrowser({ colorScheme, viewport: { width, height: 900 } });
    try {
      for (const path of paths) {
        await browser.page.goto(`${base}${path}`);
        await browser.page.waitForTimeout(Number(process.env.WAIT_MS ?? 8000));
        const marks = await browser.page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`));
        const name = `dev-${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'overview'}-${width}-${colorScheme}`;
        await screenshot(browser.page, name);
        console.log(`${name}: marks [${marks.join(', ')}] errors ${JSON.stringify(browser.consoleErrors)}`);
        browser.consoleErrors.length = 0;
      }
    } finally {
      await browser.close();
    }
  }
}
