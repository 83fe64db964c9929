// Writes a large, realistic camt.053.001.08 statement to disk entry by entry (never whole
// in memory): one EUR account, credits and debits with end-to-end ids, non-ASCII
// counterparties, structured and unstructured remittance, and balances that reconcile.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const names = ['Müller GmbH', 'Société Générale SA', 'Øresund Shipping ApS', 'Łódź Logistics Sp. z o.o.', 'Zoë Ångström Ltd', 'Acme Corp'];

export interface GeneratedStatement {
  path: string;
  entries: number;
  bytes: number;
  opening: string;
  closing: string;
}

/** Amount of entry i in cents: varied, deterministic. */
function cents(i: number): bigint {
  return BigInt(1000 + ((i * 7919) % 250_000));
}

const euros = (c: bigint) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

function entry(i: number): string {
  const credit = i % 3 !== 0;
  const amount = euros(cents(i));
  const side = credit ? 'Dbtr' : 'Cdtr';
  return `<Ntry><NtryRef>${i}</NtryRef><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>GEN-${i}</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${credit ? 'RCDT' : 'ICDT'}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-GEN-${i}</EndToEndId></Refs><Amt Ccy="EUR">${amount}</Amt>
<RltdPties><${side}><Pty><Nm>${names[i % names.length]}</Nm></Pty></${side}><${side}Acct><Id><IBAN>DE02120300000000${String(i).padStart(6, '0')}</IBAN></Id></${side}Acct></RltdPties>
<RmtInf><Ustrd>Invoice INV-2026-${String(i).padStart(6, '0')}</Ustrd><Strd><CdtrRefInf><Ref>RF18GEN${i}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
`;
}

export async function writeLargeCamt053(path: string, entries: number): Promise<GeneratedStatement> {
  const openingCents = 100_000_00n;
  let net = 0n;
  for (let i = 1; i <= entries; i++) net += i % 3 !== 0 ? cents(i) : -cents(i);
  const closing = openingCents + net;
  const balance = (code: string, c: bigint, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(c < 0n ? -c : c)}</Amt><CdtDbtInd>${c < 0n ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>\n`;
  const out = createWriteStream(path, 'utf8');
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>GEN-${entries}</MsgId><CreDtTm>2026-11-20T18:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>GEN-STMT-${entries}</Id><CreDtTm>2026-11-20T18:00:00Z</CreDtTm>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>
`);
  await write(balance('OPBD', openingCents, '2026-11-19') + balance('CLBD', closing, '2026-11-20'));
  let chunk = '';
  for (let i = 1; i <= entries; i++) {
    chunk += entry(i);
    if (i % 500 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(`${chunk}</Stmt></BkToCstmrStmt></Document>\n`);
  out.end();
  await once(out, 'finish');
  return { path, entries, bytes, opening: euros(openingCents), closing: euros(closing) };
}
