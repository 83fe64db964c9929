// `npm start`: runs the whole product as one supervised command — embedded ClickHouse and
// PostgreSQL when no servers are configured, then ingest, the server (API + dashboard) and,
// with --demo, the simulated company — and stops everything cleanly on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from '../../platform/config/env.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { createDatabase } from '../../platform/postgres/database.ts';
import { migrateStores } from '../../platform/process/stores.ts';
import { demoApiKey } from './demo-api-key.ts';
import { seedDemoSettings } from './demo-settings.ts';
import { SupervisedChild } from './supervised-child.ts';

const entry = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const demo = process.argv.includes('--demo');
const config = loadConfigOrExit();
const log = createLogger('supervisor', config.LOG_LEVEL);
const children: SupervisedChild[] = [];
const env: NodeJS.ProcessEnv = { ...process.env, CLOSEWATCH_DATA_DIR: config.dataDir };

async function startChild(name: string, path: string, announces = true, restart = true) {
  const child = new SupervisedChild({ name, entry: entry(path), env: { ...env }, announces, restart }, log);
  children.push(child);
  return child.start();
}

async function main(): Promise<void> {
  await mkdir(config.dataDir, { recursive: true });
  if (!config.CLICKHOUSE_URL) {
    env.EMBEDDED_CLICKHOUSE_PASSWORD = randomBytes(18).toString('base64url');
    const ch = await startChild('clickhouse', 'platform/clickhouse/embedded/main.ts');
    Object.assign(env, { CLICKHOUSE_URL: ch.url, CLICKHOUSE_USER: ch.username, CLICKHOUSE_PASSWORD: ch.password });
    log.info({ url: ch.url, dataDir: `${config.dataDir}/clickhouse` }, 'embedded ClickHouse listening');
  }
  if (!config.DATABASE_URL) {
    const pg = await startChild('postgres', 'platform/postgres/embedded/main.ts');
    Object.assign(env, { DATABASE_URL: pg.url, CLOSEWATCH_EMBEDDED_POSTGRES: '1' });
    log.info({ url: pg.url, dataDir: `${config.dataDir}/postgres` }, 'embedded PostgreSQL listening');
  }
  const resolved = loadConfigOrExit(env);
  const applied = await migrateStores(resolved);
  log.info(applied, 'schemas up to date');

  const withDemo = demo && existsSync(entry('simulator/main.ts'));
  if (withDemo) {
    // before the server starts: it builds the business calendar from these settings
    const db = createDatabase({ url: resolved.DATABASE_URL!, embedded: resolved.CLOSEWATCH_EMBEDDED_POSTGRES });
    const seeded = await seedDemoSettings(db);
    if (seeded.entities.length) log.info(seeded, 'demo company settings written');
    env.CLOSEWATCH_API_KEY = await demoApiKey(db, config.dataDir);
    await db.destroy();
  }
  const ingest = await startChild('ingest', 'ingest/main.ts');
  const server = await startChild('server', 'server/main.ts');
  if (withDemo) {
    env.INGEST_URL = ingest.url;
    await startChild('simulator', 'simulator/main.ts', false);
  }
  log.info({ dashboard: server.url, ingest: ingest.url }, `Closewatch is running. Dashboard: ${server.url}  Ingest: ${ingest.url}  (Ctrl-C stops)`);
  process.stdout.write(`\n  Closewatch dashboard: ${server.url}\n  Ingest (events, OTLP): ${ingest.url}\n\n`);
}

let stopping = false;
async function stop(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping Closewatch');
  // Reverse order: producers first, stores last, so ingest can flush its spool.
  for (const child of [...children].reverse()) await child.stop();
  log.info('stopped');
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

main().catch(async (error: Error) => {
  log.fatal({ err: error.message }, `Closewatch could not start: ${error.message}`);
  await stop('start failure', 1);
});
