// Evidence for the metrics benchmark's slow procedures, on data a run kept
// (BENCH_METRICS_KEEP=1): opens the kept embedded ClickHouse in this process and times the
// pieces each slow procedure is built from — one statement of the several it runs, the
// document_state merge alone, the as-of re-aggregation of finance_events, the JSON
// extraction — with EXPLAIN indexes=1 where the question is "what does it read".
// Usage: tsx bench/metrics/explain-slow-paths.ts <kept data dir> [asOf ISO]
import { createClickHouse } from '../../platform/clickhouse/client.ts';
import { startEmbeddedClickHouse } from '../../platform/clickhouse/embedded/start.ts';
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import { chSql, p, queryRows, render, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { defaultSlaPolicies } from '../../server/settings/default-settings.ts';
import { bankConfirmationsSql } from '../../sql/queries/bank-confirmations.sql.ts';
import { currentDocumentsSql } from '../../sql/queries/current-documents.sql.ts';
import { bankEntriesSql, settlementDocumentsSql } from '../../sql/queries/payment-matching-documents.sql.ts';
import { stuckDocumentsSql } from '../../sql/queries/stuck-documents.sql.ts';
import { unmatchedPaymentsSql } from '../../sql/queries/unmatched-payments.sql.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: explain-slow-paths.ts <kept data dir> [asOf]');
const engine = await startEmbeddedClickHouse({ dataDir, port: 0 });
const ch = createClickHouse({ url: engine.url, username: engine.username, password: engine.password, database: 'closewatch' }, { requestTimeoutMs: 900_000 });
const rounds = Number(process.env.EXPLAIN_ROUNDS ?? 2);
const log = (line: string) => process.stdout.write(`${line}\n`);

async function time(label: string, sql: ChSql): Promise<void> {
  const runs: number[] = [];
  let rows = '';
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const [row] = await queryRows<{ n: string }>(ch, chSql`SELECT toString(count()) AS n FROM (${sql})`);
    runs.push(performance.now() - started);
    rows = row?.n ?? '';
  }
  log(`${Math.round(Math.min(...runs)).toString().padStart(7)} ms  ${rows.padStart(9)} rows  ${label}`);
}

async function explain(label: string, sql: ChSql): Promise<void> {
  const { query, query_params } = render(sql);
  const result = await ch.query({ query: `EXPLAIN indexes = 1 ${query}`, query_params, format: 'TabSeparatedRaw' });
  const lines = (await result.text()).split('\n').filter((l) => /ReadFromMergeTree|Keys|Condition|Parts|Granules|PrimaryKey|MinMax|Partition|Skip|Name/.test(l));
  log(`EXPLAIN ${label}\n${lines.map((l) => `    ${l.trimEnd()}`).join('\n')}`);
}

const [latest] = await queryRows<{ t: string }>(ch, chSql`SELECT toString(max(time)) AS t FROM finance_events`);
const asOf = process.argv[3] ? toClickHouseDateTime64(Date.parse(process.argv[3])) : latest!.t;
const now = asOf;
const [sizes] = await queryRows<Record<string, string>>(ch, chSql`SELECT
  (SELECT toString(count()) FROM finance_events) AS event_rows,
  (SELECT toString(count()) FROM document_state) AS document_state_rows,
  (SELECT toString(count()) FROM settlement_state) AS settlement_state_rows,
  (SELECT toString(countIf(document_type = 'payment')) FROM finance_events) AS payment_event_rows,
  (SELECT formatReadableSize(sum(data_uncompressed_bytes)) FROM system.parts WHERE active AND table = 'finance_events' AND database = currentDatabase()) AS finance_events_bytes,
  (SELECT formatReadableSize(sum(data_uncompressed_bytes)) FROM system.columns WHERE table = 'finance_events' AND name = 'data' AND database = currentDatabase()) AS data_column_bytes,
  (SELECT formatReadableSize(sum(data_uncompressed_bytes)) FROM system.parts WHERE active AND table = 'document_state' AND database = currentDatabase()) AS document_state_bytes`);
log(`sizes ${JSON.stringify(sizes)}; as of / now = ${asOf}`);

const policyTypes = [...new Set(defaultSlaPolicies.map((x) => x.documentType))];
const policyStages = [...new Set(defaultSlaPolicies.map((x) => x.stage))];
const stuck = (filter: Parameters<typeof currentDocumentsSql>[0]) => stuckDocumentsSql({ filter, now, policies: defaultSlaPolicies, calendarEntities: [] });

