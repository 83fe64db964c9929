// startEmbeddedPostgres on data directories left behind by an interrupted first start.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../platform/postgres/embedded/start.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cw-start-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('startEmbeddedPostgres', () => {
  it('initialises afresh over the leftovers of a first start killed during initdb', async () => {
    // What a SIGKILL during initdb leaves: a half-written staging directory, an empty data directory.
    await mkdir(join(dataDir, 'postgres.initializing'));
    await writeFile(join(dataDir, 'postgres.initializing', 'PG_VERSION'), '18\n');
    await mkdir(join(dataDir, 'postgres'));

    const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await postgres.close();
    }
    expect((await readdir(dataDir)).sort()).toEqual(['postgres']);
  });
});
