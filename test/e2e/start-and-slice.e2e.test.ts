// The thin slice as a user meets it: the product starts with one command, an event posted
// to ingest reaches ClickHouse, the API counts it, and the dashboard card shows the same
// figures in a real browser. Stopping is clean.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../ingest/auth/api-key-store.ts';
import { createDatabase } from '../../platform/postgres/database.ts';
import { launchBrowser, screenshot, type LaunchedBrowser } from '../support/browser.ts';
import { invoiceEvent } from '../support/finance-events.ts';
import { startProduct, type RunningProduct } from '../support/product.ts';

let product: RunningProduct;
let browser: LaunchedBrowser;
beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  if (product) expect(await product.stop()).toBe(0);
});

async function apiKey(): Promise<string> {
  const url = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${product.env.EMBEDDED_POSTGRES_PORT}/postgres`;
  const db = createDatabase({ url, embedded: !process.env.DATABASE_URL });
  try {
    return (await createApiKey(db, 'e2e', ['*'])).key;
  } finally {
    await db.destroy();
  }
}

it('shows posted events on the dashboard with the figures the API returns', async () => {
  const key = await apiKey();
  const events = [
    invoiceEvent({ id: 'e2e-1', type: 'finance.invoice.received' }),
    invoiceEvent({ id: 'e2e-2', type: 'finance.invoice.received' }),
    invoiceEvent({ id: 'e2e-3', type: 'finance.invoice.approved' }),
  ];
  const res = await fetch(`${product.ingestUrl}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/cloudevents-batch+json' },
    body: JSON.stringify(events),
  });
  expect(await res.json()).toMatchObject({ accepted: 3 });

  let api: { type: string; events: string }[] = [];
  await expect.poll(async () => {
    const body = (await (await fetch(`${product.dashboardUrl}/trpc/events.countsByType`)).json()) as { result: { data: typeof api } };
    api = body.result.data;
    return api.reduce((n, r) => n + Number(r.events), 0);
  }, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

  const { page } = browser;
  await page.goto(product.dashboardUrl);
  await page.getByTestId('event-type-row').first().waitFor();
  const rows = await page.getByTestId('event-type-row').evaluateAll((els) => els.map((e) => [e.getAttribute('data-type'), e.getAttribute('data-count')]));
  expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(api.map((r) => [r.type, r.events])));
  expect(Object.fromEntries(rows)).toMatchObject({ 'finance.invoice.received': '2', 'finance.invoice.approved': '1' });
  await screenshot(page, 'slice-overview');
  expect(browser.consoleErrors).toEqual([]);
});

it('answers health and readiness on both processes', async () => {
  for (const base of [product.dashboardUrl, product.ingestUrl]) {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks).toMatchObject({ clickhouse: 'ok', postgres: 'ok' });
  }
});
