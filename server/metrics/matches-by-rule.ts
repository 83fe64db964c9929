// Matches by rule for the unmatched-payments answer, remembered per client and filter while
// payment_matches has not changed. The summary groups every full match (a second or more at
// millions of matches), yet matches change only when the matcher runs. A remembered answer is
// used only when nothing was written to payment_matches since (the same active parts) and
// no match's evidence time lies between the moment it was computed for and
// the moment asked for (a match dated in between counts at one and not the other), so it is
// always the answer the statement would give.
import type { ClickHouseClient } from '@clickhouse/client';
import { chSql, p, queryRows } from '../../platform/clickhouse/sql-template.ts';
import type { DocumentFilter } from '../../sql/queries/current-documents.sql.ts';
import { matchesByRuleSql } from '../../sql/queries/unmatched-payments.sql.ts';

export interface MatchesByRuleRow {
  rule: string;
  currency: string;
  bank_entries: string;
  documents: string;
  document_amount: string;
}

interface Remembered {
  version: string;
  now: string;
  rows: MatchesByRuleRow[];
}

/** Filters remembered per client, oldest forgotten first. */
const maxRemembered = 64;
const remembered = new WeakMap<ClickHouseClient, Map<string, Remembered>>();

/**
 * payment_matches as written: its active parts (every insert makes a new part; a merge
 * renames parts without changing what they hold, which costs a recomputation, never a wrong
 * answer). Read from the parts' metadata: max(matched_at) would scan every match. '' when
 * there are no parts to tell by.
 */
async function matchesVersion(ch: ClickHouseClient): Promise<string> {
  const [v] = await queryRows<{ version: string }>(ch, chSql`
    SELECT if(count() = 0, '', toString(cityHash64(arraySort(groupArray(name))))) AS version
    FROM system.parts WHERE database = currentDatabase() AND table = 'payment_matches' AND active`);
  return v!.version;
}

async function evidenceBetween(ch: ClickHouseClient, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  const [low, high] = a < b ? [a, b] : [b, a];
  const [row] = await queryRows<{ n: string }>(ch, chSql`
    SELECT toString(count()) AS n FROM payment_matches WHERE evidence_time > ${p.dateTime64(low)} AND evidence_time <= ${p.dateTime64(high)}`);
  return row!.n !== '0';
}

export async function matchesByRule(ch: ClickHouseClient, filter: DocumentFilter, now: string): Promise<MatchesByRuleRow[]> {
  const key = JSON.stringify([filter.entities ?? [], filter.currencies ?? []]);
  const byFilter = remembered.get(ch) ?? new Map<string, Remembered>();
  remembered.set(ch, byFilter);
  const version = await matchesVersion(ch);
  // no parts here (no matches yet, or a Distributed table whose parts live on the shards): never remembered
  if (version === '') return queryRows<MatchesByRuleRow>(ch, matchesByRuleSql({ filter, now }));
  const known = byFilter.get(key);
  if (known && known.version === version && !(await evidenceBetween(ch, known.now, now))) return known.rows;
  const rows = await queryRows<MatchesByRuleRow>(ch, matchesByRuleSql({ filter, now }));
  // (only if nothing was written while it ran: else the next call computes it again)
  if ((await matchesVersion(ch)) === version) {
    byFilter.delete(key);
    byFilter.set(key, { version, now, rows });
    if (byFilter.size > maxRemembered) byFilter.delete(byFilter.keys().next().value!);
  }
  return rows;
}
