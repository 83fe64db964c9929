// `npm run demo` without its settings: exit 2 and a message that names what is missing.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadPlayerConfig, PlayerConfigError } from '../../simulator/player/player-config.ts';

const env = { INGEST_URL: 'http://127.0.0.1:4318', CLOSEWATCH_API_KEY: 'cw_test' };

describe('simulator configuration', () => {
  it('exits 2 naming CLOSEWATCH_API_KEY and how to create a key when it is missing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'simulator/main.ts'], {
      env: { PATH: process.env.PATH, INGEST_URL: 'http://127.0.0.1:4318' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('CLOSEWATCH_API_KEY is not set');
    expect(run.stderr).toContain("npm run keys:create -- --name demo --sources '*'");
  });

  it('names INGEST_URL when it is missing', () => {
    expect(() => loadPlayerConfig({ CLOSEWATCH_API_KEY: 'k' }, [])).toThrow(/INGEST_URL is not set/);
  });

  it('takes defaults, environment and flags (flags win)', () => {
    expect(loadPlayerConfig(env, [])).toMatchObject({ rate: 50, seed: 42, backfillDays: 30 });
    expect(loadPlayerConfig({ ...env, SIMULATOR_RATE: '5', SIMULATOR_SEED: '7' }, ['--seed', '9'])).toMatchObject({ rate: 5, seed: 9 });
  });

  it('refuses a bad number, naming the variable and the flag', () => {
    expect(() => loadPlayerConfig({ ...env, SIMULATOR_BACKFILL_DAYS: '-1' }, [])).toThrow(PlayerConfigError);
    expect(() => loadPlayerConfig({ ...env, SIMULATOR_BACKFILL_DAYS: '-1' }, [])).toThrow(/SIMULATOR_BACKFILL_DAYS \(--backfill-days\)/);
  });
});
