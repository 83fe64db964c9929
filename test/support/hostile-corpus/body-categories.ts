// Body-level hostility: empty bodies, NDJSON framing, gzip bombs and damage, media types,
// refused keys, and amplification.
import { gzipSync } from 'node:zlib';
import { CorpusBuilder, contentTypes, type Expected } from './corpus-builder.ts';

/** Bodies with nothing in them. */
export function emptyBodies(c: CorpusBuilder): void {
  for (const kind of ['single', 'batch', 'ndjson'] as const) {
    c.unparseable('empty', `empty body (${kind})`, '', kind);
    c.unparseable('empty', `whitespace-only body (${kind})`, '  \r\n\t \n', kind);
    c.unparseable('empty', `byte-order mark only (${kind})`, '\ufeff', kind);
  }
  c.unparseable('empty', 'empty batch', '[]', 'batch');
  c.unparseable('empty', 'NDJSON of blank lines', '\n\n\r\n   \n', 'ndjson');
  c.unparseable('empty', 'gzip of nothing', gzipSync(''), 'single', { headers: { 'content-encoding': 'gzip' } });
  c.add('empty', 'empty object', '{}', { records: 1, valid: 0, rejectedIndex: 0, path: 'specversion' });
  c.add('empty', 'null', 'null', { records: 1, valid: 0, rejectedIndex: 0, path: '(record)' });
  c.add('empty', 'empty string', '""', { records: 1, valid: 0, rejectedIndex: 0, path: '(record)' });
}

/** NDJSON framing: CRLF, lone CR, blank lines, no final newline, and long mixed bodies. */
export function ndjsonLines(c: CorpusBuilder): void {
  const nd = (label: string, body: string, expect: Expected) => c.add('ndjson-lines', label, body, expect, { headers: { 'content-type': contentTypes.ndjson } });
  nd('CRLF lines', [c.validText(), c.validText(), c.validText()].join('\r\n') + '\r\n', { records: 3, valid: 3 });
  nd('lone CR between events (one line)', [c.validText(), c.validText()].join('\r'), { records: 1, valid: 0, rejectedIndex: 0, path: '(record)' });
  nd('U+2028 between events (one line)', [c.validText(), c.validText()].join('\u2028'), { records: 1, valid: 0, rejectedIndex: 0, path: '(record)' });
  nd('blank and whitespace lines in between', `${c.validText()}\n\n \t\r\n\r\n${c.validText()}`, { records: 2, valid: 2 });
  nd('no final newline', `${c.validText()}\n${c.validText()}`, { records: 2, valid: 2 });
  nd('trailing garbage on a line', `${c.validText()}\n${c.validText()} x`, { records: 2, valid: 1, rejectedIndex: 1, path: '(record)' });
  const badLines = ['{', '[]', '5', '{}', '{"a":1,"a":2}', '"x"', 'null', "{'a':1}"];
  for (let body = 0; body < 6; body++) {
    const lines: string[] = [];
    let valid = 0;
    for (let i = c.int(20, 60); i > 0; i--) {
      const good = c.random() < 0.5;
      valid += good ? 1 : 0;
      lines.push(good ? c.validText() : c.pick(badLines));
    }
    nd(`${lines.length} mixed lines #${body}`, lines.join(c.pick(['\n', '\r\n'])), { records: lines.length, valid });
  }
}

