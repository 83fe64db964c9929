// The :86: "information to account owner" of an MT940 statement line, in the three shapes
// banks use: slash codes (/EREF/…/NAME/…/REMI/…, SEPA-era Dutch and Belgian banks),
// German "?20" subfields with SEPA keywords (EREF+ SVWZ+ …), or free text.
import { capText, joinRemittance, oneLine } from './bank-values.ts';

export interface Mt940Details {
  endToEndId: string;
  mandateId: string;
  paymentInfoId: string;
  creditorReference: string;
  remittance: string;
  counterpartyName: string;
  counterpartyAccount: string;
  counterpartyBic: string;
  /** German business transaction code (GVC), e.g. 166. */
  transactionCode: string;
  bookingText: string;
}

const slashCodes = 'EREF|KREF|MREF|MARF|CRED|DEBT|NAME|REMI|BENM|ORDP|CSID|ISDT|TRTP|IBAN|BIC|ADDR|SVCL|CNTP|RTRN|PURP|ULTC|ULTD|ULTB|EXCH|CHGS|OCMT|PREF|BUSP|ACCW|IREF|TRCD';
const slashCode = new RegExp(`/(${slashCodes})/`, 'g');
const sepaKeyword = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|COAM|OAMT|IBAN|BIC)\+/g;

const empty = (): Mt940Details => ({
  endToEndId: '',
  mandateId: '',
  paymentInfoId: '',
  creditorReference: '',
  remittance: '',
  counterpartyName: '',
  counterpartyAccount: '',
  counterpartyBic: '',
  transactionCode: '',
  bookingText: '',
});

export function mt940Details(value: string): Mt940Details {
  const lines = value.split('\n');
  const joined = lines.join('');
  if (/^\d{3}\?/.test(joined) || /^\?\d{2}/.test(joined)) return subfieldDetails(joined);
  if (/^\/[A-Z]{2,4}\//.test(joined)) return slashDetails(joined);
  return { ...empty(), remittance: capText(joinRemittance(lines, [65]), 2000) };
}

function slashDetails(text: string): Mt940Details {
  const out = empty();
  const values = new Map<string, string>();
  const matches = [...text.matchAll(slashCode)];
  matches.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const value = text.slice(start, end).replace(/\/+$/, '');
    if (!values.has(m[1]!)) values.set(m[1]!, value);
  });
  const get = (code: string) => oneLine(values.get(code) ?? '');
  out.endToEndId = get('EREF') === 'NOTPROVIDED' ? '' : get('EREF');
  out.mandateId = get('MARF') || get('MREF');
  out.paymentInfoId = get('PREF');
  out.counterpartyName = get('NAME');
  out.counterpartyAccount = get('IBAN');
  out.counterpartyBic = get('BIC');
  out.bookingText = get('TRTP');
  const cntp = get('CNTP').split('/');
  if (cntp.length >= 3) {
    out.counterpartyAccount ||= cntp[0]!;
    out.counterpartyBic ||= cntp[1]!;
    out.counterpartyName ||= cntp[2]!;
  }
  // REMI is "USTD//free text" or "STRD/CUR/RF18539007547034" (structured creditor reference).
  const remi = get('REMI');
  const structured = /^STRD\/[A-Z]*\/(.*)$/.exec(remi);
  if (structured) out.creditorReference = structured[1]!;
  else out.remittance = capText(remi.replace(/^USTD\/\//, ''), 2000);
  return out;
}

function subfieldDetails(text: string): Mt940Details {
  const out = empty();
  const code = /^(\d{3})\?/.exec(text);
  out.transactionCode = code?.[1] ?? '';
  const fields = new Map<string, string[]>();
  for (const m of text.matchAll(/\?(\d{2})([^?]*)/g)) fields.set(m[1]!, [...(fields.get(m[1]!) ?? []), m[2]!]);
  const get = (...keys: string[]) => keys.flatMap((k) => fields.get(k) ?? []).join('');
  out.bookingText = oneLine(get('00'));
  out.counterpartyBic = oneLine(get('30'));
  out.counterpartyAccount = oneLine(get('31'));
  out.counterpartyName = oneLine(get('32', '33'));
  const purpose = get('20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63');
  const keywords = [...purpose.matchAll(sepaKeyword)];
  if (keywords.length === 0) {
    out.remittance = capText(oneLine(purpose), 2000);
    return out;
  }
  const values = new Map<string, string>();
  keywords.forEach((m, i) => values.set(m[1]!, oneLine(purpose.slice(m.index! + m[0].length, keywords[i + 1]?.index ?? purpose.length))));
  out.endToEndId = values.get('EREF') === 'NOTPROVIDED' ? '' : (values.get('EREF') ?? '');
  out.mandateId = values.get('MREF') ?? '';
  out.remittance = capText(values.get('SVWZ') ?? '', 2000);
  out.counterpartyAccount ||= values.get('IBAN') ?? '';
  out.counterpartyBic ||= values.get('BIC') ?? '';
  if (/^RF\d{2}[A-Z0-9]{1,21}$/.test(out.remittance.replace(/\s/g, ''))) out.creditorReference = out.remittance.replace(/\s/g, '');
  return out;
}
