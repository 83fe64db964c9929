// Browser tests' view of the running product's API: call a procedure over HTTP as the
// dashboard does, and read a page between two API answers until they agree (the simulator
// keeps sending while the page is read).
import type { RunningProduct } from './product.ts';

export function productApi(product: () => RunningProduct) {
  return async function api<T>(procedure: string, input: unknown): Promise<T> {
    const response = await fetch(`${product().dashboardUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
    const body = (await response.json()) as { result?: { data: T }; error?: unknown };
    if (!response.ok || body.result === undefined) throw new Error(`${procedure} failed: ${JSON.stringify(body)}`);
    return body.result.data;
  };
}

/** Runs `read` between two API answers until both agree, and returns what the page showed with that answer. */
export async function consistentRead<A, S>(fromApi: () => Promise<A>, read: () => Promise<S>, attempts: number): Promise<{ api: A; shown: S }> {
  for (let attempt = 1; ; attempt++) {
    const before = await fromApi();
    const shown = await read();
    const after = await fromApi();
    if (JSON.stringify(before) === JSON.stringify(after)) return { api: before, shown };
    if (attempt === attempts) throw new Error('the API kept changing while the page was read');
  }
}
