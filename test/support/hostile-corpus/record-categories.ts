// Record-level hostility: broken JSON and UTF-8, wrong types, huge and deep values, bad
// amounts, currencies and dates, unicode edges, reserved and duplicate keys, wrong shapes.
import { eventTypes } from '../../../ingest/events/catalogue.ts';
import { CorpusBuilder, MB, contentTypes, minimalData, type Kind } from './corpus-builder.ts';

/** Genuinely valid events, including edge cases, so the corpus also proves what is accepted. */
export function validEdges(c: CorpusBuilder): void {
  for (const type of eventTypes) c.record('valid', type, c.patched((e) => ((e.type = type), (e.data = minimalData(type)))), 'valid');
  const edges: Array<[string, Record<string, unknown>]> = [
    ['KWD three places', { amount: '0.125', currency: 'KWD' }],
    ['JPY whole', { amount: '12', currency: 'JPY' }],
    ['18 integer digits', { amount: '123456789012345678.99' }],
    ['zero amount', { amount: '0.00' }],
    ['emoji and joiners in a name', { counterparty_name: 'Team 👩‍👩‍👧 Müller' }],
    ['noncharacter in an unknown field', { note: 'x\uffffy' }],
  ];
  for (const [label, data] of edges) c.record('valid', label, c.patched((e) => Object.assign(e.data, data)), 'valid');
  c.record('valid', 'offset time and extensions', c.patched((e) => ((e.time = '2026-11-20T11:15:00.123+01:00'), (e.traceparent = '00-ab-01'), (e.partition = 3))), 'valid');
  c.record('valid', 'pretty-printed', JSON.stringify(c.event(), null, 2), 'valid', ['single', 'batch']);
  c.add('valid', 'byte-order mark before a single event', `\ufeff${c.validText()}`, { records: 1, valid: 1 });
}

/** Text JSON.parse refuses: as a whole body it is a 400, as an NDJSON line a rejected record. */
export function brokenJson(c: CorpusBuilder): void {
  const edits: Array<[string, (t: string) => string]> = [
    ['trailing comma', (t) => t.replace(/}$/, ',}')],
    ['trailing comma in data', (t) => t.replace(/}}$/, '},}')],
    ['single quotes', (t) => t.replaceAll('"', "'")],
    ['block comment', (t) => t.replace('{', '{/* note */')],
    ['unquoted name', (t) => t.replace('"specversion"', 'specversion')],
    ['NaN literal', (t) => t.replace('"12500.00"', 'NaN')],
    ['Infinity literal', (t) => t.replace('"12500.00"', 'Infinity')],
    ['-Infinity literal', (t) => t.replace('"12500.00"', '-Infinity')],
    ['undefined literal', (t) => t.replace('"12500.00"', 'undefined')],
    ['hex number', (t) => t.replace('"12500.00"', '0x30D4')],
    ['leading-zero number', (t) => t.replace('"12500.00"', '012500')],
    ['plus-signed number', (t) => t.replace('"12500.00"', '+12500')],
    ['bare decimal point', (t) => t.replace('"12500.00"', '.5')],
    ['trailing decimal point', (t) => t.replace('"12500.00"', '5.')],
    ['raw tab in a string', (t) => t.replace('Müller', 'Mül\tler')],
    ['raw NUL in a string', (t) => t.replace('Müller', 'Mül\u0000ler')],
    ['invalid escape', (t) => t.replace('Müller', 'M\\xfcller')],
    ['short unicode escape', (t) => t.replace('Müller', 'M\\u00fller')],
    ['two objects', (t) => t + t],
    ['trailing garbage', (t) => `${t}x`],
    ['missing colon', (t) => t.replace('"specversion":', '"specversion"')],
    ['missing comma', (t) => t.replace(',"id"', '"id"')],
    ['unclosed string', (t) => t.replace(/"}}$/, '}}')],
    ['byte-order mark inside', (t) => t.replace(',"id"', ',\ufeff"id"')],
    ['mismatched bracket', (t) => t.replace(/}$/, ']')],
    ['capitalised True', (t) => t.replace('"1.0"', 'True')],
    ['only an opening brace', () => '{'],
    ['only a quote', () => '"'],
    ['Python None', () => 'None'],
    ['lone closing brace', () => '}'],
  ];
  for (const [label, edit] of edits) brokenRecord(c, label, edit(c.validText()));
  brokenRecord(c, 'line comment', `// event\n${c.validText()}`, ['single', 'batch']);
  brokenRecord(c, 'raw newline in a string', c.validText().replace('Müller', 'Mül\nler'), ['single', 'batch']);
  for (let i = 0; i < 60; i++) {
    const text = c.validText();
    brokenRecord(c, `truncated #${i}`, text.slice(0, c.int(1, text.length - 1)));
  }
}

