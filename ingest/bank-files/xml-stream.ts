// Streaming XML for bank files (saxes): elements are matched by local name whatever the
// namespace version, and only the subtrees a visitor asks for (one entry, one balance, one
// transaction status) are built as small trees, so memory stays bounded by the largest
// record, not the file. Every node knows its path, e.g. Document/BkToCstmrStmt/Stmt[2]/Ntry[5].
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { BankFileRefusal } from './bank-file-model.ts';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  path: string;
}

export interface OpenElement {
  name: string;
  /** The namespace of the root element (from its xmlns attribute); empty below it. */
  uri: string;
  depth: number;
  path: string;
  /** Local names of the enclosing elements, outermost first. */
  parents: readonly string[];
}

export interface XmlVisitor {
  /** An element outside any captured subtree opened: capture it whole, or keep streaming inside it. */
  open(element: OpenElement): 'capture' | 'descend';
  /** A captured subtree is complete. */
  captured(node: XmlNode, parents: readonly string[]): void;
  /** A streamed (not captured) element closed. */
  close(element: OpenElement): void;
}

/** Elements that repeat in bank files: their position is always shown, e.g. Ntry[1]. */
const repeating = new Set(['Stmt', 'Ntfctn', 'Rpt', 'Ntry', 'NtryDtls', 'TxDtls', 'Bal', 'OrgnlPmtInfAndSts', 'TxInfAndSts', 'StsRsnInf', 'PmtInf', 'CdtTrfTxInf', 'Ustrd', 'Strd']);
const maxDepth = 64;
const maxTextLength = 64 * 1024;

interface Frame {
  element: OpenElement;
  counts: Map<string, number>;
  node?: XmlNode;
  /** Depth at which the capture started (only on the capture's root frame). */
  captureRoot: boolean;
}

/** Parses decoded text chunks; `afterChunk` runs between chunks (e.g. to write out what was read). */
export async function readXml(chunks: AsyncIterable<string>, visitor: XmlVisitor, afterChunk: () => Promise<void> = async () => undefined): Promise<void> {
  // Namespace processing is off (it costs a third of the parse): elements are matched by
  // local name anyway, and the root's namespace is read from its xmlns attribute.
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  let sawRoot = false;
  const currentPath = () => stack.at(-1)?.element.path ?? '(document)';

  parser.on('doctype', () => {
    throw new BankFileRefusal(currentPath(), 'DOCTYPE declarations are not accepted in bank files', 400, parser.line);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const parent = stack.at(-1);
    if (!parent && sawRoot) throw new BankFileRefusal(tag.name, 'a second root element follows the first', 400, parser.line);
    sawRoot = true;
    if (stack.length >= maxDepth) throw new BankFileRefusal(currentPath(), `elements are nested deeper than ${maxDepth} levels`, 400, parser.line);
    const colon = tag.name.indexOf(':');
    const name = colon === -1 ? tag.name : tag.name.slice(colon + 1);
    const position = (parent?.counts.get(name) ?? 0) + 1;
    parent?.counts.set(name, position);
    const step = repeating.has(name) || position > 1 ? `${name}[${position}]` : name;
    const element: OpenElement = {
      name,
      uri: parent ? '' : (tag.attributes[colon === -1 ? 'xmlns' : `xmlns:${tag.name.slice(0, colon)}`] ?? ''),
      depth: stack.length,
      path: parent ? `${parent.element.path}/${step}` : step,
      // Inside a captured subtree the node tree itself says where an element is.
      parents: parent && !parent.node ? [...parent.element.parents, parent.element.name] : [],
    };
    const frame: Frame = { element, counts: new Map(), captureRoot: false };
    if (parent?.node) {
      frame.node = newNode(element, tag);
      parent.node.children.push(frame.node);
    } else if (visitor.open(element) === 'capture') {
      frame.node = newNode(element, tag);
      frame.captureRoot = true;
    }
    stack.push(frame);
  });
  const onText = (text: string) => {
    const node = stack.at(-1)?.node;
    if (!node) return;
    if (node.text.length + text.length > maxTextLength) throw new BankFileRefusal(node.path, `text is longer than ${maxTextLength} characters`, 422, parser.line);
    node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    if (frame.node) frame.node.text = frame.node.text.trim();
    if (frame.captureRoot) visitor.captured(frame.node!, frame.element.parents);
    else if (!frame.node) visitor.close(frame.element);
  });

  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      await afterChunk();
    }
    parser.close();
  } catch (error) {
    if (error instanceof BankFileRefusal) throw error;
    const message = (error as Error).message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '');
    throw new BankFileRefusal(currentPath(), `XML is not well-formed (line ${parser.line}, column ${parser.column}): ${message}`, 400, parser.line);
  }
  if (!sawRoot) throw new BankFileRefusal('(document)', 'the file contains no XML element', 400);
}

function newNode(element: OpenElement, tag: SaxesTagPlain): XmlNode {
  const attrs: Record<string, string> = {};
  for (const key in tag.attributes) {
    const colon = key.indexOf(':');
    attrs[colon === -1 ? key : key.slice(colon + 1)] = tag.attributes[key]!;
  }
  return { name: element.name, attrs, text: '', children: [], path: element.path };
}
