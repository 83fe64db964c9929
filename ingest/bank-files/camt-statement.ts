// camt.052 (account report), camt.053 (statement) and camt.054 (debit/credit notification):
// streams statement by statement; header parts, balances and the summary are small
// captures, each entry (Ntry) is captured and handed on alone. Checks run per statement.
import type { BalanceType, BankFileKind, BankRecordSink, StatementBalance, StatementRef } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { bankSource } from './bank-source.ts';
import { ledgerAmount, isoDate, isoDateTime } from './bank-values.ts';
import { amountOf, camtEntry, creditDebitOf } from './camt-entry.ts';
import { StatementReconciler, type StatementSummary } from './statement-checks.ts';
import { at, firstText, pathTo, required, textAt } from './xml-node.ts';
import type { XmlNode, XmlVisitor } from './xml-stream.ts';

/** The element that holds one statement in each camt message. */
export const camtStatementElement: Partial<Record<BankFileKind, string>> = { 'camt.052': 'Rpt', 'camt.053': 'Stmt', 'camt.054': 'Ntfctn' };

const balanceTypes: Record<string, BalanceType> = {
  OPBD: 'opening',
  PRCD: 'opening',
  OPAV: 'available',
  CLBD: 'closing',
  CLAV: 'available',
  ITBD: 'interim',
  ITAV: 'interim',
  FWAV: 'forward_available',
};

interface OpenStatement {
  index: number;
  path: string;
  id: string;
  sequence: string;
  createdAt: string;
  ref?: StatementRef;
  reconciler: StatementReconciler;
  balances: number;
  entries: number;
}

export function camtVisitor(kind: BankFileKind, sink: BankRecordSink): XmlVisitor & { finish(): void } {
  const statementElement = camtStatementElement[kind]!;
  // Only a statement promises opening and closing balances; reports and notifications may omit them.
  const expectsBalances = kind === 'camt.053';
  let statementCount = 0;
  let current: OpenStatement | undefined;
  const file = { messageId: '', createdAt: '', source: '' };

  const seal = (s: OpenStatement, account?: XmlNode): StatementRef => {
    if (s.ref) return s.ref;
    if (!account) throw new BankFileRefusal(`${s.path}/Acct`, 'is required before balances and entries');
    if (s.id === '') throw new BankFileRefusal(`${s.path}/Id`, 'is required');
    const iban = textAt(account, 'Id', 'IBAN');
    const other = textAt(account, 'Id', 'Othr', 'Id');
    if (!iban && !other) throw new BankFileRefusal(pathTo(account, 'Id'), 'must hold an IBAN or Othr/Id');
    const servicer = at(account, 'Svcr', 'FinInstnId');
    const servicerBic = firstText(servicer, ['BIC'], ['BICFI']);
    s.ref = {
      index: s.index,
      id: s.id,
      sequence: s.sequence,
      createdAt: s.createdAt,
      account: iban || other,
      iban,
      accountCurrency: textAt(account, 'Ccy'),
      servicerBic,
      source: bankSource(servicerBic, textAt(servicer, 'Nm') || textAt(servicer, 'Othr', 'Id')),
      path: s.path,
    };
    if (file.source === '') file.source = s.ref.source;
    sink.statement(s.ref);
    return s.ref;
  };

  return {
    open(element) {
      if (element.depth < 2) return 'descend';
      if (element.depth === 2 && element.name === statementElement) {
        statementCount++;
        current = { index: statementCount, path: element.path, id: '', sequence: '', createdAt: '', reconciler: new StatementReconciler('', expectsBalances), balances: 0, entries: 0 };
        return 'descend';
      }
      return 'capture';
    },
    captured(node, parents) {
      if (parents.length === 2 && node.name === 'GrpHdr') {
        file.messageId = required(node, 'MsgId').text;
        const created = at(node, 'CreDtTm');
        file.createdAt = created ? isoDateTime(created.text, created.path) : '';
        return;
      }
      if (parents.length !== 3 || !current) return;
      const s = current;
      switch (node.name) {
        case 'Id':
          s.id = node.text;
          s.reconciler = new StatementReconciler(`statement ${node.text} (${s.path})`, expectsBalances);
          return;
        case 'ElctrncSeqNb':
        case 'LglSeqNb':
          s.sequence ||= node.text;
          return;
        case 'CreDtTm':
          s.createdAt = isoDateTime(node.text, node.path);
          return;
        case 'Acct':
          seal(s, node);
          return;
        case 'Bal': {
          const balance = camtBalance(node, seal(s), ++s.balances);
          s.reconciler.balance(balance);
          sink.balance(balance);
          return;
        }
        case 'TxsSummry':
          s.reconciler.setSummary(camtSummary(node));
          return;
        case 'Ntry': {
          const entry = camtEntry(node, seal(s), ++s.entries);
          s.reconciler.entry(entry);
          sink.entry(entry);
          return;
        }
      }
    },
    close(element) {
      if (element.depth === 2 && element.name === statementElement && current) {
        seal(current);
        current.reconciler.results().forEach((r) => sink.check(r));
        current = undefined;
      }
    },
    finish() {
      if (file.messageId === '') throw new BankFileRefusal('Document/GrpHdr/MsgId', 'is required');
      if (statementCount === 0) throw new BankFileRefusal(`Document/${statementElement}`, `the message holds no ${statementElement}`);
      sink.file(file);
    },
  };
}

