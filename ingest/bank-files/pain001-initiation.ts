// pain.001 (customer credit transfer initiation): a copy of what treasury sent to the bank.
// Each credit transfer becomes a "payment sent" fact keyed by its end-to-end id, so a later
// pain.002 or statement entry can confirm it. Checks: group header and payment information
// NbOfTxs and CtrlSum against the transactions.
import type { BankRecordSink, CheckResult } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { bankSource } from './bank-source.ts';
import { capText, controlSumUnits, fromUnits, isoDate, isoDateTime, joinRemittance, ledgerAmount, oneLine, toUnits } from './bank-values.ts';
import { amountOf, providedRef } from './camt-entry.ts';
import { result } from './statement-checks.ts';
import { all, at, firstText, required, textAt } from './xml-node.ts';
import type { XmlNode, XmlVisitor } from './xml-stream.ts';

interface Stated {
  count: string;
  sum: string;
}

interface Block {
  index: number;
  path: string;
  id: string;
  stated: Stated;
  requestedDate: string;
  debtorAccount: string;
  source: string;
  txs: number;
  units: bigint;
}

export function pain001Visitor(sink: BankRecordSink): XmlVisitor & { finish(): void } {
  const header = { messageId: '', createdAt: '', stated: { count: '', sum: '' } as Stated };
  const totals = { count: 0, units: 0n, source: '' };
  let blocks = 0;
  let block: Block | undefined;

  return {
    open(element) {
      if (element.depth < 2) return 'descend';
      if (element.depth === 2 && element.name === 'PmtInf') {
        block = { index: ++blocks, path: element.path, id: '', stated: { count: '', sum: '' }, requestedDate: '', debtorAccount: '', source: 'bank/unknown', txs: 0, units: 0n };
        return 'descend';
      }
      return 'capture';
    },
    captured(node, parents) {
      if (parents.length === 2 && node.name === 'GrpHdr') {
        header.messageId = required(node, 'MsgId').text;
        header.createdAt = isoDateTime(required(node, 'CreDtTm').text, `${node.path}/CreDtTm`);
        header.stated = { count: textAt(node, 'NbOfTxs'), sum: textAt(node, 'CtrlSum') };
        return;
      }
      if (parents.length !== 3 || !block) return;
      const b = block;
      switch (node.name) {
        case 'PmtInfId':
          b.id = node.text;
          return;
        case 'NbOfTxs':
          b.stated.count = node.text;
          return;
        case 'CtrlSum':
          b.stated.sum = node.text;
          return;
        case 'ReqdExctnDt': {
          const day = node.children.length ? (at(node, 'Dt') ?? required(node, 'DtTm')) : node;
          b.requestedDate = isoDate(day.text, day.path);
          return;
        }
        case 'DbtrAcct':
          b.debtorAccount = firstText(node, ['Id', 'IBAN'], ['Id', 'Othr', 'Id']);
          return;
        case 'DbtrAgt':
          b.source = bankSource(firstText(node, ['FinInstnId', 'BIC'], ['FinInstnId', 'BICFI']), textAt(node, 'FinInstnId', 'Nm'));
          return;
        case 'CdtTrfTxInf':
          transfer(node, b);
      }
    },
    close(element) {
      if (element.depth !== 2 || element.name !== 'PmtInf' || !block) return;
      statedChecks(`payment information ${block.id || block.index} (${block.path})`, block.stated, block.txs, block.units).forEach((r) => sink.check(r));
      block = undefined;
    },
    finish() {
      if (!header.messageId) throw new BankFileRefusal('Document/CstmrCdtTrfInitn/GrpHdr/MsgId', 'is required');
      if (blocks === 0) throw new BankFileRefusal('Document/CstmrCdtTrfInitn/PmtInf', 'is required');
      statedChecks(`group header ${header.messageId}`, header.stated, totals.count, totals.units).forEach((r) => sink.check(r));
      sink.file({ messageId: header.messageId, createdAt: header.createdAt, source: totals.source || 'bank/unknown' });
    },
  };

  function transfer(tx: XmlNode, b: Block): void {
    const amt = at(tx, 'Amt', 'InstdAmt') ?? at(tx, 'Amt', 'EqvtAmt', 'Amt');
    if (!amt) throw new BankFileRefusal(`${tx.path}/Amt/InstdAmt`, 'is required');
    const { amount, currency } = amountOf(amt);
    const endToEnd = required(tx, 'PmtId', 'EndToEndId');
    b.txs++;
    b.units += toUnits(amount);
    totals.count++;
    totals.units += toUnits(amount);
    totals.source ||= b.source;
    const remittance = at(tx, 'RmtInf');
    sink.instruction({
      key: `i${b.index}:t${b.txs}`,
      path: tx.path,
      source: b.source,
      messageId: header.messageId,
      createdAt: header.createdAt,
      paymentInfoId: b.id,
      instructionId: textAt(tx, 'PmtId', 'InstrId'),
      endToEndId: providedRef(endToEnd.text),
      amount: ledgerAmount(amount, currency),
      currency,
      requestedDate: b.requestedDate,
      debtorAccount: b.debtorAccount,
      creditorName: capText(oneLine(firstText(tx, ['Cdtr', 'Nm'], ['Cdtr', 'Pty', 'Nm'])), 256),
      creditorAccount: firstText(tx, ['CdtrAcct', 'Id', 'IBAN'], ['CdtrAcct', 'Id', 'Othr', 'Id']),
      remittance: capText(joinRemittance([...all(remittance, 'Ustrd').map((u) => u.text), ...all(remittance, 'Strd').map((s) => textAt(s, 'CdtrRefInf', 'Ref'))]), 2000),
    });
  }
}

function statedChecks(scope: string, stated: Stated, count: number, units: bigint): CheckResult[] {
  const out: CheckResult[] = [];
  if (stated.count !== '') {
    const ok = /^\d+$/.test(stated.count) && Number(stated.count) === count;
    out.push(result('transaction_count', scope, ok ? 'passed' : 'failed', stated.count, String(count), 'NbOfTxs against the transactions'));
  }
  if (stated.sum !== '') {
    const ok = controlSumUnits(stated.sum) === units;
    out.push(result('control_sum', scope, ok ? 'passed' : 'failed', stated.sum, fromUnits(units), 'CtrlSum against the sum of the instructed amounts'));
  }
  return out;
}