/** gzip: bombs, lies, damage, and encodings that are not gzip. */
export function gzipBodies(c: CorpusBuilder): void {
  const gz = { 'content-encoding': 'gzip' };
  const limit = c.maxBodyBytes;
  c.add('gzip', 'gzip single event', gzipSync(c.validText()), { records: 1, valid: 1 }, { headers: gz });
  c.add('gzip', 'gzip batch', gzipSync(`[${c.validText()},${c.validText()}]`), { records: 2, valid: 2 }, { headers: { ...gz, 'content-type': contentTypes.batch } });
  c.add('gzip', 'gzip NDJSON with a bad line', gzipSync(`${c.validText()}\n{\n`), { records: 2, valid: 1, rejectedIndex: 1, path: '(record)' }, { headers: { ...gz, 'content-type': contentTypes.ndjson } });
  c.add('gzip', 'GZIP in capitals', gzipSync(c.validText()), { records: 1, valid: 1 }, { headers: { 'content-encoding': 'GZIP' } });
  c.add('gzip', 'gzip padded with zero bytes', Buffer.concat([gzipSync(c.validText()), Buffer.alloc(16)]), { records: 1, valid: 1 }, { headers: gz });
  c.add('gzip', 'bomb: spaces expanding to 8x the limit', gzipSync(Buffer.alloc(limit * 8, 0x20)), { status: 413 }, { headers: gz });
  c.add('gzip', 'bomb: an event followed by megabytes of spaces', gzipSync(c.validText() + ' '.repeat(limit * 4)), { status: 413 }, { headers: gz });
  c.add('gzip', 'bomb: NDJSON lines past the limit', gzipSync(Array.from({ length: Math.ceil(limit / 400) + 100 }, () => c.validText()).join('\n')), { status: 413 }, { headers: { ...gz, 'content-type': contentTypes.ndjson } });
  const damaged = gzipSync(c.validText());
  const notStored = (label: string, body: Buffer) => c.add('gzip', label, body, { status: 400, quarantined: false }, { headers: gz });
  notStored('declared gzip, sent plain', Buffer.from(c.validText()));
  notStored('truncated gzip', damaged.subarray(0, damaged.length - 6));
  notStored('gzip with trailing garbage', Buffer.concat([damaged, Buffer.from('GARBAGE')]));
  notStored('gzip with a wrong checksum', Buffer.concat([damaged.subarray(0, -8), Buffer.from([1, 2, 3, 4]), damaged.subarray(-4)]));
  notStored('declared gzip, empty body', Buffer.alloc(0));
  c.unparseable('gzip', 'gzip inside gzip', gzipSync(gzipSync(c.validText())), 'single', { headers: gz });
  c.unparseable('gzip', 'gzip of broken JSON', gzipSync(c.validText().slice(0, 50)), 'single', { headers: gz });
  c.unparseable('gzip', 'gzip of invalid UTF-8', gzipSync(Buffer.from([0x7b, 0xff, 0x7d])), 'single', { headers: gz });
  for (const encoding of ['br', 'deflate', 'gzip, gzip', 'x-gzip', 'compress', 'zstd']) {
    c.add('gzip', `Content-Encoding ${encoding}`, gzipSync(c.validText()), { status: 415 }, { headers: { 'content-encoding': encoding } });
  }
}

/** Content types that are not accepted, and the spellings of those that are. */
export function mediaTypes(c: CorpusBuilder): void {
  const refused = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '*/*', 'application/cloudevents+jsonx', 'application/cloudevents', `application/${'x'.repeat(8000)}`, ''];
  for (const type of refused) c.add('content-types', `Content-Type ${JSON.stringify(type.slice(0, 30))}`, c.validText(), { status: 415 }, { headers: { 'content-type': type } });
  c.add('content-types', 'no Content-Type', c.validText(), { status: 415 }, { noContentType: true });
  const accepted = ['application/cloudevents+json; charset=utf-8', 'Application/CloudEvents+JSON', 'application/cloudevents+json ; foo=bar'];
  for (const type of accepted) c.add('content-types', `Content-Type ${type}`, c.validText(), { records: 1, valid: 1 }, { headers: { 'content-type': type } });
  for (const type of ['application/jsonl', 'application/ndjson']) c.add('content-types', `Content-Type ${type}`, `${c.validText()}\n${c.validText()}`, { records: 2, valid: 2 }, { headers: { 'content-type': type } });
}

/** Hostile bodies without a valid key: refused before they are read, and not stored. */
export function refusedKeys(c: CorpusBuilder): void {
  c.add('auth', 'no key', c.validText(), { status: 401 }, { auth: 'none' });
  c.add('auth', 'wrong key with a hostile body', '{"__proto__":{"admin":true}}', { status: 401 }, { auth: 'wrong' });
  c.add('auth', 'Basic scheme', c.validText(), { status: 401 }, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
  c.add('auth', 'bearer with junk', c.validText(), { status: 401 }, { headers: { authorization: `Bearer ${'\u00ff'.repeat(10)}` } });
}

/** Bodies built to multiply work or storage: record counts, error counts. */
export function amplification(c: CorpusBuilder): void {
  const empties = (n: number) => Array.from({ length: n }, () => '{}');
  c.add('amplification', '50,001 empty records in a batch', `[${empties(50_001).join(',')}]`, { status: 413 }, { headers: { 'content-type': contentTypes.batch } });
  c.add('amplification', '50,001 NDJSON lines', empties(50_001).join('\n'), { status: 413 }, { headers: { 'content-type': contentTypes.ndjson } });
  c.add('amplification', '3,000 empty records in a batch', `[${empties(3000).join(',')}]`, { records: 3000, valid: 0 }, { headers: { 'content-type': contentTypes.batch } });
  c.record('amplification', '50 bad attribute names', c.patched((e) => Array.from({ length: 50 }, (_, i) => (e[`Bad${i}`] = i))), 'Bad0');
  c.record('amplification', '5,000 attributes', c.patched((e) => Array.from({ length: 5000 }, (_, i) => (e[`x${i}`] = i))), '(record)');
  c.record('amplification', '500 duplicate names', c.validText().replace('"entity"', `${'"x":1,'.repeat(500)}"entity"`), 'data.x');
}
