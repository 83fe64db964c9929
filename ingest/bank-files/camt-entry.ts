// One camt entry (Ntry) with its transaction details (TxDtls), read by element names that
// hold from camt.05x.001.02 to the current versions (e.g. Sts as text up to .07 and as
// Sts/Cd from .08; TxDtls/AmtDtls/TxAmt in .02 and TxDtls/Amt from .03; Dbtr/Nm or Dbtr/Pty/Nm).
import type { BankTxCode, EntryStatus, StatementEntry, StatementRef, TransactionDetail } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { capText, isoAmount, isoCurrency, isoDate, isoDateTime, joinRemittance, oneLine } from './bank-values.ts';
import { all, at, firstText, required, textAt } from './xml-node.ts';
import type { XmlNode } from './xml-stream.ts';

/** An amount element such as <Amt Ccy="EUR">10.00</Amt>. */
export function amountOf(amt: XmlNode): { amount: string; currency: string } {
  return { currency: isoCurrency(amt.attrs.Ccy ?? '', `${amt.path}/@Ccy`), amount: isoAmount(amt.text, amt.path) };
}

/** CRDT or DBIT at the given element. */
export function creditDebitOf(node: XmlNode, ...names: string[]): 'CRDT' | 'DBIT' {
  const element = required(node, ...names);
  if (element.text !== 'CRDT' && element.text !== 'DBIT') throw new BankFileRefusal(element.path, `must be CRDT or DBIT (got "${element.text.slice(0, 20)}")`);
  return element.text;
}

const statusByCode: Record<string, EntryStatus> = { BOOK: 'booked', PDNG: 'pending', FUTR: 'pending', INFO: 'info' };

export function camtEntry(ntry: XmlNode, statement: StatementRef, index: number): StatementEntry {
  const { amount, currency } = amountOf(required(ntry, 'Amt'));
  const creditDebit = creditDebitOf(ntry, 'CdtDbtInd');
  const sts = required(ntry, 'Sts');
  const statusCode = sts.children.length ? firstText(sts, ['Cd'], ['Prtry']) : sts.text;
  const booking = dateOf(at(ntry, 'BookgDt'));
  const value = dateOf(at(ntry, 'ValDt'));
  const details = all(ntry, 'NtryDtls').flatMap((d) => all(d, 'TxDtls'));
  const batches = all(ntry, 'NtryDtls').map((d) => at(d, 'Btch')).filter((b): b is XmlNode => b !== undefined);
  return {
    statement,
    index,
    path: ntry.path,
    entryRef: textAt(ntry, 'NtryRef'),
    accountServicerRef: textAt(ntry, 'AcctSvcrRef'),
    bookingDate: booking.date,
    bookingTime: booking.time,
    valueDate: value.date,
    amount,
    currency,
    creditDebit,
    status: statusByCode[statusCode] ?? 'info',
    statusCode,
    reversal: textAt(ntry, 'RvslInd') === 'true',
    bankTxCode: bankTxCodeOf(at(ntry, 'BkTxCd')) ?? emptyCode,
    additionalInfo: capText(oneLine(textAt(ntry, 'AddtlNtryInf')), 500),
    details: details.map((tx, i) => transactionDetail(tx, i + 1, currency, creditDebit)),
    batch: batchOf(batches),
  };
}

const emptyCode: BankTxCode = { domain: '', family: '', subFamily: '', proprietary: '', proprietaryIssuer: '' };

function bankTxCodeOf(node: XmlNode | undefined): BankTxCode | null {
  if (!node) return null;
  return {
    domain: textAt(node, 'Domn', 'Cd'),
    family: textAt(node, 'Domn', 'Fmly', 'Cd'),
    subFamily: textAt(node, 'Domn', 'Fmly', 'SubFmlyCd'),
    proprietary: textAt(node, 'Prtry', 'Cd'),
    proprietaryIssuer: textAt(node, 'Prtry', 'Issr'),
  };
}

