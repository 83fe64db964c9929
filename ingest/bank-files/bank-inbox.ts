// The bank inbox: a folder treasury systems drop bank files into (as they do for SFTP
// pickups). Each file, once its size has settled, is taken like an upload and moved to
// processed/ or failed/ with <name>.reason.txt next to it saying what happened. Files wait
// in the inbox and are retried while the spool is full. chokidar does the watching.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { access, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { watch } from 'chokidar';
import type { Spool } from '../spool/spool.ts';
import { answerText, type BankFileAnswer, type BankFileRefusalAnswer } from './bank-file-answer.ts';
import { BankFileRegistry } from './bank-file-registry.ts';
import { unassignedEntity } from './bank-files.route.ts';
import { takeBankFile } from './take-bank-file.ts';

export interface BankInboxOptions {
  dir: string;
  spool: Spool;
  registry?: BankFileRegistry;
  /** Temporary files; defaults to <dir>/.work. */
  workDir?: string;
  entity?: string;
  /** How long a file's size must stay unchanged before it is read. */
  settleMs?: number;
  retryMs?: number;
  log?: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  onResult?: (result: InboxResult) => void;
}

export interface InboxResult {
  file: string;
  outcome: 'processed' | 'duplicate' | 'failed' | 'retry';
  movedTo?: string;
  answer?: BankFileAnswer;
  refusal?: BankFileRefusalAnswer;
}

export interface BankInbox {
  /** Resolves once files already in the folder have been seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const maxAttempts = 5;
const temporaryName = /(^\.|\.(tmp|part|partial|filepart|crdownload)$)/i;

export function startBankInbox(options: BankInboxOptions): BankInbox {
  const { dir, spool } = options;
  const registry = options.registry ?? new BankFileRegistry();
  const workDir = options.workDir ?? join(dir, '.work');
  const attempts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let queue = Promise.resolve();
  let closed = false;

  const ignored = (path: string) => {
    const rel = relative(dir, path);
    if (rel === '') return false;
    const top = rel.split(/[\\/]/)[0]!;
    return top === 'processed' || top === 'failed' || temporaryName.test(basename(path));
  };
  // The folders exist before the watch starts: a watch on a missing folder sees nothing.
  for (const sub of ['', 'processed', 'failed']) mkdirSync(join(dir, sub), { recursive: true });
  const watcher = watch(dir, { depth: 0, ignoreInitial: false, ignored, awaitWriteFinish: { stabilityThreshold: options.settleMs ?? 500, pollInterval: 100 } });
  const enqueue = (path: string) => {
    queue = queue.then(() => (closed ? undefined : take(path)));
  };
  watcher.on('add', enqueue);
  watcher.on('error', (error) => options.log?.error({ err: (error as Error).message, dir }, 'bank inbox watcher failed'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  async function take(path: string): Promise<void> {
    try {
      if (!(await stat(path).catch(() => undefined))?.isFile()) return;
      const { fileId, bytes } = await hashFile(path);
      const result = await takeBankFile({ spool, registry, workDir }, { path, fileId, bytes, fileName: basename(path), channel: 'inbox', entity: options.entity ?? unassignedEntity });
      attempts.delete(path);
      if (result.outcome === 'accepted') {
        const movedTo = await moveWithReason(path, 'processed', answerText(result.answer));
        report({ file: path, outcome: result.answer.duplicate ? 'duplicate' : 'processed', movedTo, answer: result.answer });
      } else {
        const movedTo = await moveWithReason(path, 'failed', `refused: ${result.refusal.error}\nfile id: ${result.refusal.file_id}\n`);
        report({ file: path, outcome: 'failed', movedTo, refusal: result.refusal });
      }
    } catch (error) {
      // Spool full, disk trouble: the file stays in the inbox and is tried again.
      const n = (attempts.get(path) ?? 0) + 1;
      attempts.set(path, n);
      options.log?.warn({ err: (error as Error).message, file: path, attempt: n }, 'bank inbox could not take a file; retrying');
      if (n >= maxAttempts) {
        attempts.delete(path);
        const movedTo = await moveWithReason(path, 'failed', `not processed after ${n} attempts: ${(error as Error).message}\n`).catch(() => undefined);
        report({ file: path, outcome: 'failed', movedTo });
        return;
      }
      report({ file: path, outcome: 'retry' });
      const timer = setTimeout(() => {
        timers.delete(timer);
        enqueue(path);
      }, options.retryMs ?? 5000);
      timers.add(timer);
    }
  }

  function report(result: InboxResult): void {
    options.log?.info({ file: result.file, outcome: result.outcome, movedTo: result.movedTo }, 'bank inbox file handled');
    options.onResult?.(result);
  }

  async function moveWithReason(path: string, folder: 'processed' | 'failed', reason: string): Promise<string> {
    const target = await freeName(join(dir, folder), basename(path));
    await rename(path, target);
    await writeFile(`${target}.reason.txt`, reason, 'utf8');
    return target;
  }

  return {
    ready,
    async close() {
      closed = true;
      timers.forEach(clearTimeout);
      await watcher.close();
      await queue;
    },
  };
}

async function hashFile(path: string): Promise<{ fileId: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { fileId: hash.digest('hex'), bytes };
}

/** <folder>/<name>, or <stem>.<n><ext> when a file of that name is already there. */
async function freeName(folder: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = join(folder, n === 0 ? name : `${stem}.${n}${ext}`);
    const taken = await access(candidate).then(() => true, () => false);
    if (!taken) return candidate;
  }
}
