// `npm run keys:create -- --name <name> --sources <pattern>[,<pattern>…]`: creates an ingest
// API key scoped to source patterns and prints it once (only its hash is stored).
// Against embedded PostgreSQL, Closewatch must be running (`npm start`) so the store is served.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../platform/config/env.ts';
import { createDatabase } from '../../platform/postgres/database.ts';
import { migratePostgres } from '../../platform/postgres/migrate.ts';
import { createApiKey } from './api-key-store.ts';

const { values } = parseArgs({ options: { name: { type: 'string' }, sources: { type: 'string' } } });
const usage = "usage: npm run keys:create -- --name ap-coupa --sources 'ap/*'";
if (!values.name || !values.sources) {
  process.stderr.write(`--name and --sources are required\n${usage}\n`);
  process.exit(2);
}
const config = loadConfigOrExit();
const url = config.DATABASE_URL ?? `postgres://postgres@${config.CLOSEWATCH_HOST}:${config.EMBEDDED_POSTGRES_PORT}/postgres`;
const db = createDatabase({ url, embedded: !config.DATABASE_URL });
try {
  await migratePostgres(db);
  const patterns = values.sources.split(',').map((s) => s.trim()).filter(Boolean);
  const { key, prefix } = await createApiKey(db, values.name, patterns);
  process.stdout.write(`API key "${values.name}" (prefix ${prefix}) for sources ${patterns.join(', ')}:\n\n  ${key}\n\nIt is shown only now; store it in the source system's secret store.\n`);
} catch (error) {
  const reason = (error as Error).message;
  const hint = config.DATABASE_URL ? '' : ' (is Closewatch running? the embedded PostgreSQL is served only while `npm start` runs)';
  process.stderr.write(`could not create the key: ${reason}${hint}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
