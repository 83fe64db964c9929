// The embedded engine's CPU priority. On a small machine the engine's merges and views compete
// with ingest's acknowledgements and the API for the same cores; a higher nice value lets the
// latency-sensitive processes run first while the engine takes whatever is left. Set before
// any thread starts: Linux applies nice per thread, and new threads inherit their creator's.
//
// Where the kernel schedules per session ("autogroup", on by default on many distributions),
// a thread's nice only orders it against the threads of its own session; sessions share the
// cores equally. The supervisor starts the engine in a session of its own (detached), so its
// nice alone changed nothing against ingest or the API: the session's group gets the same
// nice value. Only when this process leads its session — never the session of a shell it
// was started from.
import { readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export const defaultEngineNice = 10;

/** The nice value EMBEDDED_CLICKHOUSE_NICE asks for, or an error naming the variable and the reason. */
export function engineNice(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultEngineNice;
  const nice = Number(value);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) {
    throw new Error(`EMBEDDED_CLICKHOUSE_NICE=${JSON.stringify(value)}: must be a whole number from 0 (same priority as the rest) to 19 (lowest). Example: EMBEDDED_CLICKHOUSE_NICE=10`);
  }
  return nice;
}

/** Lowers this process's priority, and its session's where it leads one, to `nice` (never raises either: that needs privileges). */
export function applyEngineNice(nice: number): void {
  if (getPriority() < nice) setPriority(nice);
  const group = autogroupNice();
  if (group !== undefined && group < nice && leadsOwnSession()) writeFileSync('/proc/self/autogroup', String(nice));
}

/** The nice value of this process's autogroup ("/autogroup-96 nice 0"), or undefined without autogroup scheduling. */
export function autogroupNice(pid: number | 'self' = 'self'): number | undefined {
  try {
    const match = / nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // not Linux, or a kernel without autogroup
  }
}

function leadsOwnSession(): boolean {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // after the parenthesised command name: state, ppid, pgrp, session, …
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]) === process.pid;
}
