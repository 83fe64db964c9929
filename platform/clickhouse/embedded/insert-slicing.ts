// Cuts an insert body into slices at row boundaries so a large insert runs in bounded memory:
// each slice is inserted as it arrives instead of buffering the whole body. The cut points
// depend only on the bytes (the last newline within each `sliceBytes` window), never on how
// the network chunked them, so a retried request is sliced identically and each slice's
// deduplication token names the same rows again.

/** Default slice size: large enough for the engine's parallel parser, small enough for memory. */
export const defaultSliceBytes = 16 << 20;

const NEWLINE = 0x0a;

/** Yields row-aligned slices of about `sliceBytes` (longer only when one row is longer). */
export async function* rowAlignedSlices(chunks: AsyncIterable<Uint8Array>, sliceBytes: number = defaultSliceBytes): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    pending.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.length;
    while (pendingBytes >= sliceBytes) {
      const cut = cutPoint(pending, sliceBytes);
      if (cut === undefined) break; // a row longer than a slice: wait for its newline
      const whole = Buffer.concat(pending, pendingBytes);
      yield whole.subarray(0, cut);
      // Copy the tail so the yielded slice's memory is not shared with the next one.
      const rest = Buffer.from(whole.subarray(cut));
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Offset just after the last newline within the first `window` bytes, or, if that window has
 * none, after the first newline beyond it. Undefined when no newline has arrived yet.
 */
function cutPoint(parts: Buffer[], window: number): number | undefined {
  let offset = 0;
  let lastWithin: number | undefined;
  for (const part of parts) {
    if (offset >= window) break;
    const limit = Math.min(part.length, window - offset);
    const found = part.lastIndexOf(NEWLINE, limit - 1);
    if (found >= 0) lastWithin = offset + found + 1;
    offset += part.length;
  }
  if (lastWithin !== undefined) return lastWithin;
  offset = 0;
  for (const part of parts) {
    const from = Math.max(0, window - offset);
    if (from < part.length) {
      const found = part.indexOf(NEWLINE, from);
      if (found >= 0) return offset + found + 1;
    }
    offset += part.length;
  }
  return undefined;
}
