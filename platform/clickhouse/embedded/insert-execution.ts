// Writes the rows of an `INSERT … FORMAT X` request into the engine. Line-delimited formats are
// inserted slice by slice as the body arrives (reading the next slice while the engine parses
// the previous one), so memory stays bounded; other formats are inserted in one piece. A plain
// target goes through chDB's raw insert (the Buffer is handed over without copying); anything
// else is sent as SQL text. Like a server splitting an insert into blocks, slices commit one
// by one: a failure part-way leaves the earlier slices written.
import { clickHouseException, EndpointException, ErrorCode } from './exception-format.ts';
import { defaultSliceBytes, rowAlignedSlices } from './insert-slicing.ts';
import { isBinaryFormat, isLineDelimitedFormat, rawInsertFormat, rawInsertTarget } from './statement-shape.ts';
import type { EngineConnection } from './session-pool.ts';
import { quoteString } from './session-state.ts';

export interface InsertOutcome {
  writtenRows: number;
  writtenBytes: number;
  elapsedNs: number;
}

export interface InsertRequest {
  /** `INSERT INTO … FORMAT X`, without data. */
  insertQuery: string;
  format: string;
  data: AsyncIterable<Buffer>;
  /** The request's insert_deduplication_token, if any: each slice gets `<token>_<n>`. */
  deduplicationToken: string | undefined;
  sliceBytes?: number;
}

type SliceWriter = (slice: Buffer, index: number) => Promise<{ rows: number; bytes: number }>;

export async function runInsert(connection: EngineConnection, insert: InsertRequest): Promise<InsertOutcome> {
  const started = process.hrtime.bigint();
  if (isBinaryFormat(insert.format)) {
    throw new EndpointException(
      clickHouseException(
        ErrorCode.NOT_IMPLEMENTED,
        `Insert format ${insert.format} is binary and not supported by the embedded ClickHouse endpoint; use JSONEachRow, JSONCompactEachRow, TabSeparated or CSV`,
      ),
    );
  }
  const write = sliceWriter(connection, insert);
  const slices = isLineDelimitedFormat(insert.format)
    ? rowAlignedSlices(insert.data, insert.sliceBytes ?? defaultSliceBytes)
    : wholeBody(insert.data);
  let writtenRows = 0;
  let writtenBytes = 0;
  let inFlight: Promise<{ rows: number; bytes: number }> | undefined;
  let index = 0;
  try {
    for await (const slice of slices) {
      if (inFlight) {
        const done = await inFlight;
        writtenRows += done.rows;
        writtenBytes += done.bytes;
      }
      inFlight = write(slice, index++);
      inFlight.catch(() => undefined); // awaited below; do not report it as unhandled meanwhile
    }
    if (inFlight) {
      const done = await inFlight;
      writtenRows += done.rows;
      writtenBytes += done.bytes;
      inFlight = undefined;
    }
  } finally {
    // Never hand the connection back while a slice is still being written on it.
    if (inFlight) await inFlight.catch(() => undefined);
  }
  return { writtenRows, writtenBytes, elapsedNs: Number(process.hrtime.bigint() - started) };
}

function sliceWriter(connection: EngineConnection, insert: InsertRequest): SliceWriter {
  const session = connection.session;
  const tokenFor = (index: number) =>
    insert.deduplicationToken === undefined ? undefined : `${insert.deduplicationToken}_${index}`;
  const target = rawInsertTarget(insert.insertQuery);
  const format = rawInsertFormat(insert.format);
  if (target && format) {
    return async (slice, index) => {
      const token = tokenFor(index);
      const summary = await session.insert({
        table: target.table,
        ...(target.columns ? { columns: target.columns } : {}),
        values: slice,
        format: format as 'JSONEachRow',
        ...(token === undefined ? {} : { settings: { insert_deduplication_token: token } }),
      });
      return { rows: summary.rowsWritten, bytes: summary.bytesWritten };
    };
  }
  return async (slice, index) => {
    const token = tokenFor(index);
    if (token !== undefined) {
      await session.queryAsync(`SET insert_deduplication_token = ${quoteString(token)}`);
      connection.state.settings.set('insert_deduplication_token', token); // reset by the next prelude
    }
    const result = await session.queryAsync(`${insert.insertQuery}\n${slice.toString('utf8')}`);
    // A text insert reports no written-row count; rows read is the closest the engine gives.
    return { rows: result.rowsRead, bytes: result.bytesRead };
  };
}

async function* wholeBody(data: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of data) parts.push(chunk);
  const body = Buffer.concat(parts);
  if (body.length > 0) yield body;
}
