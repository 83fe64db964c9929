// What the endpoint needs to know about a statement without parsing SQL: its first keyword
// (streamable SELECT or buffered anything-else), the FORMAT it ends with, the `{name:Type}`
// placeholders it uses, and for `INSERT … FORMAT X` a plain target that chDB's raw insert takes.

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const qualifiedIdentifier = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** Index of the first character after leading whitespace, comments and opening parentheses. */
export function statementStart(sql: string): number {
  let i = 0;
  for (;;) {
    while (i < sql.length && (/\s/.test(sql[i] ?? '') || sql[i] === '(')) i++;
    if (sql.startsWith('--', i) || sql.startsWith('#', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else {
      return i;
    }
  }
}

/** The statement's first keyword, upper-cased ('' for an empty statement). */
export function leadingKeyword(sql: string): string {
  const start = statementStart(sql);
  return /^[A-Za-z_]+/.exec(sql.slice(start, start + 32))?.[0].toUpperCase() ?? '';
}

/** SELECT and WITH stream chunk by chunk; chDB's streaming API refuses everything else (code 36). */
export function isStreamableQuery(sql: string): boolean {
  const keyword = leadingKeyword(sql);
  return keyword === 'SELECT' || keyword === 'WITH';
}

/** Statements that change connection state which must not outlive one request on a shared connection. */
export function changesConnectionState(sql: string): boolean {
  const keyword = leadingKeyword(sql);
  if (keyword === 'SET' || keyword === 'USE') return true;
  return keyword === 'CREATE' && /^\s*CREATE\s+(OR\s+REPLACE\s+)?TEMPORARY\b/i.test(sql.slice(statementStart(sql)));
}

/** The `FORMAT name` a statement ends with, if any. */
export function trailingFormat(sql: string): string | undefined {
  return /\bFORMAT\s+([A-Za-z0-9_]+)\s*;?\s*$/i.exec(sql)?.[1];
}

/** Names of `{name:Type}` query-parameter placeholders (may over-report from string literals). */
export function placeholderNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const match of sql.matchAll(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/g)) names.add(match[1] ?? '');
  return names;
}

/** The target of `INSERT INTO db.table (a, b) FORMAT X` when it is plain enough for chDB's raw insert. */
export interface RawInsertTarget {
  table: string;
  columns: string[] | undefined;
}

export function rawInsertTarget(insertQuery: string): RawInsertTarget | undefined {
  const match = /^\s*INSERT\s+INTO\s+(?:TABLE\s+)?([A-Za-z0-9_.]+)\s*(?:\(([^()]*)\))?\s*FORMAT\s+[A-Za-z0-9_]+\s*$/i.exec(insertQuery);
  if (!match?.[1] || !qualifiedIdentifier.test(match[1])) return undefined;
  if (match[2] === undefined) return { table: match[1], columns: undefined };
  const columns = match[2].split(',').map((column) => column.trim());
  return columns.every((column) => identifier.test(column)) ? { table: match[1], columns } : undefined;
}

/** Formats whose rows never contain a raw newline, so a body can be cut at any newline. */
const lineDelimitedFormats = new Set(
  [
    'JSONEachRow',
    'JSONLines',
    'NDJSON',
    'JSONStringsEachRow',
    'JSONCompactEachRow',
    'JSONCompactStringsEachRow',
    'TabSeparated',
    'TSV',
    'TabSeparatedRaw',
    'TSVRaw',
    'Raw',
  ].map((name) => name.toLowerCase()),
);

export function isLineDelimitedFormat(format: string): boolean {
  return lineDelimitedFormats.has(format.toLowerCase());
}

/** Formats chDB's raw (Buffer, zero-copy) insert accepts. */
const rawInsertFormats = new Map(
  ['JSONEachRow', 'JSONCompactEachRow', 'TabSeparated', 'TSV', 'TSVWithNames', 'TabSeparatedWithNames', 'CSV', 'CSVWithNames'].map(
    (name) => [name.toLowerCase(), name] as const,
  ),
);

/** chDB's spelling of `format` for its raw insert, or undefined if it is not one of them. */
export function rawInsertFormat(format: string): string | undefined {
  return rawInsertFormats.get(format.toLowerCase());
}

/** Binary formats: these cannot travel as SQL text, which is the only path besides the raw insert. */
const binaryFormats = /^(RowBinary\w*|Native|Parquet|Arrow|ArrowStream|ORC|Avro|AvroConfluent|Protobuf\w*|CapnProto|MsgPack|BSONEachRow|Npy)$/i;

export function isBinaryFormat(format: string): boolean {
  return binaryFormats.test(format);
}