function brokenRecord(c: CorpusBuilder, label: string, text: string, kinds: Kind[] = ['single', 'batch', 'ndjson']): void {
  const kind = c.pick(kinds);
  if (kind === 'single') c.unparseable('broken-json', `${label} (single)`, text);
  else if (kind === 'batch') c.unparseable('broken-json', `${label} (batch)`, `[${c.validText()},${text}]`, 'batch');
  else c.add('broken-json', `${label} (ndjson)`, `${c.validText()}\r\n${text}\n`, { records: 2, valid: 1, rejectedIndex: 1, path: '(record)' }, { headers: { 'content-type': contentTypes.ndjson } });
}

/** Bytes that are not UTF-8: the whole body is refused (400) and kept with U+FFFD in their place. */
export function invalidUtf8(c: CorpusBuilder): void {
  const sequences: Array<[string, number[]]> = [
    ['lone continuation byte', [0x80]], ['0xFF', [0xff]], ['0xFE', [0xfe]], ['truncated 2-byte', [0xc3]],
    ['truncated 3-byte', [0xe2, 0x82]], ['truncated 4-byte', [0xf0, 0x9f, 0x98]], ['overlong "/"', [0xc0, 0xaf]],
    ['overlong NUL', [0xc0, 0x80]], ['overlong 3-byte', [0xe0, 0x80, 0xaf]], ['CESU-8 surrogate', [0xed, 0xa0, 0x80]],
    ['CESU-8 pair', [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]], ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]], ['Latin-1 ü', [0xfc]],
  ];
  for (const [label, bytes] of sequences) {
    for (const kind of ['single', 'batch', 'ndjson'] as const) {
      const [before, after] = c.validText().split('Müller') as [string, string];
      const record = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
      const body = kind === 'single' ? record : kind === 'batch' ? Buffer.concat([Buffer.from('['), record, Buffer.from(']')]) : Buffer.concat([Buffer.from(`${c.validText()}\n`), record]);
      c.unparseable('invalid-utf8', `${label} in a name (${kind})`, body, kind);
    }
    c.unparseable('invalid-utf8', `${label} before the body`, Buffer.concat([Buffer.from(bytes), Buffer.from(c.validText())]));
  }
}

const topFields = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'dataschema', 'data'];
const dataFields = [
  'entity', 'document_type', 'document_id', 'correlation_id', 'counterparty_id', 'counterparty_name', 'amount', 'currency', 'reference',
  'due_date', 'promised_date', 'value_date', 'booking_date', 'bucket_date', 'balance_date', 'rate_date', 'credit_debit', 'direction',
  'balance_type', 'category', 'account', 'reason_code', 'flow', 'message_id', 'base_currency', 'quote_currency', 'rate', 'end_to_end_id', 'action_id',
];

/** Every known field with a value of every wrong JSON type: rejected at that field. */
export function wrongTypes(c: CorpusBuilder): void {
  const values: Array<[string, unknown]> = [['number', 42], ['fraction', 1.5], ['boolean', true], ['null', null], ['array', ['x']], ['object', { v: 'x' }]];
  for (const [type, value] of values) {
    for (const field of topFields) {
      const path = field === 'data' && type === 'object' ? 'data.entity' : field;
      c.record('wrong-types', `${field} as ${type}`, c.patched((e) => (e[field] = value)), path);
    }
    for (const field of dataFields) c.record('wrong-types', `data.${field} as ${type}`, c.patched((e) => (e.data[field] = value)), `data.${field}`);
  }
}

