// `npm run bench:web`: builds the dashboard, reports the initial JavaScript (entry chunk and
// its static imports from Vite's manifest, gzip; routes are lazy chunks and not counted), then
// starts the product with simulator data and, in headless Chromium on loopback, measures the
// time from navigation to the overview first showing data — the app's own
// performance.mark('overview:data'), whose startTime is relative to the navigation — over
// several cold loads (fresh browser profile each) and warm reloads, once the simulator's
// backfill has settled; also when every KPI card, close risk and the events card showed
// data. Ends with one JSON line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/support/browser.ts';
import { startProduct } from '../test/support/product.ts';
import { initialJs } from './web/initial-js-size.ts';
import { overviewTimings, waitForSimulatorData, type OverviewTimings } from './web/overview-timing.ts';

const runs = Number(process.env.BENCH_WEB_RUNS ?? 5);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web/', import.meta.url));
const log = (text: string) => process.stderr.write(`[bench:web] ${text}\n`);

log('building the dashboard (vite build --manifest)');
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--manifest', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) throw new Error(`vite build failed with ${build.status}`);
const js = initialJs(outDir);
log(`initial JS: ${js.files.join(', ')} — ${(js.rawBytes / 1000).toFixed(1)} kB raw, ${(js.gzipBytes / 1000).toFixed(1)} kB gzip`);

log('starting the product with simulator data');
const product = await startProduct({ demo: true });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
try {
  log('waiting for the simulator backfill to settle');
  await waitForSimulatorData(product.dashboardUrl);
  const cold: OverviewTimings[] = [];
  const warm: OverviewTimings[] = [];
  for (let run = 0; run < runs; run++) {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      cold.push(await overviewTimings(browser.page, `${product.dashboardUrl}/`));
      warm.push(await overviewTimings(browser.page, `${product.dashboardUrl}/`));
      if (browser.consoleErrors.length > 0) log(`console errors: ${browser.consoleErrors.join(' | ')}`);
    } finally {
      await browser.close();
    }
    log(`run ${run + 1}/${runs}: cold ${JSON.stringify(cold.at(-1))}, warm ${JSON.stringify(warm.at(-1))}`);
  }
  /** Median over the runs where the mark fired; null when it never did. */
  const p50 = (runsOf: OverviewTimings[], mark: keyof OverviewTimings) => {
    const fired = runsOf.map((t) => t[mark]).filter((t): t is number => t !== null);
    return fired.length === 0 ? null : Math.round(median(fired));
  };
  const result = {
    bench: 'web',
    initial_js_gzip_kb: Number((js.gzipBytes / 1000).toFixed(1)),
    initial_js_raw_kb: Number((js.rawBytes / 1000).toFixed(1)),
    initial_js_files: js.files.length,
    initial_js_target_kb: 350,
    overview_data_ms_p50: p50(cold, 'overview:data'),
    overview_data_ms_warm_p50: p50(warm, 'overview:data'),
    overview_data_ms_runs: cold.map((t) => Math.round(t['overview:data']!)),
    overview_all_kpis_ms_p50: p50(cold, 'overview:kpis'),
    overview_close_risk_ms_p50: p50(cold, 'overview:close-risk'),
    overview_events_card_ms_p50: p50(cold, 'overview:events'),
    overview_data_target_ms: 1500,
    runs,
  };
  console.log(JSON.stringify(result));
} finally {
  await product.stop();
}
