// A fake of the server's tRPC HTTP batch wire format (no transformer) for DOM tests: answers
// each procedure in a batched URL from a handler, and records what was asked.
/** `code` is the tRPC error code the error carries (default INTERNAL_SERVER_ERROR), e.g. NOT_FOUND. */
export type Handler = (input: unknown) => { status?: number; data?: unknown; error?: string; code?: string };

export interface FakeCall {
  path: string;
  input: unknown;
}

export function fakeTrpcFetch(handlers: Record<string, Handler>) {
  const calls: FakeCall[] = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    const parsed = new URL(String(url));
    const paths = decodeURIComponent(parsed.pathname.replace(/^.*\/trpc\//, '')).split(',');
    const rawInput = init?.method === 'POST' ? String(init.body ?? '{}') : (parsed.searchParams.get('input') ?? '{}');
    const inputs = JSON.parse(rawInput) as Record<string, unknown>;
    let status = 200;
    const body = paths.map((path, i) => {
      const input = inputs[String(i)];
      calls.push({ path, input });
      const handler = handlers[path];
      const answer = handler ? handler(input) : { status: 404, error: `no fake for ${path}` };
      if (answer.error !== undefined) {
        status = answer.status ?? 500;
        return { error: { message: answer.error, code: -32603, data: { code: answer.code ?? 'INTERNAL_SERVER_ERROR', httpStatus: status, path } } };
      }
      return { result: { data: answer.data } };
    });
    return new Response(JSON.stringify(body), { status: paths.length > 1 && status !== 200 ? 207 : status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}
