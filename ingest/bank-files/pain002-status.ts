// pain.002 (customer payment status report), .001.03 to current: statuses per group,
// per payment information block and per transaction, with reason codes and text. Each
// TxInfAndSts is captured alone. Checks compare what the report covers with the original
// counts and control sums it quotes; a report that covers only part of the original
// transactions is "partial" (the rest still await a bank status), not an error.
import type { BankRecordSink, CheckResult, PaymentStatus, StatusLevel } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { bankSource } from './bank-source.ts';
import { capText, controlSumUnits, fromUnits, isoDateTime, ledgerAmount, oneLine, toUnits } from './bank-values.ts';
import { amountOf, providedRef } from './camt-entry.ts';
import { result } from './statement-checks.ts';
import { all, at, firstText, required, textAt } from './xml-node.ts';
import type { XmlNode, XmlVisitor } from './xml-stream.ts';

interface Original {
  count: number | null;
  sum: string | null;
  status: string;
  reason: { code: string; text: string };
  perStatus: { status: string; count: number }[];
}

interface Covered {
  count: number;
  units: bigint;
  allAmounts: boolean;
  byStatus: Map<string, number>;
}

export function pain002Visitor(sink: BankRecordSink): XmlVisitor & { finish(): void } {
  const report = { messageId: '', createdAt: '', source: 'bank/unknown', originalMessageId: '', originalMessageType: '' };
  let group: Original | undefined;
  const groupCovered = covered();
  let blockCount = 0;
  let block: (Original & { index: number; path: string; paymentInfoId: string; covered: Covered; txs: number }) | undefined;

  const emit = (level: StatusLevel, key: string, path: string, fields: Partial<PaymentStatus>) => {
    sink.status({
      level,
      key,
      path,
      source: report.source,
      reportMessageId: report.messageId,
      reportCreatedAt: report.createdAt,
      originalMessageId: report.originalMessageId,
      originalMessageType: report.originalMessageType,
      originalPaymentInfoId: '',
      originalInstructionId: '',
      originalEndToEndId: '',
      status: '',
      reasonCode: '',
      reasonText: '',
      amount: null,
      currency: '',
      accountServicerRef: '',
      acceptedAt: '',
      ...fields,
    });
  };

  return {
    open(element) {
      if (element.depth < 2) return 'descend';
      if (element.depth === 2 && element.name === 'OrgnlPmtInfAndSts') {
        block = { index: ++blockCount, path: element.path, paymentInfoId: '', covered: covered(), txs: 0, ...original() };
        return 'descend';
      }
      return 'capture';
    },
    captured(node, parents) {
      if (parents.length === 2 && node.name === 'GrpHdr') {
        report.messageId = required(node, 'MsgId').text;
        report.createdAt = isoDateTime(required(node, 'CreDtTm').text, `${node.path}/CreDtTm`);
        const party = at(node, 'InitgPty');
        const bic = firstText(node, ['DbtrAgt', 'FinInstnId', 'BIC'], ['DbtrAgt', 'FinInstnId', 'BICFI'], ['InitgPty', 'Id', 'OrgId', 'AnyBIC'], ['InitgPty', 'Id', 'OrgId', 'BICOrBEI']);
        const bankId = all(party, 'Othr', 'Id', 'OrgId').find((o) => textAt(o, 'SchmeNm', 'Cd') === 'BANK');
        report.source = bankSource(bic, textAt(party, 'Nm') || textAt(bankId, 'Id'));
      } else if (parents.length === 2 && node.name === 'OrgnlGrpInfAndSts') {
        report.originalMessageId = required(node, 'OrgnlMsgId').text;
        report.originalMessageType = textAt(node, 'OrgnlMsgNmId');
        group = readOriginal(node, 'OrgnlNbOfTxs', 'OrgnlCtrlSum', 'GrpSts');
        if (group.status) emit('group', 'g', node.path, { status: group.status, reasonCode: group.reason.code, reasonText: group.reason.text });
      } else if (parents.length === 3 && block) {
        if (node.name === 'TxInfAndSts') transaction(node);
        else if (node.name === 'OrgnlPmtInfId') block.paymentInfoId = node.text;
        else Object.assign(block, mergeOriginal(block, node));
      }
    },
    close(element) {
      if (element.depth !== 2 || element.name !== 'OrgnlPmtInfAndSts' || !block) return;
      const b = block;
      if (b.status) emit('payment_info', `p${b.index}`, b.path, { originalPaymentInfoId: b.paymentInfoId, status: b.status, reasonCode: b.reason.code, reasonText: b.reason.text });
      coverageChecks(`payment information ${b.paymentInfoId || b.index} (${b.path})`, b, b.covered, b.status || group?.status || '').forEach((r) => sink.check(r));
      block = undefined;
    },
    finish() {
      if (!report.messageId) throw new BankFileRefusal('Document/CstmrPmtStsRpt/GrpHdr/MsgId', 'is required');
      if (!group) throw new BankFileRefusal('Document/CstmrPmtStsRpt/OrgnlGrpInfAndSts', 'is required');
      coverageChecks(`original message ${report.originalMessageId}`, group, groupCovered, group.status).forEach((r) => sink.check(r));
      sink.file({ messageId: report.messageId, createdAt: report.createdAt, source: report.source });
    },
  };

  function transaction(tx: XmlNode): void {
    const b = block!;
    const own = at(tx, 'TxSts');
    const status = own?.text || b.status || group?.status || '';
    if (!/^[A-Z]{4}$/.test(status)) throw new BankFileRefusal(own?.path ?? `${tx.path}/TxSts`, status ? `"${status.slice(0, 10)}" is not a status code such as ACSC or RJCT` : 'is required (no group or payment information status applies)');
    const reasons = readReason(tx);
    const reason = reasons.code || reasons.text ? reasons : b.reason.code ? b.reason : (group?.reason ?? reasons);
    const amt = at(tx, 'OrgnlTxRef', 'Amt', 'InstdAmt') ?? at(tx, 'OrgnlTxRef', 'Amt', 'EqvtAmt', 'Amt') ?? at(tx, 'OrgnlTxRef', 'IntrBkSttlmAmt');
    const money = amt ? amountOf(amt) : undefined;
    const acceptedAt = at(tx, 'AccptncDtTm');
    b.txs++;
    for (const c of [b.covered, groupCovered]) {
      c.count++;
      c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
      if (money) c.units += toUnits(money.amount);
      else c.allAmounts = false;
    }
    emit('transaction', `p${b.index}:t${b.txs}`, tx.path, {
      originalPaymentInfoId: b.paymentInfoId,
      originalInstructionId: textAt(tx, 'OrgnlInstrId'),
      originalEndToEndId: providedRef(textAt(tx, 'OrgnlEndToEndId')),
      status,
      reasonCode: reason.code,
      reasonText: reason.text,
      amount: money ? ledgerAmount(money.amount, money.currency) : null,
      currency: money?.currency ?? '',
      accountServicerRef: textAt(tx, 'AcctSvcrRef'),
      acceptedAt: acceptedAt ? isoDateTime(acceptedAt.text, acceptedAt.path) : '',
    });
  }
}