/** Megabyte strings in every kind of place, and bodies at and just over the size limit. */
export function hugeInputs(c: CorpusBuilder): void {
  const mega = 'x'.repeat(MB);
  for (const field of ['id', 'source', 'subject', 'type', 'time', 'specversion', 'ext']) c.record('huge', `1 MB ${field}`, c.patched((e) => (e[field] = mega)), field);
  for (const field of ['counterparty_name', 'document_id', 'reference', 'amount']) c.record('huge', `1 MB data.${field}`, c.patched((e) => (e.data[field] = field === 'amount' ? '1'.repeat(MB) : mega)), `data.${field}`);
  c.record('huge', '1 MB unknown data field', c.patched((e) => (e.data.note = mega)), 'data');
  c.record('huge', '1 MB name in data', c.patched((e) => (e.data[mega] = 1)), 'data');
  c.record('huge', '1 MB attribute name', c.patched((e) => (e[`X${mega}`] = 1)), '');
  c.record('huge', '1 MB of whitespace inside an event', c.validText().replace('{', `{${' '.repeat(MB)}`), 'valid');
  const limit = c.maxBodyBytes;
  const event = c.validText();
  c.add('huge', 'single event padded to exactly the limit', event + ' '.repeat(limit - Buffer.byteLength(event)), { records: 1, valid: 1 });
  const events = Array.from({ length: 2000 }, () => c.validText());
  c.add('huge', 'batch of 2000 valid events', `[${events.join(',')}]`, { records: 2000, valid: 2000 }, { headers: { 'content-type': contentTypes.batch } });
  for (const kind of ['single', 'batch', 'ndjson'] as const) {
    const base = kind === 'batch' ? `[${c.validText()}]` : c.validText();
    c.add('huge', `one byte over the limit (${kind})`, base + ' '.repeat(limit + 1 - Buffer.byteLength(base)), { status: 413 }, { headers: { 'content-type': contentTypes[kind] } });
  }
  c.add('huge', 'streamed without Content-Length, over the limit', c.validText() + ' '.repeat(limit + 10), { status: 413 }, { stream: true });
  c.add('huge', 'streamed without Content-Length, within the limit', c.validText(), { records: 1, valid: 1 }, { stream: true });
}

/** Nesting far beyond the depth limit: must be refused without exhausting the stack. */
export function deepNesting(c: CorpusBuilder): void {
  const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const arrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const mixed = (n: number) => `${'[{"a":'.repeat(n)}1${'}]'.repeat(n)}`;
  const inData = (value: string) => c.validText().replace('"entity"', `"deep":${value},"entity"`);
  c.record('deep-nesting', '10k objects in data', inData(objects(10_000)), 'data.deep');
  c.record('deep-nesting', '10k arrays in data', inData(arrays(10_000)), 'data.deep');
  c.record('deep-nesting', '10k mixed in data', inData(mixed(10_000)), 'data.deep');
  c.record('deep-nesting', '100k arrays in data', inData(arrays(100_000)), 'data.deep');
  c.record('deep-nesting', '10k objects in an extension', c.validText().replace('"source"', `"ext":${objects(10_000)},"source"`), 'ext');
  c.record('deep-nesting', 'a record that is 10k objects deep', objects(10_000), 'a');
  c.record('deep-nesting', 'a record that is 10k arrays deep', arrays(10_000), '(record)', ['batch', 'ndjson']);
  brokenRecord(c, 'unterminated 10k nesting', '['.repeat(10_000));
  brokenRecord(c, 'unterminated 10k objects', '{"a":'.repeat(10_000));
  const depth = Math.floor((c.maxBodyBytes - 2) / 2) - 10;
  c.add('deep-nesting', `batch holding one ${depth}-deep array`, `[${arrays(depth)}]`, { records: 1, valid: 0, rejectedIndex: 0, path: '(record)' }, { headers: { 'content-type': contentTypes.batch } });
  c.unparseable('deep-nesting', `single event that is a ${depth}-deep array`, arrays(depth));
  c.add('deep-nesting', `NDJSON line ${Math.floor(depth / 4)} objects deep`, objects(Math.floor(depth / 4)), { records: 1, valid: 0, rejectedIndex: 0, path: 'a' }, { headers: { 'content-type': contentTypes.ndjson } });
}

