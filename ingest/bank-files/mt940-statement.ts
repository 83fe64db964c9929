// SWIFT MT940 statements, field by field: several statements per file (each starts at :20:),
// balances :60F/M: :62F/M: :64: :65:, statement lines :61: with their :86: details. Every
// statement is reconciled (opening + credits − debits = closing) when it ends.
import type { BankRecordSink, StatementBalance, StatementEntry, StatementRef } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { bankSource } from './bank-source.ts';
import { capText, ledgerAmount } from './bank-values.ts';
import { mt940Details } from './mt940-details.ts';
import { fieldPath, mt940Balance, mt940Line, Mt940Tokenizer, refuse, type Mt940Field } from './mt940-fields.ts';
import { StatementReconciler } from './statement-checks.ts';

interface OpenStatement {
  start: Mt940Field;
  index: number;
  sequence: string;
  account: string;
  ref?: StatementRef;
  reconciler: StatementReconciler;
  balances: number;
  entries: number;
  opened: boolean;
  closed: boolean;
  pending?: { field: Mt940Field; details?: Mt940Field };
}

const balanceCodes: Record<string, { code: string; type: StatementBalance['type']; role?: 'opening' | 'closing' }> = {
  '60F': { code: 'OPBD', type: 'opening', role: 'opening' },
  '60M': { code: 'ITBD', type: 'interim', role: 'opening' },
  '62F': { code: 'CLBD', type: 'closing', role: 'closing' },
  '62M': { code: 'ITBD', type: 'interim', role: 'closing' },
  '64': { code: 'CLAV', type: 'available' },
  '65': { code: 'FWAV', type: 'forward_available' },
};

const ibanPattern = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

