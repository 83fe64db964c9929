// Starts the whole product the way `npm start` does — the supervisor with embedded engines
// (or DATABASE_URL), ingest and server — on free ports and a temporary data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningProduct {
  dashboardUrl: string;
  ingestUrl: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  output: () => string;
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startProduct(opts: { demo?: boolean; env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<RunningProduct> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'cw-product-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLOSEWATCH_DATA_DIR: dataDir,
    SERVER_PORT: String(await freePort()),
    INGEST_PORT: String(await freePort()),
    EMBEDDED_CLICKHOUSE_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/supervisor/main.ts', ...(opts.demo ? ['--demo'] : [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const dashboardUrl = `http://127.0.0.1:${env.SERVER_PORT}`;
  await waitFor(() => output.includes('Closewatch dashboard:'), child, () => output, 180_000);
  return {
    dashboardUrl,
    ingestUrl: `http://127.0.0.1:${env.INGEST_PORT}`,
    dataDir,
    env,
    output: () => output,
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exited;
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

async function waitFor(ready: () => boolean, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`Closewatch exited with ${child.exitCode} before it was ready:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`Closewatch was not ready within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
