// POST /v1/bank-files: a camt.052/053/054, pain.001/002 or MT940 file as the raw body
// (gzip ok). Answers the file id, type, version, counts and check results; the same file
// again answers the same with duplicate: true. A malformed file is refused whole (400/422)
// with the element path or MT940 line, and kept in the quarantine.
// Query: entity=<code> (the legal entity the account belongs to), filename=<name>.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import type { ApiKeyStore } from '../auth/api-key-store.ts';
import { authenticate } from '../http/authenticate.ts';
import { HttpProblem } from '../http/http-problem.ts';
import { SpoolFullError } from '../spool/spool.ts';
import { oneLine } from './bank-values.ts';
import { receiveUpload } from './receive-upload.ts';
import { takeBankFile, type BankFileIntake } from './take-bank-file.ts';

export interface BankFilesRouteDeps extends BankFileIntake {
  keys: ApiKeyStore;
  /** Largest file accepted, after decompression; statements of 50,000 entries are ~60 MB. */
  maxFileBytes?: number;
  /** Entity when the request names none. */
  defaultEntity?: string;
}

export const defaultMaxBankFileBytes = 256 * 1024 * 1024;
export const unassignedEntity = 'UNASSIGNED';
const entityCode = /^[A-Z0-9][A-Z0-9_.-]{0,31}$/;

export function bankFilesRoute(deps: BankFilesRouteDeps) {
  return async (c: Context): Promise<Response> => {
    const principal = await authenticate(c.req.raw, deps.keys);
    const entity = c.req.query('entity') ?? deps.defaultEntity ?? unassignedEntity;
    if (!entityCode.test(entity)) throw new HttpProblem(400, 'query parameter entity must be 1–32 characters of A–Z, 0–9, _ . - (e.g. DE01)');
    const fileName = oneLine(c.req.query('filename') ?? '').slice(0, 255);
    const upload = await receiveUpload(c.req.raw, join(deps.workDir, 'uploads'), deps.maxFileBytes ?? defaultMaxBankFileBytes);
    try {
      const result = await takeBankFile(deps, {
        path: upload.path,
        fileId: upload.fileId,
        bytes: upload.bytes,
        fileName,
        channel: 'http',
        entity,
        apiKeyPrefix: principal.prefix,
        sourcePatterns: principal.sourcePatterns,
      });
      return result.outcome === 'accepted' ? c.json(result.answer, 200) : c.json(result.refusal, result.status);
    } catch (error) {
      if (error instanceof SpoolFullError) throw new HttpProblem(503, `${error.message}; retry later`, { 'Retry-After': '5' });
      throw error;
    } finally {
      await rm(upload.path, { force: true });
    }
  };
}
