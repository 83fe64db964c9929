// Bank file records as rows of the detail tables the matching and confirmation metrics
// read (sql/clickhouse/0006_bank_files.sql), each as a spool line `<table>\t<JSON row>\n`.
import { toClickHouseDateTime64 } from '../../platform/clickhouse/datetime.ts';
import type { CheckResult, PaymentStatus, StatementBalance, StatementEntry } from './bank-file-model.ts';
import { entryEventId, eventPerTransaction, type EventContext } from './bank-events.ts';

export const bankTables = ['bank_files', 'bank_statement_entries', 'bank_balances', 'bank_payment_statuses', 'bank_file_checks'] as const;

export interface RowContext extends EventContext {
  receivedAt: string;
}

export function rowContext(ctx: EventContext, receivedAtMs: number): RowContext {
  return { ...ctx, receivedAt: toClickHouseDateTime64(receivedAtMs) };
}

const line = (table: (typeof bankTables)[number], row: object) => `${table}\t${JSON.stringify(row)}\n`;
const dateOrNull = (date: string) => (date === '' ? null : date);

/** One row per transaction detail (one for an entry without details). */
export function entryLines(ctx: RowContext, entry: StatementEntry): string[] {
  const s = entry.statement;
  const perTransaction = eventPerTransaction(entry);
  const details = entry.details.length ? entry.details : [undefined];
  return details.map((d) => {
    const code = d?.bankTxCode ?? entry.bankTxCode;
    return line('bank_statement_entries', {
      file_id: ctx.fileId,
      row_id: d ? `${ctx.fileKey}:s${s.index}:e${entry.index}:t${d.index}` : `${ctx.fileKey}:s${s.index}:e${entry.index}`,
      source: s.source,
      event_id: entry.status === 'info' ? '' : entryEventId(ctx, entry, perTransaction ? d : undefined),
      entity: ctx.entity,
      statement_id: s.id,
      statement_index: s.index,
      statement_sequence: s.sequence,
      entry_index: entry.index,
      tx_index: d?.index ?? 0,
      tx_count: entry.details.length,
      account: s.account,
      account_iban: s.iban,
      account_currency: s.accountCurrency,
      servicer_bic: s.servicerBic,
      entry_reference: entry.entryRef,
      account_servicer_reference: entry.accountServicerRef,
      booking_date: dateOrNull(entry.bookingDate),
      value_date: dateOrNull(entry.valueDate),
      entry_amount: entry.amount,
      tx_amount: d?.amount ?? null,
      currency: entry.currency,
      credit_debit: entry.creditDebit,
      status: entry.status,
      status_code: entry.statusCode,
      reversal: entry.reversal ? 1 : 0,
      bank_tx_domain: code.domain,
      bank_tx_family: code.family,
      bank_tx_subfamily: code.subFamily,
      bank_tx_proprietary: code.proprietary,
      bank_tx_issuer: code.proprietaryIssuer,
      end_to_end_id: d?.endToEndId ?? '',
      instruction_id: d?.instructionId ?? '',
      payment_info_id: d?.paymentInfoId ?? '',
      message_id: d?.messageId ?? '',
      mandate_id: d?.mandateId ?? '',
      tx_account_servicer_reference: d?.accountServicerRef ?? '',
      creditor_reference: d?.creditorReferences[0] ?? '',
      creditor_references: d?.creditorReferences ?? [],
      remittance: d?.remittance ?? '',
      counterparty_name: d?.counterpartyName ?? '',
      counterparty_account: d?.counterpartyAccount ?? '',
      counterparty_bic: d?.counterpartyBic ?? '',
      additional_info: [entry.additionalInfo, d?.additionalInfo ?? ''].filter(Boolean).join(' | '),
      received_at: ctx.receivedAt,
    });
  });
}

export function balanceLine(ctx: RowContext, b: StatementBalance, eventId: string): string {
  return line('bank_balances', {
    file_id: ctx.fileId,
    row_id: `${ctx.fileKey}:s${b.statement.index}:b${b.index}`,
    source: b.statement.source,
    event_id: eventId,
    entity: ctx.entity,
    statement_id: b.statement.id,
    statement_index: b.statement.index,
    balance_index: b.index,
    account: b.statement.account,
    account_iban: b.statement.iban,
    balance_code: b.code,
    balance_type: b.type ?? '',
    amount: b.amount,
    currency: b.currency,
    balance_date: b.date,
    received_at: ctx.receivedAt,
  });
}

export function statusLine(ctx: RowContext, s: PaymentStatus, eventId: string): string {
  return line('bank_payment_statuses', {
    file_id: ctx.fileId,
    row_id: `${ctx.fileKey}:${s.key}`,
    source: s.source,
    event_id: eventId,
    entity: ctx.entity,
    level: s.level,
    report_message_id: s.reportMessageId,
    report_created_at: toClickHouseDateTime64(Date.parse(s.reportCreatedAt)),
    original_message_id: s.originalMessageId,
    original_message_type: s.originalMessageType,
    original_payment_info_id: s.originalPaymentInfoId,
    original_instruction_id: s.originalInstructionId,
    original_end_to_end_id: s.originalEndToEndId,
    status: s.status,
    reason_code: s.reasonCode,
    reason_text: s.reasonText,
    amount: s.amount,
    currency: s.currency,
    account_servicer_reference: s.accountServicerRef,
    accepted_at: s.acceptedAt ? toClickHouseDateTime64(Date.parse(s.acceptedAt)) : null,
    received_at: ctx.receivedAt,
  });
}

export function checkLines(ctx: RowContext, checks: readonly CheckResult[]): string[] {
  return checks.map((c, i) =>
    line('bank_file_checks', { file_id: ctx.fileId, check_index: i + 1, check_name: c.check, scope: c.scope, outcome: c.outcome, expected: c.expected, actual: c.actual, detail: c.detail, received_at: ctx.receivedAt }),
  );
}

export interface BankFileRow {
  file_id: string;
  file_name: string;
  channel: 'http' | 'inbox';
  api_key_prefix: string;
  message_type: string;
  message_version: string;
  message_id: string;
  source: string;
  entity: string;
  status: 'processed' | 'processed_with_exceptions' | 'failed';
  error_path: string;
  error_message: string;
  bytes: number;
  counts: Record<string, number>;
  checks_failed: number;
  answer: string;
}

export function bankFileLine(row: BankFileRow, receivedAtMs: number): string {
  const { counts, ...rest } = row;
  return line('bank_files', { ...rest, ...counts, received_at: toClickHouseDateTime64(receivedAtMs), version: receivedAtMs });
}
