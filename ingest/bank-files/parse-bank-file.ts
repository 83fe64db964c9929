// Recognises a bank file from its first bytes (ISO 20022 root element and namespace, or
// MT940 tags) and streams it through the matching reader into a record sink. The file is
// read from disk in 64 KiB chunks, never whole.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { BankFileFormat, BankFileKind, BankRecordSink } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { camtStatementElement, camtVisitor } from './camt-statement.ts';
import { readMt940 } from './mt940-statement.ts';
import { pain001Visitor } from './pain001-initiation.ts';
import { pain002Visitor } from './pain002-status.ts';
import { readXml, type XmlVisitor } from './xml-stream.ts';

const messageKinds: Record<string, BankFileKind> = {
  BkToCstmrAcctRpt: 'camt.052',
  BkToCstmrStmt: 'camt.053',
  BkToCstmrDbtCdtNtfctn: 'camt.054',
  CstmrCdtTrfInitn: 'pain.001',
  CstmrPmtStsRpt: 'pain.002',
};
/** Oldest version read per message: earlier ones have a different structure. */
const oldestVersion: Record<string, string> = { 'camt.052': '001.02', 'camt.053': '001.02', 'camt.054': '001.02', 'pain.001': '001.03', 'pain.002': '001.03' };
const isoNamespace = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3})\.(\d{3}\.\d{2})$/;
const chunkBytes = 64 * 1024;

type Sniffed = { family: 'xml'; encoding: string; skip: number } | { family: 'mt940'; skip: number };

/** Parses the file at `path` into `sink`; `afterChunk` runs between chunks (backpressure). */
export async function parseBankFile(path: string, sink: BankRecordSink, afterChunk: () => Promise<void>): Promise<BankFileFormat> {
  const sniffed = sniff(await readHead(path));
  if (sniffed.family === 'mt940') {
    const encoding = (await isUtf8(path)) ? 'utf-8' : 'windows-1252';
    await readMt940(lines(decoded(path, encoding, sniffed.skip)), sink, afterChunk);
    return { kind: 'mt940', version: '', namespace: '' };
  }
  const format: BankFileFormat = { kind: 'camt.053', version: '', namespace: '' };
  let handler: (XmlVisitor & { finish(): void }) | undefined;
  const root: XmlVisitor = {
    open(element) {
      if (element.depth === 0) {
        if (element.name !== 'Document') throw new BankFileRefusal(element.path, 'is not an ISO 20022 Document (expected camt.052/053/054, pain.001/002) or an MT940 statement', 400);
        format.namespace = element.uri;
        return 'descend';
      }
      if (element.depth === 1) {
        handler = messageHandler(element.name, element.path, format, sink);
        return handler.open(element);
      }
      return handler!.open(element);
    },
    captured: (node, parents) => handler?.captured(node, parents),
    close: (element) => handler?.close(element),
  };
  await readXml(decoded(path, sniffed.encoding, sniffed.skip), root, afterChunk);
  if (!handler) throw new BankFileRefusal('Document', 'holds no message', 422);
  handler.finish();
  return format;
}

function messageHandler(name: string, path: string, format: BankFileFormat, sink: BankRecordSink): XmlVisitor & { finish(): void } {
  const kind = messageKinds[name];
  if (!kind) throw new BankFileRefusal(path, `is not a message Closewatch reads (${Object.keys(messageKinds).join(', ')})`, 400);
  const ns = isoNamespace.exec(format.namespace);
  if (ns && ns[1] !== kind) throw new BankFileRefusal(path, `is a ${kind} message but the namespace ${format.namespace} says ${ns[1]}`, 422);
  format.kind = kind;
  format.version = ns?.[2] ?? '';
  if (format.version && format.version < oldestVersion[kind]!) {
    throw new BankFileRefusal(path, `${kind}.${format.version} is older than the oldest version read (${kind}.${oldestVersion[kind]})`, 422);
  }
  if (camtStatementElement[kind]) return camtVisitor(kind, sink);
  return kind === 'pain.002' ? pain002Visitor(sink) : pain001Visitor(sink);
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function sniff(head: Buffer): Sniffed {
  if (head[0] === 0xff && head[1] === 0xfe) return { family: 'xml', encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { family: 'xml', encoding: 'utf-16be', skip: 2 };
  const skip = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = head.subarray(skip).toString('latin1');
  const start = text.trimStart();
  if (start.startsWith('<')) {
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start)?.[1] ?? 'utf-8';
    try {
      new TextDecoder(declared);
    } catch {
      throw new BankFileRefusal('(xml declaration)', `encoding "${declared}" is not supported`, 400, 1);
    }
    return { family: 'xml', encoding: declared, skip };
  }
  if (/^(\{1:|:\d{2,3}[A-Z]?:)/.test(start)) return { family: 'mt940', skip };
  if (start === '') throw new BankFileRefusal('(file)', 'is empty', 400);
  throw new BankFileRefusal('(file)', 'is neither an ISO 20022 XML document (camt.052/053/054, pain.001/002) nor a SWIFT MT940 statement', 400, 1);
}

/** The file as text chunks; invalid bytes for the encoding refuse the file. */
async function* decoded(path: string, encoding: string, skip: number): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  try {
    for await (const chunk of createReadStream(path, { start: skip, highWaterMark: chunkBytes })) yield decoder.decode(chunk as Buffer, { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw new BankFileRefusal('(file)', `is not valid ${encoding} text`, 400);
    throw error;
  }
}

/** MT940 banks write UTF-8 or a Latin code page; a first pass over the bytes decides which. */
async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function* lines(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let rest = '';
  for await (const chunk of chunks) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest !== '') yield rest;
}