/** A date choice element: Dt or DtTm. */
function dateOf(node: XmlNode | undefined): { date: string; time: string } {
  if (!node) return { date: '', time: '' };
  const dt = at(node, 'Dt');
  if (dt) return { date: isoDate(dt.text, dt.path), time: '' };
  const dtTm = required(node, 'DtTm');
  const time = isoDateTime(dtTm.text, dtTm.path);
  return { date: isoDate(time, dtTm.path), time };
}

function batchOf(batches: XmlNode[]): StatementEntry['batch'] {
  const counts = batches.map((b) => textAt(b, 'NbOfTxs')).filter((n) => n !== '');
  const totals = batches.map((b) => at(b, 'TtlAmt')).filter((n): n is XmlNode => n !== undefined);
  const count = counts.length ? counts.reduce((sum, n) => sum + Number(n), 0) : null;
  if (count !== null && !Number.isSafeInteger(count)) throw new BankFileRefusal(batches[0]!.path, 'NbOfTxs is not a number');
  const amount = totals.length === 1 ? amountOf(totals[0]!).amount : null;
  return { count, amount };
}

function transactionDetail(tx: XmlNode, index: number, entryCurrency: string, direction: 'CRDT' | 'DBIT'): TransactionDetail {
  const amt = at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt');
  const own = amt ? amountOf(amt) : undefined;
  // The counterparty is who paid us on a credit and whom we paid on a debit.
  const [party, account, agent, ultimate] = direction === 'CRDT' ? ['Dbtr', 'DbtrAcct', 'DbtrAgt', 'UltmtDbtr'] : ['Cdtr', 'CdtrAcct', 'CdtrAgt', 'UltmtCdtr'];
  const parties = at(tx, 'RltdPties');
  const remittance = at(tx, 'RmtInf');
  const structured = all(remittance, 'Strd');
  const lines = [
    ...all(remittance, 'Ustrd').map((u) => u.text),
    ...structured.flatMap((s) => all(s, 'RfrdDocInf').map((d) => textAt(d, 'Nb')).filter((n) => n !== '')),
    ...structured.flatMap((s) => all(s, 'AddtlRmtInf').map((a) => a.text)),
  ];
  return {
    index,
    path: tx.path,
    amount: own && own.currency === entryCurrency ? own.amount : null,
    accountServicerRef: textAt(tx, 'Refs', 'AcctSvcrRef'),
    endToEndId: providedRef(textAt(tx, 'Refs', 'EndToEndId')),
    instructionId: providedRef(textAt(tx, 'Refs', 'InstrId')),
    paymentInfoId: textAt(tx, 'Refs', 'PmtInfId'),
    messageId: textAt(tx, 'Refs', 'MsgId'),
    mandateId: textAt(tx, 'Refs', 'MndtId'),
    creditorReferences: structured.map((s) => textAt(s, 'CdtrRefInf', 'Ref')).filter((r) => r !== ''),
    remittance: capText(joinRemittance(lines), 2000),
    counterpartyName: capText(oneLine(firstText(parties, [party, 'Nm'], [party, 'Pty', 'Nm'], [ultimate, 'Nm'], [ultimate, 'Pty', 'Nm'])), 256),
    counterpartyAccount: firstText(parties, [account, 'Id', 'IBAN'], [account, 'Id', 'Othr', 'Id']),
    counterpartyBic: firstText(at(tx, 'RltdAgts'), [agent, 'FinInstnId', 'BIC'], [agent, 'FinInstnId', 'BICFI']),
    additionalInfo: capText(oneLine(textAt(tx, 'AddtlTxInf')), 500),
    bankTxCode: bankTxCodeOf(at(tx, 'BkTxCd')),
  };
}

/** "NOTPROVIDED" is how ISO 20022 says a reference is absent. */
export function providedRef(ref: string): string {
  return ref === 'NOTPROVIDED' ? '' : ref;
}
