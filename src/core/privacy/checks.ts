// Check digits and plausibility tests behind the detectors: resident ID numbers (GB 11643-1999), bank
// card numbers (Luhn, ISO/IEC 7812) and unified social credit codes (GB 32100-2015). Pure, no I/O.

/**
 * First two digits of a resident ID's region code (行政区划代码, GB/T 2260): the provinces, Taiwan (71),
 * Hong Kong and Macao (81, 82: residence permits), 83 (Taiwan residents' residence permits) and 91
 * (the 2023 foreigners' permanent residence ID, same check scheme). The last four region digits are not
 * checked against a table: counties are created and merged, and a stale table would miss real numbers.
 */
export const ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

const isAsciiDigits = (s: string) => /^[0-9]+$/.test(s);

/** ISO 7064 MOD 11-2 check character of the first 17 digits of an 18-digit ID number ('0'–'9' or 'X'). */
export function residentIdCheckChar(first17: string): string {
  if (first17.length !== 17 || !isAsciiDigits(first17)) throw new RangeError('first17 must be 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** Today's date in China (UTC+8, no daylight saving) as the number YYYYMMDD. */
export function chinaToday(now: Date = new Date()): number {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

/** YYYYMMDD a real date between 1900-01-01 and `today` (inclusive)? */
export function isPlausibleBirthDate(yyyymmdd: string, today: number): boolean {
  if (yyyymmdd.length !== 8 || !isAsciiDigits(yyyymmdd)) return false;
  const n = Number(yyyymmdd);
  const y = Math.floor(n / 10000);
  return y >= 1900 && n <= today && isValidDate(y, Math.floor(n / 100) % 100, n % 100);
}

/**
 * A valid resident ID number (居民身份证号码): 18 characters (6-digit region, birth date YYYYMMDD between
 * 1900 and today, 3-digit sequence, MOD 11-2 check character, X or x) or the old 15 digits (region,
 * YYMMDD in the 1900s, sequence). `id` must be ASCII.
 */
export function isValidResidentId(id: string, today: number = chinaToday()): boolean {
  if (!ID_PROVINCE_CODES.has(id.slice(0, 2))) return false;
  if (id.length === 18) {
    const first17 = id.slice(0, 17);
    if (!isAsciiDigits(first17) || !isPlausibleBirthDate(id.slice(6, 14), today)) return false;
    return residentIdCheckChar(first17) === id[17]!.toUpperCase();
  }
  if (id.length === 15) return isAsciiDigits(id) && isPlausibleBirthDate(`19${id.slice(6, 12)}`, today);
  return false;
}

/**
 * Looks like an 18-digit ID number whatever its check character: region prefix and a plausible birth date
 * in place. Such a number is never reported as a bank card: either it is an ID (reported as one) or a
 * mistyped one, and calling it a card would only confuse the person masking it.
 */
export function isIdShaped(digits18: string, today: number = chinaToday()): boolean {
  return digits18.length === 18 && ID_PROVINCE_CODES.has(digits18.slice(0, 2)) && isPlausibleBirthDate(digits18.slice(6, 14), today);
}

/** Luhn (mod 10) check over ASCII digits, the last digit being the check digit. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2 || !isAsciiDigits(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `partial + digit` pass the Luhn check. */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return String(d);
  throw new RangeError('partial must be ASCII digits');
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * A valid unified social credit code (统一社会信用代码, GB 32100-2015). Organisations' codes are public
 * (they are printed on every 行政处罚决定书), so an all-digit code that happens to pass Luhn is not a card.
 */
export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(code[i]!.toUpperCase());
    if (v < 0) return false;
    sum += v * USCC_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17]!.toUpperCase();
}