/** Amounts that are not exact decimal strings within the currency's minor units. */
export function badAmounts(c: CorpusBuilder): void {
  const strings = [
    '1e309', '1e3', 'NaN', 'Infinity', '-Infinity', '-0', '-0.00', '1.005', '007', '+5', ' 5', '5 ', '5.', '.5', '1,000.00', '12,50',
    '1234567890123456789', '', '-5', '0x10', '1_000', '١٢٣', '１２', '5\u00a0000', '1.2.3', '--5', '5-', '$5', '5 EUR', '1e-2', '0.1e1',
    'null', 'true', '∞', '12.345', '0.0001', '9'.repeat(40), '00.50', '0.', '-.5',
  ];
  for (const amount of strings) c.record('amounts', `amount ${JSON.stringify(amount)}`, c.patched((e) => (e.data.amount = amount)), 'data.amount');
  for (const literal of ['1e309', '-1e309', '-0', '12.5', '12500', '1e3', '0.1', '123456789012345678901234567890', '4.9e-324']) {
    c.record('amounts', `amount as JSON number ${literal}`, c.validText().replace('"12500.00"', literal), 'data.amount');
  }
  const scales: Array<[string, number]> = [['EUR', 2], ['JPY', 0], ['KWD', 3], ['USD', 2], ['CLP', 0], ['BHD', 3]];
  for (const [currency, digits] of scales) {
    const whole = String(c.int(1, 1_000_000));
    const fraction = (n: number) => Array.from({ length: n }, () => String(c.int(0, 9))).join('');
    for (let extra = 1; extra <= 5; extra++) {
      const amount = `${whole}.${fraction(digits + extra)}`;
      c.record('amounts', `${amount} ${currency}`, c.patched((e) => Object.assign(e.data, { amount, currency })), 'data.amount');
    }
    const exact = digits === 0 ? whole : `${whole}.${fraction(digits)}`;
    c.record('amounts', `${exact} ${currency} (exact scale)`, c.patched((e) => Object.assign(e.data, { amount: exact, currency })), 'valid');
  }
  const spoilers = [' ', ',', 'e', '+', '..', '-', '_', 'x', '\u00a0', '\u066b', '\u0000'];
  for (let i = 0; i < 60; i++) {
    const base = `${c.int(1, 99_999)}.${String(c.int(0, 99)).padStart(2, '0')}`;
    const at = c.int(0, base.length);
    const amount = base.slice(0, at) + c.pick(spoilers) + base.slice(at);
    c.record('amounts', `spoiled amount ${JSON.stringify(amount)}`, c.patched((e) => (e.data.amount = amount)), 'data.amount');
  }
}

/** Codes that are not ISO 4217 ledger currencies. */
export function badCurrencies(c: CorpusBuilder): void {
  const codes = ['EURO', 'eur', 'Eur', 'XXX', 'XTS', 'XAU', 'ZZZ', 'EU', 'E', '', '€', 'EUR ', ' EUR', 'E U', '123', 'ЕUR', 'EUR\u200b', 'DEM', 'FRF', 'EUR\u0000'];
  for (const currency of codes) c.record('currencies', `currency ${JSON.stringify(currency)}`, c.patched((e) => (e.data.currency = currency)), 'data.currency');
  for (const side of ['base_currency', 'quote_currency']) {
    for (const code of ['eur', 'XXX', 'ZZZ']) {
      const data = { ...minimalData('finance.fx.rate'), [side]: code };
      c.record('currencies', `fx ${side} ${code}`, c.patched((e) => ((e.type = 'finance.fx.rate'), (e.data = data))), `data.${side}`);
    }
  }
}

