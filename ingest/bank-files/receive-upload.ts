// Streams an uploaded bank file (identity or gzip) to a temporary file while hashing it,
// within a size limit before and after decompression, so even a large statement never sits
// whole in memory. The file id is the sha256 of the decompressed content.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { HttpProblem } from '../http/http-problem.ts';

export interface Upload {
  path: string;
  fileId: string;
  bytes: number;
}

class TooLarge extends Error {}

/** Counts bytes through a stream and fails once they pass the limit. */
function limit(maxBytes: number, onData?: (chunk: Buffer) => void): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      t.bytes += chunk.length;
      if (t.bytes > maxBytes) return done(new TooLarge());
      onData?.(chunk);
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

export async function receiveUpload(request: Request, dir: string, maxBytes: number): Promise<Upload> {
  const tooLarge = (when = '') => new HttpProblem(413, `the bank file is larger than the limit of ${maxBytes} bytes${when}`);
  if (Number(request.headers.get('content-length') ?? NaN) > maxBytes) throw tooLarge();
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new HttpProblem(415, `Content-Encoding "${encoding}" is not supported; send identity or gzip`);
  if (!request.body) throw new HttpProblem(400, 'empty body: send the bank file as the request body');

  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  const wire = limit(maxBytes);
  const content = limit(maxBytes, (chunk) => hash.update(chunk));
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  try {
    if (encoding === 'gzip') await pipeline(body, wire, createGunzip(), content, createWriteStream(path));
    else await pipeline(body, wire, content, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof TooLarge) throw tooLarge(encoding === 'gzip' && wire.bytes <= maxBytes ? ' after gzip decompression' : '');
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new HttpProblem(400, `body is declared gzip but does not decompress: ${(error as Error).message}`);
    throw error;
  }
  if (content.bytes === 0) {
    await rm(path, { force: true });
    throw new HttpProblem(400, 'empty body: send the bank file as the request body');
  }
  return { path, fileId: hash.digest('hex'), bytes: content.bytes };
}
