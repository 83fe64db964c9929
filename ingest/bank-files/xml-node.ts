// Reading captured XML subtrees by local element names, with refusals that point at the
// element that is missing or wrong.
import { BankFileRefusal } from './bank-file-model.ts';
import type { XmlNode } from './xml-stream.ts';

/** The first descendant along `names` (e.g. at(ntry, 'BkTxCd', 'Domn', 'Cd')), if any. */
export function at(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) {
    current = current?.children.find((c) => c.name === name);
    if (!current) return undefined;
  }
  return current;
}

/** All children named `name` of the node along `names`. */
export function all(node: XmlNode | undefined, name: string, ...names: string[]): XmlNode[] {
  const parent = names.length ? at(node, ...names) : node;
  return parent ? parent.children.filter((c) => c.name === name) : [];
}

/** Text of the descendant along `names`, or '' when absent. */
export function textAt(node: XmlNode | undefined, ...names: string[]): string {
  return at(node, ...names)?.text ?? '';
}

/** The first non-empty text among several descendant paths. */
export function firstText(node: XmlNode | undefined, ...paths: string[][]): string {
  for (const path of paths) {
    const text = textAt(node, ...path);
    if (text !== '') return text;
  }
  return '';
}

/** The descendant along `names`; refuses the file when it is missing or empty. */
export function required(node: XmlNode, ...names: string[]): XmlNode {
  const found = at(node, ...names);
  if (!found || (found.children.length === 0 && found.text === '')) throw new BankFileRefusal(pathTo(node, ...names), 'is required');
  return found;
}

/** The path a missing descendant would have. */
export function pathTo(node: XmlNode, ...names: string[]): string {
  let path = node.path;
  let current: XmlNode | undefined = node;
  for (const name of names) {
    current = current?.children.find((c) => c.name === name);
    path = current ? current.path : `${path}/${name}`;
  }
  return path;
}
