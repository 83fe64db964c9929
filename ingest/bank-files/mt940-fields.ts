// SWIFT MT940 text into fields: a tag line ":61:..." plus its continuation lines, each with
// the line number it starts on. SWIFT envelopes ({1:…}{2:…}{4: … -}) are unwrapped and
// the sending bank's BIC is kept. Also reads balance (:60F: :62F: :64: :65:) and
// statement line (:61:) values.
import { BankFileRefusal } from './bank-file-model.ts';
import { isoAmount, isoCurrency } from './bank-values.ts';

export interface Mt940Field {
  tag: string;
  /** The field's lines joined with "\n". */
  value: string;
  line: number;
}

const tagLine = /^:(\d{2,3}[A-Z]?):(.*)$/;

/** Turns lines into fields; lines are pushed one at a time so files of any size stream. */
export class Mt940Tokenizer {
  private current: Mt940Field | undefined;
  /** BIC of the bank that sent the message (SWIFT block 2 of an output message). */
  senderBic = '';

  push(raw: string, line: number): Mt940Field[] {
    let text = raw.replace(/\r$/, '');
    const out: Mt940Field[] = [];
    if (text.startsWith('{')) {
      const sender = /\{2:O940\d{10}([A-Z0-9]{8})/.exec(text);
      if (sender) this.senderBic = sender[1]!;
      const body = text.indexOf('{4:');
      if (body === -1) return out;
      text = text.slice(body + 3);
    }
    if (text === '-' || text.startsWith('-}')) {
      if (this.current) out.push(this.current);
      this.current = undefined;
      return out;
    }
    const m = tagLine.exec(text);
    if (m) {
      if (this.current) out.push(this.current);
      this.current = { tag: m[1]!, value: m[2]!, line };
    } else if (this.current) {
      this.current.value += `\n${text}`;
    } else if (text.trim() !== '') {
      throw new BankFileRefusal(`line ${line}`, 'text before the first MT940 field (expected a tag such as :20:)', 400, line);
    }
    return out;
  }

  end(): Mt940Field[] {
    const last = this.current;
    this.current = undefined;
    return last ? [last] : [];
  }
}

export function fieldPath(field: Mt940Field): string {
  return `line ${field.line} (:${field.tag}:)`;
}

export function refuse(field: Mt940Field, reason: string): never {
  throw new BankFileRefusal(fieldPath(field), reason, 422, field.line);
}

/** YYMMDD → YYYY-MM-DD (SWIFT years 80–99 are 19xx). */
export function swiftDate(yymmdd: string, field: Mt940Field): string {
  const yy = Number(yymmdd.slice(0, 2));
  const date = `${yy >= 80 ? 19 : 20}${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  const probe = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) refuse(field, `"${yymmdd}" is not a date YYMMDD`);
  return date;
}

/** A SWIFT amount "1000,00" as a decimal string "1000.00". */
export function swiftAmount(text: string, field: Mt940Field): string {
  if (!/^\d{1,15},\d{0,5}$/.test(text)) refuse(field, `"${text.slice(0, 20)}" is not a SWIFT amount such as 1000,00`);
  return isoAmount(text.replace(/,$/, '').replace(',', '.'), fieldPath(field));
}

export interface Mt940Balance {
  debit: boolean;
  date: string;
  currency: string;
  amount: string;
}

export function mt940Balance(field: Mt940Field): Mt940Balance {
  const m = /^([CD])(\d{6})([A-Z]{3})(\d+,\d*)$/.exec(field.value.trim());
  if (!m) refuse(field, 'must be C or D, a date YYMMDD, a currency and an amount, e.g. C130101EUR1000,00');
  return { debit: m[1] === 'D', date: swiftDate(m[2]!, field), currency: isoCurrency(m[3]!, fieldPath(field)), amount: swiftAmount(m[4]!, field) };
}

export interface Mt940Line {
  valueDate: string;
  entryDate: string;
  creditDebit: 'CRDT' | 'DBIT';
  reversal: boolean;
  amount: string;
  typeCode: string;
  customerRef: string;
  bankRef: string;
  supplementary: string;
}

const statementLine = /^(\d{6})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d+,\d*)([NSF][A-Z0-9]{3})(.*)$/;

export function mt940Line(field: Mt940Field): Mt940Line {
  const [first = '', ...rest] = field.value.split('\n');
  const m = statementLine.exec(first.trim());
  if (!m) {
    const amount = /^\d{6}(?:\d{4})?(?:RC|RD|EC|ED|C|D)[A-Z]?([\d.,]+)/.exec(first.trim())?.[1];
    if (amount && !/^\d+,\d*$/.test(amount)) refuse(field, `amount "${amount}" must use a comma as decimal mark and no thousands separator, e.g. 12500,00`);
    refuse(field, 'must be a value date YYMMDD, optional entry date MMDD, C/D/RC/RD, an amount and a transaction type such as N102');
  }
  const valueDate = swiftDate(m[1]!, field);
  const [references = '', bankRef = ''] = m[7]!.split('//');
  // A reversal of a credit takes money out (a debit), a reversal of a debit brings it back.
  const mark = m[3]!;
  const credit = mark === 'C' || mark === 'RD' || mark === 'EC';
  return {
    valueDate,
    entryDate: m[2] ? entryDate(valueDate, m[2], field) : '',
    creditDebit: credit ? 'CRDT' : 'DBIT',
    reversal: mark.startsWith('R'),
    amount: swiftAmount(m[5]!, field),
    typeCode: m[6]!,
    // NONREF: no reference; EREF (Rabobank): "the end-to-end reference is in :86:".
    customerRef: ['NONREF', 'EREF'].includes(references.trim()) ? '' : references.trim(),
    bankRef: bankRef.trim(),
    supplementary: rest.join(' ').trim(),
  };
}

/** The entry date MMDD takes the value date's year, or the next/previous one across New Year. */
function entryDate(valueDate: string, mmdd: string, field: Mt940Field): string {
  let year = Number(valueDate.slice(0, 4));
  const valueMonth = Number(valueDate.slice(5, 7));
  const month = Number(mmdd.slice(0, 2));
  if (valueMonth === 12 && month === 1) year++;
  if (valueMonth === 1 && month === 12) year--;
  return swiftDate(`${String(year).slice(2)}${mmdd}`, field);
}
