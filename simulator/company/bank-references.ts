// Check-digit arithmetic for bank identifiers the simulated company uses: IBANs (ISO 13616)
// and structured creditor references (ISO 11649 "RF…"), both mod 97-10, so matching
// rules downstream see the same shapes real bank files carry.

/** Remainder mod 97 of the number formed by a string of letters (A=10 … Z=35) and digits. */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

function checkDigits(body: string, prefix: string): string {
  return String(98 - mod97(`${body}${prefix}00`)).padStart(2, '0');
}

/** An IBAN with correct check digits for a country code and BBAN. */
export function iban(country: string, bban: string): string {
  return `${country}${checkDigits(bban, country)}${bban}`;
}

/** An ISO 11649 creditor reference for an alphanumeric base (e.g. "RF18539007547034"). */
export function creditorReference(base: string): string {
  return `RF${checkDigits(base, 'RF')}${base}`;
}

/** True if an IBAN or RF reference has valid mod 97 check digits. */
export function hasValidCheckDigits(value: string): boolean {
  return mod97(`${value.slice(4)}${value.slice(0, 4)}`) === 1;
}
