// Separates what a request asks the engine to run from the rows it carries. As on a server, the
// full text is the `query` URL parameter, a newline, then the body. If it begins
// `INSERT … FORMAT X`, everything after the format name is row data and stays a byte stream
// (never buffered whole, never turned into a string); any other text is one SQL statement.
import { clickHouseException, EndpointException, ErrorCode } from './exception-format.ts';
import { leadingKeyword } from './statement-shape.ts';

export type RequestStatement =
  | { kind: 'insert'; insertQuery: string; format: string; data: AsyncIterable<Buffer> }
  | { kind: 'sql'; sql: string };

export interface RequestTextLimits {
  /** Bytes read while looking for `FORMAT name` before deciding the statement is not such an insert. */
  maxInsertHeadBytes: number;
  /** Largest SQL text accepted (the engine applies its own max_query_size too). */
  maxSqlBytes: number;
}

export const defaultRequestTextLimits: RequestTextLimits = { maxInsertHeadBytes: 1 << 20, maxSqlBytes: 256 << 20 };

// Decoded as latin1 so string offsets are byte offsets. INSERT … VALUES and INSERT … SELECT
// are ordinary statements; their text may contain the word FORMAT inside literals.
const insertWithFormat = /^\s*INSERT\s+INTO\s(?:(?!\bVALUES\b|\bSELECT\b|\bWITH\b)[\s\S])*?\bFORMAT\s+([A-Za-z0-9_]+)/i;

export async function readRequestStatement(
  urlQuery: string | undefined,
  body: AsyncIterable<Buffer>,
  limits: RequestTextLimits = defaultRequestTextLimits,
): Promise<RequestStatement> {
  const iterator = body[Symbol.asyncIterator]();
  const parts: Buffer[] = urlQuery ? [Buffer.from(`${urlQuery}\n`)] : [];
  let size = parts[0]?.length ?? 0;
  let ended = false;
  const pull = async (): Promise<boolean> => {
    const next = await iterator.next();
    if (next.done) return false;
    parts.push(next.value);
    size += next.value.length;
    if (size > limits.maxSqlBytes) {
      throw new EndpointException(clickHouseException(ErrorCode.QUERY_IS_TOO_LARGE, `Query exceeds ${limits.maxSqlBytes} bytes`));
    }
    return true;
  };

  while (size < 64 && !ended) ended = !(await pull());
  if (leadingKeyword(Buffer.concat(parts).toString('latin1')) === 'INSERT') {
    for (;;) {
      const head = Buffer.concat(parts);
      const insert = findInsertData(head, ended);
      if (insert) {
        return {
          kind: 'insert',
          insertQuery: head.subarray(0, insert.queryEnd).toString('utf8'),
          format: insert.format,
          data: continueWith(head.subarray(insert.dataStart), ended ? undefined : iterator),
        };
      }
      if (ended || size >= limits.maxInsertHeadBytes) break;
      ended = !(await pull());
    }
  }
  while (!ended) ended = !(await pull());
  return { kind: 'sql', sql: Buffer.concat(parts).toString('utf8') };
}

/**
 * Where the statement ends and its data begins. Like the server, data starts after the first
 * newline following the format name, or after the whitespace if the line continues. Until that
 * newline (or the end of the body) has arrived, the answer is not known yet.
 */
function findInsertData(head: Buffer, ended: boolean): { queryEnd: number; dataStart: number; format: string } | undefined {
  const match = insertWithFormat.exec(head.toString('latin1'));
  if (!match?.[1]) return undefined;
  const queryEnd = match.index + match[0].length;
  let i = queryEnd;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09)) i++;
  if (i === head.length && !ended) return undefined;
  if (head[i] === 0x0d && head[i + 1] === 0x0a) i += 2;
  else if (head[i] === 0x0a) i += 1;
  else if (head[i] === 0x0d && i + 1 === head.length && !ended) return undefined;
  return { queryEnd, dataStart: i, format: match[1] };
}

/**
 * `first`, then the rest of the body. A plain iterator rather than a generator: it adds no
 * promise hop per chunk, and stopping early (a failed insert) releases the body stream.
 */
function continueWith(first: Buffer, rest: AsyncIterator<Buffer> | undefined): AsyncIterable<Buffer> {
  let head: Buffer | undefined = first.length > 0 ? first : undefined;
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const iterator: AsyncIterator<Buffer> = {
    next: () => {
      if (head === undefined) return rest ? rest.next() : Promise.resolve(done);
      const value = head;
      head = undefined;
      return Promise.resolve({ done: false, value });
    },
    return: async () => {
      await rest?.return?.();
      return done;
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