function covered(): Covered {
  return { count: 0, units: 0n, allAmounts: true, byStatus: new Map() };
}

function original(): Original {
  return { count: null, sum: null, status: '', reason: { code: '', text: '' }, perStatus: [] };
}

function readOriginal(node: XmlNode, countName: string, sumName: string, statusName: string): Original {
  const count = textAt(node, countName);
  const sum = at(node, sumName);
  return {
    count: count === '' ? null : checkedCount(count, `${node.path}/${countName}`),
    sum: sum ? checkedSum(sum) : null,
    status: textAt(node, statusName),
    reason: readReason(node),
    perStatus: all(node, 'NbOfTxsPerSts').map((p) => ({ status: textAt(p, 'DtldSts'), count: checkedCount(textAt(p, 'DtldNbOfTxs'), `${p.path}/DtldNbOfTxs`) })),
  };
}

/** Header elements of OrgnlPmtInfAndSts arrive one by one; each updates the block's original. */
function mergeOriginal(block: Original, node: XmlNode): Partial<Original> {
  switch (node.name) {
    case 'OrgnlNbOfTxs':
      return { count: checkedCount(node.text, node.path) };
    case 'OrgnlCtrlSum':
      return { sum: checkedSum(node) };
    case 'PmtInfSts':
      return { status: node.text };
    case 'StsRsnInf':
      return block.reason.code || block.reason.text ? {} : { reason: reasonOf([node]) };
    case 'NbOfTxsPerSts':
      return { perStatus: [...block.perStatus, { status: textAt(node, 'DtldSts'), count: checkedCount(textAt(node, 'DtldNbOfTxs'), `${node.path}/DtldNbOfTxs`) }] };
    default:
      return {};
  }
}

