// Takes one bank file already on disk (an upload or an inbox drop): replays the answer for a
// file seen before; otherwise reads it whole, and only then makes everything it says
// durable in the spool with its bank_files record. A refused file leaves only a quarantine
// entry and a failed bank_files record.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceAllowed } from '../auth/source-scope.ts';
import { maxRawBytes, quarantineLine } from '../quarantine/quarantine-record.ts';
import type { Spool } from '../spool/spool.ts';
import { bankFileAnswer, type BankFileAnswer, type BankFileRefusalAnswer } from './bank-file-answer.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { BankFileOutput } from './bank-file-output.ts';
import type { BankFileRegistry } from './bank-file-registry.ts';
import { bankFileLine, checkLines, rowContext, type BankFileRow } from './bank-rows.ts';
import { parseBankFile } from './parse-bank-file.ts';
import { SpoolLinesBuffer } from './spool-lines-buffer.ts';

export interface BankFileIntake {
  spool: Spool;
  registry: BankFileRegistry;
  /** Where temporary files go while a large file is read. */
  workDir: string;
}

export interface IncomingBankFile {
  path: string;
  /** sha256 of the content, hex. */
  fileId: string;
  bytes: number;
  fileName: string;
  channel: 'http' | 'inbox';
  entity: string;
  apiKeyPrefix?: string;
  /** The API key's source patterns; the inbox may speak for any bank. */
  sourcePatterns?: readonly string[];
}

export type IntakeResult =
  | { outcome: 'accepted'; answer: BankFileAnswer }
  | { outcome: 'refused'; status: 400 | 403 | 422; refusal: BankFileRefusalAnswer };

/** Throws SpoolFullError when the spool has no room (nothing of the file is then taken). */
export function takeBankFile(intake: BankFileIntake, file: IncomingBankFile): Promise<IntakeResult> {
  return intake.registry.exclusive(file.fileId, async () => {
    const known = await intake.registry.lookup(file.fileId);
    if (known) return { outcome: 'accepted', answer: { ...known, duplicate: true } };
    return readAndSpool(intake, file);
  });
}

async function readAndSpool(intake: BankFileIntake, file: IncomingBankFile): Promise<IntakeResult> {
  const receivedAtMs = Date.now();
  const ctx = { fileId: file.fileId, fileKey: file.fileId.slice(0, 20), entity: file.entity };
  const lines = new SpoolLinesBuffer(join(intake.workDir, 'tmp'));
  const patterns = file.sourcePatterns ?? ['*'];
  const output = new BankFileOutput({ ctx, receivedAtMs, lines, sourceAllowed: (s) => sourceAllowed(s, patterns) });
  const record = (status: BankFileRow['status'], extra: Partial<BankFileRow>): BankFileRow => ({
    file_id: file.fileId,
    file_name: file.fileName,
    channel: file.channel,
    api_key_prefix: file.apiKeyPrefix ?? '',
    message_type: '',
    message_version: '',
    message_id: output.info.messageId,
    source: output.info.source,
    entity: file.entity,
    status,
    error_path: '',
    error_message: '',
    bytes: file.bytes,
    counts: { ...output.counts },
    checks_failed: 0,
    answer: '',
    ...extra,
  });
  try {
    const format = await parseBankFile(file.path, output, () => lines.spill());
    const answer = bankFileAnswer(file.fileId, format, output.info, output.counts, output.checks);
    checkLines(rowContext(ctx, receivedAtMs), output.checks).forEach((l) => lines.add(l));
    const checksFailed = output.checks.filter((c) => c.outcome === 'failed').length;
    lines.add(bankFileLine(record(answer.status, { message_type: format.kind, message_version: format.version, checks_failed: checksFailed, answer: JSON.stringify(answer) }), receivedAtMs));
    await lines.commit(intake.spool);
    intake.registry.remember(file.fileId, answer);
    return { outcome: 'accepted', answer };
  } catch (error) {
    await lines.discard();
    if (!(error instanceof BankFileRefusal)) throw error;
    const refusal: BankFileRefusalAnswer = { file_id: file.fileId, error: error.message, path: error.path, ...(error.line ? { line: error.line } : {}) };
    // A key that may not speak for the bank is an authorisation answer, not a bad file.
    if (error.status === 403) return { outcome: 'refused', status: 403, refusal };
    const raw = await rawText(file.path, file.bytes);
    await intake.spool.append(
      Buffer.from(
        quarantineLine({
          channel: 'bank-files',
          raw: raw.text,
          errors: [{ path: error.path, message: error.reason }, ...(raw.cut ? [{ path: '(file)', message: `file of ${file.bytes} bytes kept only in part (first ${maxRawBytes} characters)` }] : [])],
          source: output.info.source === 'bank/unknown' ? '' : output.info.source,
          eventId: file.fileId,
          eventType: 'bank_file',
          apiKeyPrefix: file.apiKeyPrefix,
          receivedAtMs,
        }) + bankFileLine(record('failed', { error_path: error.path, error_message: error.reason, counts: zeroCounts }), receivedAtMs),
        'utf8',
      ),
    );
    return { outcome: 'refused', status: error.status, refusal };
  }
}

const zeroCounts = { statements: 0, entries: 0, transactions: 0, balances: 0, statuses: 0, instructions: 0, events: 0 };

/** The start of the file as text for the quarantine (which keeps at most maxRawBytes). */
async function rawText(path: string, bytes: number): Promise<{ text: string; cut: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(bytes, maxRawBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    // MT940 files are often Latin-1; keep their names readable rather than as U+FFFD.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, bytes > maxRawBytes ? head.lastIndexOf(0x0a) + 1 || head.length : head.length));
    } catch {
      text = new TextDecoder('windows-1252').decode(head);
    }
    return { text: text.length > maxRawBytes ? text.slice(0, maxRawBytes) : text, cut: bytes > maxRawBytes };
  } finally {
    await handle.close();
  }
}
