// A spool range as ClickHouse insert bodies: spool lines are `<table>\t<JSON row>\n`, and an
// insert wants one JSONEachRow body per table. Rows keep their bytes as written; the usual
// single-table range is rewritten in place (prefixes dropped) instead of copied.

export interface InsertBody {
  data: Buffer;
  rows: number;
}

/** One body per table. Takes ownership of `data` (a single-table range is rewritten in place). */
export function insertBodies(data: Buffer): Map<string, InsertBody> {
  const byTable = splitByTable(data);
  const bodies = new Map<string, InsertBody>();
  if (byTable.size === 1) {
    // The usual batch holds one table: drop the line prefixes in place instead of copying.
    const [table, lines] = [...byTable][0]!;
    let end = 0;
    for (const line of lines) {
      data.copyWithin(end, line.byteOffset - data.byteOffset, line.byteOffset - data.byteOffset + line.length);
      end += line.length;
    }
    bodies.set(table, { data: data.subarray(0, end), rows: lines.length });
  } else {
    for (const [table, lines] of byTable) bodies.set(table, { data: Buffer.concat(lines), rows: lines.length });
  }
  return bodies;
}

const tables = new Set(['finance_events', 'quarantine', 'spans', 'ingest_metrics', 'bank_files', 'bank_statement_entries', 'bank_balances', 'bank_payment_statuses', 'bank_file_checks']);

/** Groups `<table>\t<row>\n` lines by table, keeping each row's bytes as they are. */
export function splitByTable(data: Buffer): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  // Runs of lines for one table are the common case: compare the prefix bytes, not strings.
  let prefix: Buffer | undefined;
  let list: Buffer[] = [];
  let start = 0;
  while (start < data.length) {
    const newline = data.indexOf(0x0a, start);
    if (prefix && data.length - start > prefix.length && data.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0) {
      list.push(data.subarray(start + prefix.length, newline + 1));
      start = newline + 1;
      continue;
    }
    const tab = data.indexOf(0x09, start);
    const table = data.toString('latin1', start, tab);
    if (tab === -1 || (newline !== -1 && tab > newline) || !tables.has(table)) {
      throw new Error(`spool line at byte ${start} names unknown table "${table.slice(0, 40)}"`);
    }
    prefix = Buffer.from(`${table}\t`, 'latin1');
    list = out.get(table) ?? [];
    out.set(table, list);
    list.push(data.subarray(tab + 1, newline + 1));
    start = newline + 1;
  }
  return out;
}

