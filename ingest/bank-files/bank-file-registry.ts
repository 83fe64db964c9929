// Which bank files were already taken, by content hash, so the same file twice adds nothing
// and its replay gets the first answer back. Recent answers are kept in memory (they may not
// be in ClickHouse yet); older ones are looked up in bank_files. One file is processed at a
// time per hash, so two simultaneous uploads of it cannot both be taken.
import type { ClickHouseClient } from '@clickhouse/client';
import type { BankFileAnswer } from './bank-file-answer.ts';

export interface RegistryLog {
  warn: (obj: object, msg: string) => void;
}

export class BankFileRegistry {
  private readonly recent = new Map<string, BankFileAnswer>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ch?: ClickHouseClient,
    private readonly log?: RegistryLog,
    private readonly capacity = 10_000,
  ) {}

  /** The answer given when the file was taken, or undefined if it never was. */
  async lookup(fileId: string): Promise<BankFileAnswer | undefined> {
    const known = this.recent.get(fileId);
    if (known || !this.ch) return known;
    try {
      const rs = await this.ch.query({
        query: 'SELECT status, answer FROM bank_files FINAL WHERE file_id = {fileId:String} LIMIT 1',
        query_params: { fileId },
        format: 'JSONEachRow',
      });
      const [row] = await rs.json<{ status: string; answer: string }>();
      return row && row.status !== 'failed' ? (JSON.parse(row.answer) as BankFileAnswer) : undefined;
    } catch (error) {
      // ClickHouse down: take the file again; its deterministic ids make the repeat collapse.
      this.log?.warn({ err: (error as Error).message, fileId }, 'bank file registry lookup failed; processing the file again');
      return undefined;
    }
  }

  remember(fileId: string, answer: BankFileAnswer): void {
    this.recent.set(fileId, answer);
    if (this.recent.size > this.capacity) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** Runs `work` for a file once any earlier work on the same file has finished. */
  async exclusive<T>(fileId: string, work: () => Promise<T>): Promise<T> {
    const before = this.inFlight.get(fileId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    this.inFlight.set(fileId, run);
    try {
      return await run;
    } finally {
      if (this.inFlight.get(fileId) === run) this.inFlight.delete(fileId);
    }
  }
}
