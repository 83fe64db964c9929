// Browser-side timing of the overview: navigate, wait for the app's marks and read their
// startTime (milliseconds since the navigation started, by the browser's own clock):
// 'overview:data' (first KPI or close-risk figure on screen), 'overview:kpis' (every KPI card),
// 'overview:close-risk' and 'overview:events'.
import type { Page } from 'playwright-core';

export const overviewMarks = ['overview:data', 'overview:kpis', 'overview:close-risk', 'overview:events'] as const;
/** Milliseconds from navigation to each mark; null when it had not fired within the timeout. */
export type OverviewTimings = Record<(typeof overviewMarks)[number], number | null>;

const readMarks = (names: readonly string[]) => names.map((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null);

/** Navigates and waits for 'overview:data' (required), then up to `restMs` more for the other marks. */
export async function overviewTimings(page: Page, url: string, timeoutMs = 120_000, restMs = 120_000): Promise<OverviewTimings> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('overview:data', 'mark').length > 0, undefined, { timeout: timeoutMs, polling: 50 });
  await page
    .waitForFunction((names) => names.every((name) => performance.getEntriesByName(name, 'mark').length > 0), [...overviewMarks], { timeout: restMs, polling: 100 })
    .catch(() => undefined);
  const times = await page.evaluate(readMarks, [...overviewMarks]);
  return Object.fromEntries(overviewMarks.map((name, i) => [name, times[i] ?? null])) as OverviewTimings;
}

async function eventTotal(dashboardUrl: string): Promise<bigint | null> {
  const response = await fetch(`${dashboardUrl}/trpc/events.countsByType?input=${encodeURIComponent('{}')}`).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json()) as { result?: { data?: { events: string }[] } };
  const rows = body.result?.data ?? [];
  return rows.length === 0 ? null : rows.reduce((sum, row) => sum + BigInt(row.events), 0n);
}

/**
 * Waits until the simulator's backfill is in and has settled (the event total grows by less
 * than 1 % between polls 10 s apart), so the timings are of a steady product, not of one busy
 * loading history. Gives up waiting for the settle after `settleMs` and measures anyway.
 */
export async function waitForSimulatorData(dashboardUrl: string, timeoutMs = 180_000, settleMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let total = await eventTotal(dashboardUrl);
  while (total === null) {
    if (Date.now() > deadline) throw new Error('no simulator data arrived in time');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    total = await eventTotal(dashboardUrl);
  }
  const settleBy = Date.now() + settleMs;
  let last: bigint = total;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const next: bigint = (await eventTotal(dashboardUrl)) ?? last;
    if ((next - last) * 100n < last || Date.now() > settleBy) return;
    last = next;
  }
}
