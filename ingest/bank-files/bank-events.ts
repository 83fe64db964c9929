// Bank file records as ordinary finance CloudEvents (bank_entry.booked/pending,
// balance.reported, payment.acknowledged/settled/rejected, payment.sent), with ids derived
// from the file's content so the same file always yields the same events.
import type { PaymentInstruction, PaymentStatus, StatementBalance, StatementEntry, TransactionDetail } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { capText, ledgerAmount, startOfDay } from './bank-values.ts';
import { batchProblem } from './statement-checks.ts';

export interface EventContext {
  /** sha256 of the file, hex. */
  fileId: string;
  /** The id prefix of everything from this file (first 20 hex digits of fileId). */
  fileKey: string;
  entity: string;
}

export interface BankEvent {
  event: Record<string, unknown>;
  /** Where in the file the event comes from, for refusals. */
  path: string;
}

/** Drops empty values: the catalogue's identifier fields must not be empty strings. */
function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}

function cloudEvent(id: string, source: string, type: string, time: string, data: Record<string, unknown>): Record<string, unknown> {
  return { specversion: '1.0', id, source, type, time, datacontenttype: 'application/json', data: compact(data) };
}

export function entryEventId(ctx: EventContext, entry: StatementEntry, detail?: TransactionDetail): string {
  const base = `${ctx.fileKey}:s${entry.statement.index}:e${entry.index}`;
  return detail ? `${base}:t${detail.index}` : base;
}

/** Whether a batched entry is told per transaction: every detail has an amount and they sum to the entry. */
export function eventPerTransaction(entry: StatementEntry): boolean {
  return entry.details.length > 1 && entry.details.every((d) => d.amount !== null) && batchProblem(entry) === null;
}

/** Events for a statement entry: none for information-only entries, else one per entry or per transaction. */
export function entryEvents(ctx: EventContext, entry: StatementEntry): BankEvent[] {
  if (entry.status === 'info') return [];
  if (eventPerTransaction(entry)) return entry.details.map((d) => ({ event: entryEvent(ctx, entry, d, d.amount!), path: d.path }));
  const single = entry.details.length === 1 ? entry.details[0] : undefined;
  return [{ event: entryEvent(ctx, entry, single, entry.amount), path: entry.path }];
}

function entryEvent(ctx: EventContext, entry: StatementEntry, detail: TransactionDetail | undefined, amount: string): Record<string, unknown> {
  const booked = entry.status === 'booked';
  const valueDate = entry.valueDate || entry.bookingDate;
  if (booked && !valueDate) throw new BankFileRefusal(`${entry.path}/ValDt`, 'is required for a booked entry');
  const time = entry.bookingTime || (entry.bookingDate || valueDate ? startOfDay(entry.bookingDate || valueDate) : entry.statement.createdAt);
  if (!time) throw new BankFileRefusal(`${entry.path}/BookgDt`, 'is required when the statement has no creation time');
  const perTransaction = detail !== undefined && entry.details.length > 1;
  const id = entryEventId(ctx, entry, perTransaction ? detail : undefined);
  const many = entry.details.length > 1 && !perTransaction ? entry.details : [];
  const shared = (pick: (d: TransactionDetail) => string) => (many.length && many.every((d) => pick(d) === pick(many[0]!)) ? pick(many[0]!) : '');
  const refs = detail ?? { endToEndId: shared((d) => d.endToEndId), counterpartyName: shared((d) => d.counterpartyName), counterpartyAccount: shared((d) => d.counterpartyAccount) };
  const bankRef = detail?.accountServicerRef || (entry.accountServicerRef && perTransaction ? `${entry.accountServicerRef}/${detail.index}` : entry.accountServicerRef);
  const code = detail?.bankTxCode ?? entry.bankTxCode;
  return cloudEvent(id, entry.statement.source, booked ? 'finance.bank_entry.booked' : 'finance.bank_entry.pending', time, {
    entity: ctx.entity,
    document_id: bankRef ? `${entry.statement.account}/${bankRef}` : id,
    amount: ledgerAmount(amount, entry.currency),
    currency: entry.currency,
    account: entry.statement.account,
    credit_debit: entry.creditDebit,
    value_date: valueDate,
    booking_date: entry.bookingDate,
    end_to_end_id: refs.endToEndId,
    reference: detail?.creditorReferences[0] ?? '',
    counterparty_name: refs.counterpartyName,
    counterparty_account: refs.counterpartyAccount,
    counterparty_bic: detail?.counterpartyBic,
    remittance: detail?.remittance ?? capText([...new Set(many.flatMap((d) => [...d.creditorReferences, d.remittance]).filter(Boolean))].join(' '), 2000),
    creditor_references: detail && detail.creditorReferences.length > 1 ? detail.creditorReferences : undefined,
    mandate_id: detail?.mandateId,
    instruction_id: detail?.instructionId,
    entry_reference: entry.entryRef,
    account_servicer_reference: bankRef,
    bank_status: entry.statusCode,
    reversal: entry.reversal || undefined,
    bank_transaction_code: [code.domain, code.family, code.subFamily].filter(Boolean).join('/'),
    bank_transaction_proprietary: code.proprietary,
    entry_amount: perTransaction ? ledgerAmount(entry.amount, entry.currency) : undefined,
    batch_transactions: entry.details.length > 1 ? entry.details.length : undefined,
    statement_id: entry.statement.id,
    file_id: ctx.fileId,
  });
}

