// A line on a bank statement (camt.053 / MT940 entry) as the bank connector reports it:
// the account, money in or out, value and booking dates and the references that let
// the entry be matched to the ERP document behind it.
import { isoDate } from '../company/business-clock.ts';
import type { BankAccount, LegalEntity } from '../company/legal-entities.ts';
import { formatMinor } from '../company/money.ts';
import type { CloudEvent } from '../sim-event.ts';
import { cloudEvent } from './cloud-event.ts';

export interface BankEntry {
  entity: LegalEntity;
  account: BankAccount;
  documentId: string;
  amount: bigint;
  creditDebit: 'CRDT' | 'DBIT';
  valueDay: number;
  bookingDay: number;
  endToEndId: string;
  /** Structured reference or remittance text, when the payer gave one. */
  reference?: string;
  counterpartyName: string;
}

export function bankEntryBooked(entry: BankEntry, atMs: number): CloudEvent {
  const data: Record<string, string> = {
    entity: entry.entity.code,
    document_type: 'bank_entry',
    document_id: entry.documentId,
    account: entry.account.account,
    amount: formatMinor(entry.amount, entry.entity.currency),
    currency: entry.entity.currency,
    credit_debit: entry.creditDebit,
    value_date: isoDate(entry.valueDay),
    booking_date: isoDate(entry.bookingDay),
    end_to_end_id: entry.endToEndId,
    counterparty_name: entry.counterpartyName,
  };
  if (entry.reference !== undefined) data.reference = entry.reference;
  return cloudEvent(entry.account.bankSource, `${entry.documentId}.booked`, 'finance.bank_entry.booked', atMs, entry.documentId, data);
}