function camtBalance(bal: XmlNode, statement: StatementRef, index: number): StatementBalance {
  const code = firstText(bal, ['Tp', 'CdOrPrtry', 'Cd'], ['Tp', 'CdOrPrtry', 'Prtry']);
  if (code === '') throw new BankFileRefusal(pathTo(bal, 'Tp', 'CdOrPrtry', 'Cd'), 'is required');
  const { amount, currency } = amountOf(required(bal, 'Amt'));
  const debit = creditDebitOf(bal, 'CdtDbtInd') === 'DBIT';
  const date = required(bal, 'Dt');
  const day = at(date, 'Dt') ?? required(date, 'DtTm');
  const signed = debit && !/^0+(\.0*)?$/.test(amount) ? `-${amount}` : amount;
  return {
    statement,
    index,
    path: bal.path,
    code,
    type: balanceTypes[code] ?? null,
    amount: ledgerAmount(signed, currency),
    currency,
    date: isoDate(day.text, day.path),
  };
}

function camtSummary(summary: XmlNode): StatementSummary {
  const part = (node: XmlNode | undefined) => {
    if (!node) return undefined;
    const count = textAt(node, 'NbOfNtries');
    const sum = at(node, 'Sum');
    return { count: count === '' ? null : Number(count), sum: sum ? amountText(sum) : null };
  };
  const total = at(summary, 'TtlNtries');
  // .02 has TtlNetNtryAmt + CdtDbtInd; later versions TtlNetNtry/Amt + TtlNetNtry/CdtDbtInd.
  const netAmount = at(total, 'TtlNetNtry', 'Amt') ?? at(total, 'TtlNetNtryAmt');
  const netSign = textAt(total, 'TtlNetNtry', 'CdtDbtInd') || textAt(total, 'CdtDbtInd');
  const net = netAmount ? `${netSign === 'DBIT' ? '-' : ''}${amountText(netAmount)}` : null;
  return { total: part(total), credits: part(at(summary, 'TtlCdtNtries')), debits: part(at(summary, 'TtlDbtNtries')), net };
}

function amountText(node: XmlNode): string {
  const m = /^\d{1,18}(\.\d{1,5})?$/.exec(node.text);
  if (!m) throw new BankFileRefusal(node.path, `"${node.text.slice(0, 40)}" is not an amount`);
  return node.text;
}