/** Timestamps and dates that do not exist or are not RFC 3339 / ISO 8601 dates. */
export function impossibleDates(c: CorpusBuilder): void {
  const times = [
    '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-20T25:00:00Z', '2026-11-20T10:15:00', '2026-11-20', '2026-11-31T00:00:00Z',
    '2026-02-29T12:00:00Z', '2026-00-01T00:00:00Z', '2026-01-00T00:00:00Z', '2026-11-20T10:60:00Z', '2026-11-20T10:15:61Z', '2026-11-20T24:00:00Z',
    '2026-11-20T10:15:00+25:00', '2026-11-20T10:15:00+05:60', '2026-11-20 10:15:00Z', '2026-11-20t10:15:00z', '20261120T101500Z',
    '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z', '+002026-11-20T10:15:00Z', '2026-11-20T10:15:00.Z',
    '2026-11-20T10:15:00.1234567890Z', '2026-W47-5T10:15:00Z', 'Fri, 20 Nov 2026 10:15:00 GMT', '1795169700', '', 'now',
  ];
  for (const time of times) c.record('dates', `time ${JSON.stringify(time)}`, c.patched((e) => (e.time = time)), 'time');
  for (let i = 0; i < 40; i++) {
    const year = c.int(1971, 2199);
    const month = i % 2 === 0 ? c.int(13, 99) : c.int(1, 12);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = month > 12 ? c.int(1, 28) : c.int(days + 1, 39);
    const time = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(c.int(0, 23)).padStart(2, '0')}:00:00Z`;
    c.record('dates', `time ${time}`, c.patched((e) => (e.time = time)), 'time');
  }
  for (const date of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-12-20T00:00:00Z', '20.12.2026', '2026/12/20', '2026-1-5', '', '2026-12-32']) {
    c.record('dates', `due_date ${JSON.stringify(date)}`, c.patched((e) => (e.data.due_date = date)), 'data.due_date');
  }
}

type Strictness = 'identifier' | 'text' | 'free';
/** Which characters each kind of field refuses (see event-schema.ts and hostile-structure.ts). */
const refusedBy: Record<Strictness, Set<string>> = {
  identifier: new Set(['zwj', 'zwsp', 'rlo', 'lri', 'nul', 'uffff', 'ufffe', 'highSurrogate', 'lowSurrogate', 'reversedPair', 'bom', 'c1', 'del', 'bell', 'tag', 'lineSeparator']),
  text: new Set(['rlo', 'lri', 'nul', 'uffff', 'ufffe', 'highSurrogate', 'lowSurrogate', 'reversedPair', 'c1', 'del', 'bell']),
  free: new Set(['nul', 'highSurrogate', 'lowSurrogate', 'reversedPair']),
};

/** Unicode edge cases in identifiers, names, unknown fields, names of fields and extensions. */
export function unicodeEdges(c: CorpusBuilder): void {
  const chars: Record<string, string> = {
    zwj: '\u200d', zwsp: '\u200b', rlo: '\u202e', lri: '\u2066', emoji: '🧾', nul: '\u0000', uffff: '\uffff', ufffe: '\ufffe',
    highSurrogate: '\ud800', lowSurrogate: '\udc00', reversedPair: '\udc00\ud800', bom: '\ufeff', combining: 'e\u0301', nbsp: '\u00a0',
    lineSeparator: '\u2028', c1: '\u0085', del: '\u007f', bell: '\u0007', tag: '\u{e0041}', privateUse: '\ue000',
  };
  const places: Array<[string, Strictness, (e: Record<string, any>, v: string) => void, string]> = [
    ['id', 'identifier', (e, v) => (e.id = `${e.id}-${v}-x`), 'id'],
    ['source', 'identifier', (e, v) => (e.source = `ap/${v}-x`), 'source'],
    ['subject', 'identifier', (e, v) => (e.subject = `INV-${v}-1`), 'subject'],
    ['document_id', 'identifier', (e, v) => (e.data.document_id = `INV-${v}-1`), 'data.document_id'],
    ['counterparty_id', 'identifier', (e, v) => (e.data.counterparty_id = `SUP-${v}-1`), 'data.counterparty_id'],
    ['counterparty_name', 'text', (e, v) => (e.data.counterparty_name = `ACME ${v} GmbH`), 'data.counterparty_name'],
    ['reference', 'text', (e, v) => (e.data.reference = `RF18${v}5390`), 'data.reference'],
    ['unknown data field', 'free', (e, v) => (e.data.note = `note ${v} end`), 'data.note'],
    ['field name in data', 'free', (e, v) => (e.data[`k${v}k`] = 1), ''],
    ['extension value', 'free', (e, v) => (e.ext = `v${v}v`), 'ext'],
  ];
  for (const [name, char] of Object.entries(chars)) {
    for (const [place, strictness, set, path] of places) {
      c.record('unicode', `${name} in ${place}`, c.patched((e) => set(e, char)), refusedBy[strictness].has(name) ? path : 'valid');
    }
  }
}

/** Prototype-polluting names anywhere in a record. */
export function reservedKeys(c: CorpusBuilder): void {
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    const member = `"${name}":{"admin":true}`;
    c.record('reserved-keys', `${name} at the top`, c.validText().replace('{', `{${member},`), name);
    c.record('reserved-keys', `${name} in data`, c.validText().replace('"data":{', `"data":{${member},`), `data.${name}`);
    c.record('reserved-keys', `${name} in a data array`, c.validText().replace('"data":{', `"data":{"lines":[{${member}}],`), `data.lines[0].${name}`);
    c.record('reserved-keys', `${name} nested deeper`, c.validText().replace('"data":{', `"data":{"a":{"b":{${member}}},`), `data.a.b.${name}`);
    c.record('reserved-keys', `${name} as null`, c.validText().replace('{', `{"${name}":null,`), name);
  }
}

/** The same name twice in one object: JSON.parse would keep the last silently. */
export function duplicateKeys(c: CorpusBuilder): void {
  const cases: Array<[string, string, string, string]> = [
    ['id', '"source"', '"id":"hc-other","source"', 'id'],
    ['source', '"type"', '"source":"erp/other","type"', 'source'],
    ['type', '"time"', '"type":"finance.invoice.approved","time"', 'type'],
    ['time', '"subject"', '"time":"2026-01-01T00:00:00Z","subject"', 'time'],
    ['data', '"data":{', '"data":{"entity":"DE01"},"data":{', 'data'],
    ['amount', '"currency"', '"amount":"99999.00","currency"', 'data.amount'],
    ['amount with the same value', '"currency"', '"amount":"12500.00","currency"', 'data.amount'],
    ['currency', '"due_date"', '"currency":"USD","due_date"', 'data.currency'],
    ['entity', '"document_type"', '"entity":"US01","document_type"', 'data.entity'],
    ['amount spelled with an escape', '"currency"', '"a\\u006dount":"1.00","currency"', 'data.amount'],
    ['nested name', '"entity"', '"lines":[{"x":1,"x":2}],"entity"', 'data.lines[0].x'],
    ['empty name', '"entity"', '"":1,"":2,"entity"', ''],
  ];
  for (const [label, anchor, replacement, path] of cases) c.record('duplicate-keys', `${label} twice`, c.validText().replace(anchor, replacement), path);
}

/** Arrays, scalars and objects where the other is expected. */
export function wrongShapes(c: CorpusBuilder): void {
  c.unparseable('wrong-shapes', 'single body that is an array of one event', `[${c.validText()}]`);
  c.unparseable('wrong-shapes', 'single body that is an empty array', '[]');
  for (const body of ['{}', '"events"', '42', 'null', c.validText()]) c.unparseable('wrong-shapes', `batch body ${body.slice(0, 12)}`, body, 'batch');
  for (const element of ['5', '"event"', 'null', 'true', '{}', '{"data":[]}']) {
    const path = element === '{}' ? 'specversion' : element.startsWith('{') ? 'data' : '(record)';
    c.record('wrong-shapes', `record ${element}`, element, path);
  }
  for (const element of ['[]', `[${c.validText()}]`, '[{}]', '[[]]']) c.record('wrong-shapes', `record ${element.slice(0, 12)}`, element, '(record)', ['batch', 'ndjson']);
  c.add('wrong-shapes', 'application/json holding a batch', `[${c.validText()},${c.validText()}]`, { records: 2, valid: 2 }, { headers: { 'content-type': 'application/json' } });
  c.add('wrong-shapes', 'application/json holding one event', c.validText(), { records: 1, valid: 1 }, { headers: { 'content-type': 'application/json' } });
}
