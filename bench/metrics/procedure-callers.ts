// Finds a procedure to benchmark by its path ("metrics.stuckDocuments") and calls it through a
// tRPC caller, as the web app's requests reach it. A procedure that is not in appRouter yet may
// still be measured from its router-entries file (server/metrics/<name>-router-entries.ts,
// spread into metricsRouter once merged); otherwise it is reported as missing, not guessed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appRouter, createCaller } from '../../server/trpc/app-router.ts';
import type { Context } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';

export type ProcedureCall = (input: unknown) => Promise<unknown>;

export interface ResolvedProcedure {
  call?: ProcedureCall;
  /** Where it was found, or why it was not. */
  origin: string;
}

type CallerTree = { [name: string]: CallerTree | ProcedureCall };

function walk(caller: unknown, path: string): ProcedureCall {
  let node = caller as CallerTree;
  for (const part of path.split('.')) node = node[part] as CallerTree;
  return node as unknown as ProcedureCall;
}

/** An object of tRPC procedures (each a function carrying its `_def`), as *-router-entries.ts export. */
const isEntries = (value: unknown): value is Record<string, never> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 &&
  Object.values(value).every((v) => typeof v === 'function' && '_def' in v);

/** The procedure at `path` in appRouter, else in `entriesFile` (relative to the repo), else missing. */
export async function resolveProcedure(ctx: Context, path: string, entriesFile?: string): Promise<ResolvedProcedure> {
  if (Object.hasOwn(appRouter._def.procedures, path)) return { call: walk(createCaller(ctx), path), origin: 'appRouter' };
  if (!entriesFile) return { origin: `missing: ${path} is not in appRouter` };
  const file = fileURLToPath(new URL(`../../${entriesFile}`, import.meta.url));
  if (!existsSync(file)) return { origin: `missing: ${path} is not in appRouter and ${entriesFile} does not exist` };
  try {
    const module = (await import(file)) as Record<string, unknown>;
    const [domain, name] = path.split('.') as [string, string];
    const entries = Object.assign({}, ...Object.values(module).filter(isEntries)) as Record<string, never>;
    if (!Object.hasOwn(entries, name)) return { origin: `missing: ${entriesFile} exports no ${name}` };
    const local = router({ [domain]: router(entries) });
    return { call: walk(createCallerFactory(local)(ctx), path), origin: `${entriesFile} (not yet in appRouter)` };
  } catch (error) {
    return { origin: `missing: ${entriesFile} failed to load: ${(error as Error).message.split('\n')[0]}` };
  }
}
