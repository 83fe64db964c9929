// Reads a request body within a size limit, before and after gzip decompression.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { HttpProblem } from './http-problem.ts';

const gunzipAsync = promisify(gunzip);

export async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpProblem(415, `Content-Encoding "${encoding}" is not supported; send identity or gzip`);
  }
  const raw = await readLimited(request, maxBytes);
  if (encoding === 'identity') return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes, 'after gzip decompression');
    throw new HttpProblem(400, `body is declared gzip but does not decompress: ${(error as Error).message}`);
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number, when = ''): HttpProblem {
  return new HttpProblem(413, `body is larger than the limit of ${maxBytes} bytes${when ? ` ${when}` : ''}; split it into smaller batches`);
}