export async function readMt940(lines: AsyncIterable<string>, sink: BankRecordSink, afterChunk: () => Promise<void>): Promise<void> {
  const tokenizer = new Mt940Tokenizer();
  let count = 0;
  let current: OpenStatement | undefined;
  let lineNo = 0;
  let first: OpenStatement | undefined;

  const field = (f: Mt940Field) => {
    if (f.tag === '20') {
      if (current) finish(current);
      current = { start: f, index: ++count, sequence: '', account: '', reconciler: new StatementReconciler(`statement ${f.value.trim()} (line ${f.line})`, true), balances: 0, entries: 0, opened: false, closed: false };
      first ??= current;
      return;
    }
    if (!current) {
      if (['25', '28C', '60F', '61', '62F'].includes(f.tag)) refuse(f, 'comes before the :20: that starts a statement');
      return; // e.g. a bank's own ":940:" header line
    }
    const s = current;
    if (f.tag === '86' && s.pending && !s.pending.details) {
      s.pending.details = f;
      return;
    }
    flushLine(s);
    if (f.tag === '25' || f.tag === '25P') s.account = f.value.split('\n')[0]!.trim();
    else if (f.tag === '28C' || f.tag === '28') s.sequence = f.value.trim();
    else if (f.tag === '61') s.pending = { field: f };
    else if (balanceCodes[f.tag]) balance(s, f);
  };

  const seal = (s: OpenStatement, f: Mt940Field, currency: string): StatementRef => {
    if (s.ref) return s.ref;
    if (!s.account) refuse(f, 'the statement has no :25: account before its balances');
    const bic = /^([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?)\//.exec(s.account)?.[1] ?? tokenizer.senderBic;
    // Some banks append the currency to the account ("NL71RABO0123456789EUR").
    const compact = s.account.replace(/\s/g, '');
    const iban = compact.endsWith(currency) ? compact.slice(0, -currency.length) : compact;
    s.ref = {
      index: s.index,
      id: s.start.value.trim(),
      sequence: s.sequence,
      createdAt: '',
      account: capText(s.account, 64),
      iban: ibanPattern.test(iban) ? iban : '',
      accountCurrency: currency,
      servicerBic: bic,
      source: bankSource(bic),
      path: fieldPath(s.start),
    };
    sink.statement(s.ref);
    return s.ref;
  };

  const balance = (s: OpenStatement, f: Mt940Field) => {
    const spec = balanceCodes[f.tag]!;
    const b = mt940Balance(f);
    const ref = seal(s, f, b.currency);
    const record: StatementBalance = { statement: ref, index: ++s.balances, path: fieldPath(f), code: spec.code, type: spec.type, amount: ledgerAmount(b.debit && !/^0+(\.0*)?$/.test(b.amount) ? `-${b.amount}` : b.amount, b.currency), currency: b.currency, date: b.date };
    if (spec.role === 'opening') s.opened = true;
    if (spec.role === 'closing') s.closed = true;
    s.reconciler.balance(record, spec.role);
    sink.balance(record);
  };

  const flushLine = (s: OpenStatement) => {
    if (!s.pending) return;
    const { field: f, details } = s.pending;
    s.pending = undefined;
    if (!s.ref || !s.opened) refuse(f, 'a statement line must follow the opening balance :60F: (which gives the currency)');
    const entry = statementEntry(s.ref, ++s.entries, f, details);
    s.reconciler.entry(entry);
    sink.entry(entry);
  };

  const finish = (s: OpenStatement) => {
    flushLine(s);
    if (!s.opened) refuse(s.start, 'the statement has no opening balance :60F: or :60M:');
    if (!s.closed) refuse(s.start, 'the statement has no closing balance :62F: or :62M:');
    s.reconciler.results().forEach((r) => sink.check(r));
  };

  for await (const text of lines) {
    tokenizer.push(text, ++lineNo).forEach(field);
    if (lineNo % 2000 === 0) await afterChunk();
  }
  tokenizer.end().forEach(field);
  if (!current) throw new BankFileRefusal('line 1', 'no MT940 statement (:20:) in the file', 400, 1);
  finish(current);
  sink.file({ messageId: first!.start.value.trim(), createdAt: '', source: first!.ref?.source ?? 'bank/unknown' });
}

function statementEntry(ref: StatementRef, index: number, f: Mt940Field, details: Mt940Field | undefined): StatementEntry {
  const line = mt940Line(f);
  const d = mt940Details(details?.value ?? '');
  const supplementaryAccount = /^[A-Z0-9]{6,34}$/.test(line.supplementary) ? line.supplementary : '';
  return {
    statement: ref,
    index,
    path: fieldPath(f),
    entryRef: line.customerRef,
    accountServicerRef: line.bankRef,
    bookingDate: line.entryDate || line.valueDate,
    bookingTime: '',
    valueDate: line.valueDate,
    amount: ledgerAmount(line.amount, ref.accountCurrency),
    currency: ref.accountCurrency,
    creditDebit: line.creditDebit,
    status: 'booked',
    statusCode: 'BOOK',
    reversal: line.reversal,
    bankTxCode: { domain: '', family: '', subFamily: '', proprietary: line.typeCode, proprietaryIssuer: 'SWIFT' },
    additionalInfo: supplementaryAccount ? '' : capText(line.supplementary, 500),
    details: [
      {
        index: 1,
        path: details ? fieldPath(details) : fieldPath(f),
        amount: null,
        accountServicerRef: '',
        endToEndId: d.endToEndId,
        instructionId: '',
        paymentInfoId: d.paymentInfoId,
        messageId: '',
        mandateId: d.mandateId,
        creditorReferences: d.creditorReference ? [d.creditorReference] : [],
        remittance: d.remittance,
        counterpartyName: capText(d.counterpartyName, 256),
        counterpartyAccount: d.counterpartyAccount || supplementaryAccount,
        counterpartyBic: d.counterpartyBic,
        additionalInfo: d.bookingText,
        bankTxCode: d.transactionCode ? { domain: '', family: '', subFamily: '', proprietary: d.transactionCode, proprietaryIssuer: 'DK' } : null,
      },
    ],
    batch: { count: null, amount: null },
  };
}