log('\n— stuck documents (now path: document_state) —');
await time('one of the 4 statements stuckDocuments runs (stuck rows, all columns)', stuck({}));
await time('document_state merged per document, all 6 columns (currentDocumentsSql)', currentDocumentsSql({}));
await time('document_state merged per document, stage + stage_entered_at only', chSql`SELECT entity, document_type, document_id, argMaxMerge(stage) AS stage, max(stage_entered_at) AS t FROM document_state GROUP BY entity, document_type, document_id`);
await time('documents whose current stage has an SLA policy (the only ones that can be stuck)', chSql`SELECT * FROM ${currentDocumentsSql({})} WHERE stage IN ${p.strings(policyStages)}`);
await time('stuck rows with the policy document types pushed into the key (documentTypes filter)', stuck({ documentTypes: policyTypes }));
await time('business_calendar FINAL (joined 3 times per statement)', chSql`SELECT * FROM business_calendar FINAL`);
// Proposal: merge only stage + stage_entered_at for every document, keep those in a stage with
// an SLA, and merge the other columns only for them.
const candidates = chSql`SELECT entity, document_type, document_id FROM document_state WHERE document_type IN ${p.strings(policyTypes)}
  GROUP BY entity, document_type, document_id HAVING argMaxMerge(stage) IN ${p.strings(policyStages)} AND max(stage_entered_at) <= ${p.dateTime64(now)} - INTERVAL 4 HOUR`;
await time('two-phase: candidates (stage merge only, stage with an SLA, entered > shortest SLA ago)', candidates);
await time('two-phase: all 6 columns merged only for the candidates', chSql`SELECT entity, document_type, document_id, argMaxMerge(stage) AS stage, max(stage_entered_at) AS t,
  argMaxMerge(amount) AS amount, argMaxMerge(currency) AS currency, argMaxMerge(counterparty_id) AS cid, argMaxMerge(counterparty_name) AS cname, groupUniqArrayArray(sources) AS sources
  FROM document_state WHERE (entity, document_type, document_id) IN (${candidates}) GROUP BY entity, document_type, document_id`);
await explain('document_state read with the document types filter', chSql`SELECT count() FROM document_state WHERE document_type IN ${p.strings(policyTypes)}`);

log('\n— as-of path: re-aggregation of finance_events —');
await time('stuck rows as of (currentDocumentsSql re-aggregating finance_events)', stuck({ asOf }));
await time('current documents as of (LIMIT 1 BY source, id, then GROUP BY document)', currentDocumentsSql({ asOf }));
await time('dedupe step alone: finance_events LIMIT 1 BY source, id', chSql`SELECT source, id FROM finance_events WHERE time <= ${p.dateTime64(asOf)} LIMIT 1 BY source, id`);
await time('finance_events FINAL instead (same identities)', chSql`SELECT source, id FROM finance_events FINAL WHERE time <= ${p.dateTime64(asOf)}`);
await time('events after the as-of moment (what an incremental as-of would recompute)', chSql`SELECT * FROM finance_events WHERE time > ${p.dateTime64(asOf)} - INTERVAL 1 DAY`);
await explain('as-of read of finance_events (ORDER BY source, id; partition by month)', chSql`SELECT count() FROM finance_events WHERE document_type = 'payment' AND time <= ${p.dateTime64(asOf)}`);

log('\n— delayed confirmations (always re-aggregates finance_events) —');
const sla = { entities: [], values: [], fallback: 24 };
await time('one of the 4 statements delayedConfirmations runs', bankConfirmationsSql({ filter: {}, now, confirmationSlaHours: sla }));
await time('payment events, deduplicated (LIMIT 1 BY source, id)', chSql`SELECT * FROM finance_events WHERE document_type = 'payment' AND time <= ${p.dateTime64(now)} LIMIT 1 BY source, id`);
await time('payments grouped without the 3 JSONExtractString columns', chSql`SELECT entity, document_id, argMax(amount, (time, source, id)) AS amount, maxIf(time, type = 'finance.payment.sent') AS sent_at, countIf(type IN ('finance.payment.acknowledged', 'finance.payment.settled', 'finance.payment.rejected', 'finance.payment.returned')) AS statuses FROM (SELECT * FROM finance_events WHERE document_type = 'payment' AND time <= ${p.dateTime64(now)} LIMIT 1 BY source, id) GROUP BY entity, document_id`);
await time('the same payments from settlement_state (kept incrementally)', chSql`SELECT entity, document_id, argMaxMerge(amount) AS amount, max(released_at) AS released, groupUniqArrayArray(types) AS types FROM settlement_state WHERE document_type = 'payment' GROUP BY entity, document_id`);

log('\n— unmatched payments —');
await time('matcher watermark, run before every call (max(received_at) over finance_events)', chSql`SELECT max(received_at), count() FROM finance_events WHERE document_type IN ('payment', 'receipt', 'bank_entry')`);
await time('bank entries now (settlement_state merge + counterparty key)', bankEntriesSql(undefined));
await time('payments and receipts now (settlement_state merge + counterparty key)', settlementDocumentsSql(undefined));
await time('payments and receipts as of (re-aggregation of finance_events)', settlementDocumentsSql(asOf));
await time('payment_matches FINAL', chSql`SELECT * FROM payment_matches FINAL`);
await time('one of the 4 union statements unmatchedPayments runs (now)', unmatchedPaymentsSql({ filter: {}, now, confirmationSlaHours: sla, receiptApplyDays: { entities: [], values: [], fallback: 2 } }));

await ch.close();
await engine.close();
process.exit(0);
