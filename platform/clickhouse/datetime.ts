// Timestamps in the form ClickHouse parses under date_time_input_format=basic, in UTC.
// Formatted by arithmetic rather than Date#toISOString plus two replaces: ingest formats a
// timestamp per event, and this is several times faster. The output is the same string
// (test/ingest/event-row-format.test.ts compares both over many dates); instants outside
// years 1970..9999 or with fractional milliseconds take the toISOString path.

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from here on toISOString writes a six-digit signed year. */
const YEAR_10000_MS = 253_402_300_800_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** The last day formatted, as 'YYYY-MM-DD ': events of one request usually share a day. */
let lastDay = Number.NaN;
let lastDayText = '';

/** 'YYYY-MM-DD hh:mm:ss.sss' for DateTime64(3, 'UTC') columns. */
export function toClickHouseDateTime64(ms: number): string {
  if (!(ms >= 0 && ms < YEAR_10000_MS) || !Number.isInteger(ms)) return viaIsoString(ms);
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    lastDayText = civilDate(day);
    lastDay = day;
  }
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  return `${lastDayText}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[milli]}`;
}

function viaIsoString(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** 'YYYY-MM-DD ' of a day counted from 1970-01-01 (≥ 0), proleptic Gregorian (H. Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // day of era, 0..146096
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365); // 0..399
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // 0..365, from March 1
  const mp = Math.floor((5 * doy + 2) / 153); // 0..11, March = 0
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[dayOfMonth]} `;
}