export function balanceEvent(ctx: EventContext, balance: StatementBalance): BankEvent | undefined {
  if (!balance.type) return undefined;
  const id = `${ctx.fileKey}:s${balance.statement.index}:b${balance.index}`;
  const event = cloudEvent(id, balance.statement.source, 'finance.balance.reported', startOfDay(balance.date), {
    entity: ctx.entity,
    amount: balance.amount,
    currency: balance.currency,
    account: balance.statement.account,
    balance_date: balance.date,
    balance_type: balance.type,
    balance_code: balance.code,
    statement_id: balance.statement.id,
    file_id: ctx.fileId,
  });
  return { event, path: balance.path };
}

const statusTypes: Record<string, string> = { ACSC: 'finance.payment.settled', ACCC: 'finance.payment.settled', RJCT: 'finance.payment.rejected' };

export function statusEvent(ctx: EventContext, status: PaymentStatus): BankEvent {
  const type = statusTypes[status.status] ?? 'finance.payment.acknowledged';
  const batch = status.level !== 'transaction';
  const fallback = `${status.originalMessageId}/${status.originalPaymentInfoId || status.key}`;
  const documentId = status.level === 'group' ? status.originalMessageId : batch ? fallback : status.originalEndToEndId || status.originalInstructionId || `${fallback}/${status.key}`;
  const event = cloudEvent(`${ctx.fileKey}:${status.key}`, status.source, type, status.acceptedAt || status.reportCreatedAt, {
    entity: ctx.entity,
    document_type: batch ? 'payment_batch' : 'payment',
    document_id: documentId,
    end_to_end_id: status.originalEndToEndId,
    amount: status.amount,
    currency: status.currency,
    reason_code: status.reasonCode || (status.status === 'RJCT' ? 'NOT_GIVEN' : ''),
    reason_text: status.reasonText,
    bank_status: status.status,
    status_level: status.level,
    original_message_id: status.originalMessageId,
    original_message_type: status.originalMessageType,
    original_payment_information_id: status.originalPaymentInfoId,
    original_instruction_id: status.originalInstructionId,
    account_servicer_reference: status.accountServicerRef,
    report_message_id: status.reportMessageId,
    file_id: ctx.fileId,
  });
  return { event, path: status.path };
}

export function instructionEvent(ctx: EventContext, p: PaymentInstruction): BankEvent {
  const event = cloudEvent(`${ctx.fileKey}:${p.key}`, p.source, 'finance.payment.sent', p.createdAt, {
    entity: ctx.entity,
    document_id: p.endToEndId || p.instructionId || `${p.messageId}/${p.key}`,
    amount: p.amount,
    currency: p.currency,
    end_to_end_id: p.endToEndId,
    account: p.debtorAccount,
    counterparty_name: p.creditorName,
    counterparty_account: p.creditorAccount,
    remittance: p.remittance,
    requested_execution_date: p.requestedDate,
    message_id: p.messageId,
    payment_information_id: p.paymentInfoId,
    instruction_id: p.instructionId,
    file_id: ctx.fileId,
  });
  return { event, path: p.path };
}