function readReason(node: XmlNode): { code: string; text: string } {
  return reasonOf(all(node, 'StsRsnInf'));
}

function reasonOf(infos: XmlNode[]): { code: string; text: string } {
  const code = infos.map((i) => firstText(i, ['Rsn', 'Cd'], ['Rsn', 'Prtry'])).find((c) => c !== '') ?? '';
  const text = infos.flatMap((i) => all(i, 'AddtlInf').map((a) => a.text)).join(' ');
  return { code, text: capText(oneLine(text), 1000) };
}

function checkedCount(text: string, path: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new BankFileRefusal(path, `"${text.slice(0, 20)}" is not a number of transactions`);
  return Number(text);
}

function checkedSum(node: XmlNode): string {
  if (!/^\d{1,18}(\.\d{1,17})?$/.test(node.text)) throw new BankFileRefusal(node.path, `"${node.text.slice(0, 40)}" is not a control sum`);
  return node.text;
}

function coverageChecks(scope: string, original: Original, seen: Covered, umbrellaStatus: string): CheckResult[] {
  const out: CheckResult[] = [];
  if (original.count !== null) {
    const count = original.count;
    if (seen.count === count) out.push(result('status_coverage', scope, 'passed', `${count} transactions`, `${seen.count} statuses`, 'every original transaction has a status'));
    else if (seen.count > count) out.push(result('status_coverage', scope, 'failed', `${count} transactions`, `${seen.count} statuses`, 'more transaction statuses than the original message had transactions'));
    else if (umbrellaStatus) out.push(result('status_coverage', scope, 'passed', `${count} transactions`, `${seen.count} statuses`, `the ${umbrellaStatus} status of the group applies to the ${count - seen.count} not listed`));
    else out.push(result('status_coverage', scope, 'partial', `${count} transactions`, `${seen.count} statuses`, `${count - seen.count} of ${count} original transactions have no status in this report yet`));
  }
  if (original.sum !== null && seen.allAmounts && seen.count > 0 && seen.count === original.count) {
    const ok = controlSumUnits(original.sum) === seen.units;
    out.push(result('control_sum', scope, ok ? 'passed' : 'failed', original.sum, fromUnits(seen.units), 'original control sum against the amounts of the transaction statuses'));
  }
  if (original.perStatus.length > 0) {
    const stated = original.perStatus.reduce((sum, p) => sum + p.count, 0);
    const over = original.perStatus.filter((p) => (seen.byStatus.get(p.status) ?? 0) > p.count);
    const ok = (original.count === null || stated === original.count) && over.length === 0;
    const detail = over.length ? `more ${over.map((p) => p.status).join(', ')} statuses listed than NbOfTxsPerSts states` : 'NbOfTxsPerSts against the original count and the statuses listed';
    out.push(result('status_counts', scope, ok ? 'passed' : 'failed', String(original.count ?? stated), String(stated), detail));
  }
  return out;
}
