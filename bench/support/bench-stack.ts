// Starts the product's processes for a benchmark the way production runs them: embedded
// ClickHouse, embedded PostgreSQL (or DATABASE_URL) and ingest, each its own process.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../platform/logging/logger.ts';
import { SupervisedChild } from '../../server/supervisor/supervised-child.ts';

const entry = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export interface BenchStack {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  clickhouse: { url: string; username: string; password: string };
  databaseUrl: string;
  embeddedPostgres: boolean;
  /** `nodeArgs` (e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']) start ingest with extra Node options. */
  startIngest(extraEnv?: NodeJS.ProcessEnv, nodeArgs?: string[]): Promise<{ url: string; pid: number; stop(): Promise<void> }>;
  /** Stops every process and deletes the data directory unless `keepData`. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** `dataDir`: an existing data directory to start on (never deleted); default a fresh one. */
export async function startBenchStack(opts: { dataDir?: string } = {}): Promise<BenchStack> {
  const log = createLogger('bench', 'warn');
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'cw-bench-')));
  const env: NodeJS.ProcessEnv = { ...process.env, CLOSEWATCH_DATA_DIR: dataDir, LOG_LEVEL: 'warn', EMBEDDED_CLICKHOUSE_PORT: '0', EMBEDDED_POSTGRES_PORT: '0', INGEST_PORT: '0' };
  const children: Array<{ stop(): Promise<void> }> = [];
  const start = async (name: string, path: string, childEnv: NodeJS.ProcessEnv) => {
    const child = new SupervisedChild({ name, entry: entry(path), env: childEnv, announces: true, restart: false }, log);
    children.push(child);
    const announced = await child.start();
    return { child, announced };
  };
  env.EMBEDDED_CLICKHOUSE_PASSWORD = randomBytes(12).toString('hex');
  const ch = (await start('clickhouse', 'platform/clickhouse/embedded/main.ts', env)).announced;
  Object.assign(env, { CLICKHOUSE_URL: ch.url, CLICKHOUSE_USER: ch.username, CLICKHOUSE_PASSWORD: ch.password });
  const embeddedPostgres = !process.env.DATABASE_URL;
  if (embeddedPostgres) {
    const pg = (await start('postgres', 'platform/postgres/embedded/main.ts', env)).announced;
    Object.assign(env, { DATABASE_URL: pg.url, CLOSEWATCH_EMBEDDED_POSTGRES: '1' });
  }
  return {
    dataDir,
    env,
    clickhouse: { url: ch.url!, username: ch.username!, password: ch.password! },
    databaseUrl: env.DATABASE_URL!,
    embeddedPostgres,
    async startIngest(extraEnv = {}, nodeArgs = []) {
      if (nodeArgs.length > 0) {
        const child = await startWithNodeArgs(entry('ingest/main.ts'), { ...env, ...extraEnv }, nodeArgs);
        children.push(child);
        return { url: child.url, pid: child.pid, stop: () => child.stop() };
      }
      const { child, announced } = await start('ingest', 'ingest/main.ts', { ...env, ...extraEnv });
      return { url: announced.url!, pid: child.pid!, stop: () => child.stop() };
    },
    async stop({ keepData = false } = {}) {
      for (const child of children.reverse()) await child.stop();
      // A run's engines hold a few hundred MB each; repeated runs must not fill the disk.
      if (!keepData && !opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts an announcing entry point as SupervisedChild does, plus Node options (for profiling:
 * --cpu-prof writes its profile when the process exits cleanly on SIGTERM).
 */
async function startWithNodeArgs(path: string, env: NodeJS.ProcessEnv, nodeArgs: string[]): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  // Like SupervisedChild: an IPC channel and exit-with-parent, so the child never outlives the bench.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', '--import', entry('platform/process/exit-with-parent.ts'), path], {
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"event":"listening"')) resolve((JSON.parse(line) as { url: string }).url);
      else process.stdout.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`${path} exited before it was ready (code ${code})`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Peak resident memory of a process (VmHWM), in MB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
