// The player's settings from the environment and command-line flags (flags win). A missing
// or bad setting stops the start with a message naming it and saying what to do.
import { parseArgs } from 'node:util';

export interface PlayerConfig {
  ingestUrl: string;
  apiKey: string;
  rate: number;
  seed: number;
  backfillDays: number;
  documentsPerDay: number;
  batchSize: number;
  backfillOnly: boolean;
}

export class PlayerConfigError extends Error {}

export const usage = `Usage: npm run demo -- [options]

Plays a simulated multinational (entities, suppliers, customers, banks, middleware, faults)
through the Closewatch ingest API: the last N days of history first, then live.

Environment (flags override):
  INGEST_URL                    ingest base URL, e.g. http://127.0.0.1:4318   (required)
  CLOSEWATCH_API_KEY            ingest API key                                 (required)
  SIMULATOR_RATE                --rate               live events per second at most (50)
  SIMULATOR_SEED                --seed               company seed (42)
  SIMULATOR_BACKFILL_DAYS       --backfill-days      days of history sent first (30)
  SIMULATOR_DOCUMENTS_PER_DAY   --documents-per-day  new documents per business day (400)
  SIMULATOR_BATCH_SIZE          --batch-size         records per request (500)
                                --backfill-only      send the history, then exit
`;

const apiKeyHelp = "create one with: npm run keys:create -- --name demo --sources '*'  (then export CLOSEWATCH_API_KEY=<key>)";

export function loadPlayerConfig(env: NodeJS.ProcessEnv, argv: string[]): PlayerConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string' },
      seed: { type: 'string' },
      'backfill-days': { type: 'string' },
      'documents-per-day': { type: 'string' },
      'batch-size': { type: 'string' },
      'backfill-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const ingestUrl = env.INGEST_URL?.trim();
  if (!ingestUrl) throw new PlayerConfigError('INGEST_URL is not set: set it to the ingest service base URL, e.g. INGEST_URL=http://127.0.0.1:4318');
  if (!/^https?:\/\//.test(ingestUrl) || !URL.canParse(ingestUrl)) throw new PlayerConfigError(`INGEST_URL "${ingestUrl}" is not an http(s) URL, e.g. http://127.0.0.1:4318`);
  const apiKey = env.CLOSEWATCH_API_KEY?.trim();
  if (!apiKey) throw new PlayerConfigError(`CLOSEWATCH_API_KEY is not set: the simulator needs an ingest API key; ${apiKeyHelp}`);
  return {
    ingestUrl,
    apiKey,
    rate: number('SIMULATOR_RATE', '--rate', values.rate ?? env.SIMULATOR_RATE, 50, { min: 0.01 }),
    seed: number('SIMULATOR_SEED', '--seed', values.seed ?? env.SIMULATOR_SEED, 42, { integer: true, min: 0 }),
    backfillDays: number('SIMULATOR_BACKFILL_DAYS', '--backfill-days', values['backfill-days'] ?? env.SIMULATOR_BACKFILL_DAYS, 30, { integer: true, min: 0, max: 3650 }),
    documentsPerDay: number('SIMULATOR_DOCUMENTS_PER_DAY', '--documents-per-day', values['documents-per-day'] ?? env.SIMULATOR_DOCUMENTS_PER_DAY, 400, { integer: true, min: 0 }),
    batchSize: number('SIMULATOR_BATCH_SIZE', '--batch-size', values['batch-size'] ?? env.SIMULATOR_BATCH_SIZE, 500, { integer: true, min: 1, max: 10_000 }),
    backfillOnly: values['backfill-only'] ?? false,
  };
}

function number(variable: string, flag: string, raw: string | undefined, fallback: number, rule: { integer?: boolean; min?: number; max?: number }): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  const ok = Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) && value >= (rule.min ?? -Infinity) && value <= (rule.max ?? Infinity);
  if (!ok) {
    const kind = rule.integer ? 'a whole number' : 'a number';
    const range = [rule.min !== undefined ? `≥ ${rule.min}` : '', rule.max !== undefined ? `≤ ${rule.max}` : ''].filter(Boolean).join(' and ');
    throw new PlayerConfigError(`${variable} (${flag}) must be ${kind}${range ? ` ${range}` : ''}, got "${raw}"`);
  }
  return value;
}
