// Batches ClickHouse refuses for what they contain (not for being unreachable) would block
// the spool forever. After repeated refusals such a batch is moved, byte for byte, to
// <spool>/dead-letter/ with the reason next to it — kept for inspection and replay, never
// dropped — and flushing goes on.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClickHouseError } from '@clickhouse/client';

/** ClickHouse error codes that mean "this data or statement is wrong", which retrying cannot fix. */
const refusedDataCodes = new Set([
  '6', '16', '26', '27', '32', '33', '38', '41', '53', '60', '62', '69', '70', '72', '117', '131', '349',
]);

export function isRefusedData(error: unknown): boolean {
  return error instanceof ClickHouseError && refusedDataCodes.has(String(error.code));
}

export async function writeDeadLetter(spoolDir: string, token: string, data: Buffer, error: Error): Promise<string> {
  const dir = join(spoolDir, 'dead-letter');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${token}.log`);
  await writeFile(file, data, { flush: true });
  await writeFile(`${file}.reason.txt`, `${new Date().toISOString()} ClickHouse refused this batch: ${error.message}\n`, { flush: true });
  return file;
}
