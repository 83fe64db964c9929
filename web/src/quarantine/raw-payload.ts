// How a refused record's raw payload is shown and offered for editing: valid JSON re-indented
// without parsing its values (so "12.50", 1e3, duplicate names and long numbers stay exactly as
// received), anything else as plain text with the reason it is not JSON.

export type Payload = { kind: 'json'; text: string } | { kind: 'text'; text: string; parseError: string };

export function describePayload(raw: string): Payload {
  try {
    JSON.parse(raw);
  } catch (error) {
    return { kind: 'text', text: raw, parseError: (error as Error).message };
  }
  return { kind: 'json', text: reindentJson(raw) };
}

/**
 * Re-indents JSON text token by token: whitespace outside strings is replaced, every other
 * character is kept. Assumes valid JSON (check first); empty {} and [] stay on one line.
 */
export function reindentJson(text: string, indent = '  '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => `\n${indent.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      const next = nextSignificant(text, i + 1);
      if (text[next] === close) {
        out += ch + close;
        i = next;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') {
      out += ch + newline();
    } else if (ch === ':') {
      out += ': ';
    } else {
      out += ch;
    }
  }
  return out;
}

function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
