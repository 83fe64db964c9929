// Maps quarantine.summary rows (source × channel × first error path) to the strip above the
// list: the sources with the most refused records, each with its commonest first reasons.
// Counts stay exact (BigInt) end to end.
import { formatCount } from '../components/format-count.ts';

export interface SummaryRow {
  source: string;
  channel: string;
  first_error_path: string;
  records: string;
  last_at: string;
}

export interface SourcePath {
  path: string;
  records: string;
  recordsLabel: string;
}

export interface SourceSummary {
  source: string;
  sourceLabel: string;
  records: string;
  recordsLabel: string;
  paths: SourcePath[];
  /** Further first error paths beyond those listed. */
  otherPaths: number;
}

const isRow = (value: unknown): value is SummaryRow => {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return ['source', 'channel', 'first_error_path', 'records', 'last_at'].every((key) => typeof row[key] === 'string') && /^\d+$/.test(row.records as string);
};

/** Checks the rows' shape (the procedure is untyped on the wire); a bad row is an error, never silently skipped. */
export function parseSummaryRows(rows: readonly unknown[]): SummaryRow[] {
  return rows.map((row, i) => {
    if (!isRow(row)) throw new Error(`quarantine.summary row ${i} is not {source, channel, first_error_path, records, last_at}: ${JSON.stringify(row)}`);
    return row;
  });
}

export function topSources(rows: readonly SummaryRow[], limits = { sources: 5, pathsPerSource: 3 }, locale?: string): SourceSummary[] {
  const bySource = new Map<string, Map<string, bigint>>();
  for (const row of rows) {
    const paths = bySource.get(row.source) ?? new Map<string, bigint>();
    const path = row.first_error_path || '(record)';
    paths.set(path, (paths.get(path) ?? 0n) + BigInt(row.records));
    bySource.set(row.source, paths);
  }
  const byCount = <T extends { count: bigint; name: string }>(a: T, b: T) => (a.count === b.count ? a.name.localeCompare(b.name) : a.count > b.count ? -1 : 1);
  return [...bySource]
    .map(([source, paths]) => ({
      name: source,
      count: [...paths.values()].reduce((sum, n) => sum + n, 0n),
      paths: [...paths].map(([name, count]) => ({ name, count })).sort(byCount),
    }))
    .sort(byCount)
    .slice(0, limits.sources)
    .map(({ name, count, paths }) => ({
      source: name,
      sourceLabel: name === '' ? '(unknown source)' : name,
      records: count.toString(),
      recordsLabel: formatCount(count.toString(), locale),
      paths: paths.slice(0, limits.pathsPerSource).map((p) => ({ path: p.name, records: p.count.toString(), recordsLabel: formatCount(p.count.toString(), locale) })),
      otherPaths: Math.max(0, paths.length - limits.pathsPerSource),
    }));
}
