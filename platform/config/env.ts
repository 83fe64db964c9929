// The one place that reads the environment. Every setting is validated here, so a bad
// value stops the start with a message naming the variable, the problem and an example.
import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultEngineNice } from '../clickhouse/embedded/engine-priority.ts';

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().positive();
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isUrlWith(v, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

function isUrlWith(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Each variable with its schema and an example of a valid value (shown on error). */
const variables = {
  CLICKHOUSE_URL: { schema: optionalUrl(['http:', 'https:']), example: 'http://localhost:8123' },
  CLICKHOUSE_USER: { schema: z.string().default('default'), example: 'default' },
  CLICKHOUSE_PASSWORD: { schema: z.string().default(''), example: 's3cret' },
  CLICKHOUSE_DATABASE: {
    schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)').default('closewatch'),
    example: 'closewatch',
  },
  CLICKHOUSE_CLUSTER: {
    schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)').optional(),
    example: 'finance_cluster',
  },
  DATABASE_URL: { schema: optionalUrl(['postgres:', 'postgresql:']), example: 'postgres://closewatch@localhost:5432/closewatch' },
  CLOSEWATCH_EMBEDDED_POSTGRES: {
    schema: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0').transform((v) => v === '1'),
    example: '1',
  },
  CLOSEWATCH_DATA_DIR: { schema: z.string().min(1).default('./.data'), example: './.data' },
  CLOSEWATCH_HOST: { schema: z.string().min(1).default('127.0.0.1'), example: '127.0.0.1' },
  SERVER_PORT: { schema: port.default(3000), example: '3000' },
  INGEST_PORT: { schema: port.default(4318), example: '4318' },
  EMBEDDED_CLICKHOUSE_PORT: { schema: port.default(18123), example: '18123' },
  EMBEDDED_POSTGRES_PORT: { schema: port.default(15432), example: '15432' },
  EMBEDDED_CLICKHOUSE_NICE: { schema: z.coerce.number().int().min(0).max(19).default(defaultEngineNice), example: '10' },
  /** Memory all embedded-engine statements may take together; unset = 60 % of the machine's. */
  EMBEDDED_CLICKHOUSE_MAX_MEMORY: { schema: bytes.min(64 * 1024 * 1024).optional(), example: '8589934592' },
  INGEST_MAX_BODY_BYTES: { schema: bytes.default(10 * 1024 * 1024), example: '10485760' },
  INGEST_SPOOL_MAX_BYTES: { schema: bytes.default(512 * 1024 * 1024), example: '536870912' },
  INGEST_FLUSH_INTERVAL_MS: { schema: z.coerce.number().int().min(1).max(60_000).default(250), example: '250' },
  LOG_LEVEL: {
    schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    example: 'info',
  },
} as const;

type Variables = typeof variables;
export type Config = { [K in keyof Variables]: z.output<Variables[K]['schema']> } & {
  /** Absolute path of CLOSEWATCH_DATA_DIR. */
  dataDir: string;
};

/** Thrown when the environment holds an invalid setting; the message is meant for the operator. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from an environment (default: process.env). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, { schema, example }] of Object.entries(variables)) {
    const raw = env[name];
    const parsed = (schema as z.ZodType).safeParse(raw === '' && name !== 'CLICKHOUSE_PASSWORD' ? undefined : raw);
    if (parsed.success) {
      out[name] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((i) => i.message).join('; ');
      problems.push(`${name}=${JSON.stringify(raw)}: ${reason}. Example of a valid value: ${name}=${example}`);
    }
  }
  const config = out as Config;
  if (problems.length === 0 && config.INGEST_SPOOL_MAX_BYTES < 4 * config.INGEST_MAX_BODY_BYTES) {
    problems.push(
      `INGEST_SPOOL_MAX_BYTES=${config.INGEST_SPOOL_MAX_BYTES}: must be at least 4 × INGEST_MAX_BODY_BYTES (${4 * config.INGEST_MAX_BODY_BYTES}) so one request always fits in the spool. Example of a valid value: INGEST_SPOOL_MAX_BYTES=${8 * config.INGEST_MAX_BODY_BYTES}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  config.dataDir = resolve(config.CLOSEWATCH_DATA_DIR);
  return config;
}

/** For process entry points: the configuration, or the operator-facing message and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
