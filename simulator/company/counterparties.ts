// Suppliers and customers of the simulated group, with the names their own systems use
// (accents, ligatures, non-Latin scripts) and the shortened upper-case form a bank
// statement shows, so matching has to cope with both.

export interface Counterparty {
  id: string;
  name: string;
  country: string;
}

const supplierNames: ReadonlyArray<[string, string]> = [
  ['Müller Präzisionstechnik GmbH', 'DE'], ['Schäfer & Söhne KG', 'DE'], ['Köhler Logistik AG', 'DE'],
  ['Weiß Elektrotechnik GmbH', 'DE'], ['Großmann Verpackungen GmbH', 'DE'], ['Jürgen Fößl Maschinenbau e.K.', 'DE'],
  ['Van der Bijl Transport B.V.', 'NL'], ['IJsselmeer Staalbouw B.V.', 'NL'], ['De Vries Techniek N.V.', 'NL'],
  ['Brontë Office Supplies Ltd', 'GB'], ['O’Sullivan & Ó Súilleabháin Consulting Ltd', 'GB'], ['Café Noël Catering Ltd', 'GB'],
  ['Peña Industrial Supply LLC', 'US'], ['Núñez Freight Inc.', 'US'], ['Zoë Facilities Management Co.', 'US'],
  ['株式会社山田製作所', 'JP'], ['東京電機工業株式会社', 'JP'], ['大阪精密部品株式会社', 'JP'],
  ['Société Générale de Façades SAS', 'FR'], ['Électricité Lefèvre SARL', 'FR'], ['Łódź Komponenty Sp. z o.o.', 'PL'],
  ['Škoda Díly s.r.o.', 'CZ'], ['Øresund Shipping A/S', 'DK'], ['Åkesson Verktyg AB', 'SE'],
  ['Ελληνικά Υλικά Α.Ε.', 'GR'], ['Zürcher Präzision AG', 'CH'], ['Çelik Döküm A.Ş.', 'TR'],
  ['Hernández y Muñoz S.L.', 'ES'], ['Ferreira & Conceição Lda.', 'PT'], ['Nørgaard Emballage ApS', 'DK'],
];

const customerNames: ReadonlyArray<[string, string]> = [
  ['Bäckerei Groß GmbH', 'DE'], ['Stahlwerk Thüringen AG', 'DE'], ['Bürotechnik Köln GmbH', 'DE'],
  ['Koninklijke Brouwerij ’t IJ B.V.', 'NL'], ['Van Dijk Bouwmaterialen B.V.', 'NL'],
  ['Smith & Jones plc', 'GB'], ['Aberdeen Offshore Services Ltd', 'GB'], ['Siân Evans Engineering Ltd', 'GB'],
  ['Great Lakes Fabrication Inc.', 'US'], ['Santiago Peña Construction LLC', 'US'], ['Renée Dubois Interiors Inc.', 'US'],
  ['トヨダ自動機械株式会社', 'JP'], ['北海道エネルギー株式会社', 'JP'],
  ['Ånge Kraft AB', 'SE'], ['Müller-Lüdenscheidt Handel GmbH', 'AT'], ['Établissements Girard S.A.', 'FR'],
  ['Construcciones Ibáñez S.A.', 'ES'], ['Vinhos do Douro Conceição S.A.', 'PT'], ['Žilina Strojárne a.s.', 'SK'],
  ['Kraków Budownictwo S.A.', 'PL'], ['Dansk Vindkraft Å/S', 'DK'], ['Αθηναϊκή Ναυτιλιακή Α.Ε.', 'GR'],
];

const build = (prefix: string, names: ReadonlyArray<[string, string]>): Counterparty[] =>
  names.map(([name, country], i) => ({ id: `${prefix}-${String(i + 1).padStart(4, '0')}`, name, country }));

export const suppliers: readonly Counterparty[] = build('SUP', supplierNames);
export const customers: readonly Counterparty[] = build('CUS', customerNames);

const latin: Readonly<Record<string, string>> = { ß: 'SS', ø: 'O', Ø: 'O', ł: 'L', Ł: 'L', æ: 'AE', Æ: 'AE', '’': "'", '&': '+' };

/**
 * The name as a bank statement line shows it: Latin letters without diacritics, upper case,
 * cut to the 35 characters of a SWIFT name field. Non-Latin scripts pass through.
 */
export function statementName(name: string): string {
  let shown = statementNames.get(name);
  if (shown === undefined) statementNames.set(name, (shown = toStatementName(name)));
  return shown;
}

const statementNames = new Map<string, string>();

function toStatementName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøØłŁæÆ’&]/g, (ch) => latin[ch] ?? ch);
  return plain.toUpperCase().slice(0, 35).trim();
}
