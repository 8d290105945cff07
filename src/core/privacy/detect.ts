// Personal data in a text (个人信息检查): resident ID numbers, mobile and landline numbers, bank card
// numbers, e-mail addresses and the values of fields marked personal. Pure, no I/O, linear time.
//
// Why: 《中华人民共和国政府信息公开条例》第十五条 — government information whose disclosure would harm a third
// party's lawful rights (commercial secrets, personal privacy) is not to be published without consent; and
// 《中华人民共和国个人信息保护法》 (Art. 4, 28: ID numbers and financial accounts are sensitive personal
// information; Art. 34–35: state organs process personal information only within their statutory duties
// and to the extent necessary). A record must not go out with these values in clear.
import { chinaToday, isIdShaped, isValidCreditCode, isValidResidentId, luhnValid } from './checks.ts';
import { kindLabel, maskValue } from './mask.ts';
import type { DetectOptions, Finding, PersonalDataKind } from './types.ts';

/**
 * Same-length normalisation for matching: full-width ASCII (１３８, ＠, （）) to ASCII, dashes (— – ‐ −) to
 * '-', and the various spaces (NBSP, U+3000, thin spaces) to ' '. One UTF-16 unit in, one out, so every
 * offset into the normalised text is an offset into the original one.
 */
export function normalizeForDetection(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u2010-\u2015\u2212\u00A0\u2000-\u200A\u202F\u3000]/g, (c) => {
    const n = c.charCodeAt(0);
    if (n >= 0xff01 && n <= 0xff5e) return String.fromCharCode(n - 0xfee0);
    if ((n >= 0x2010 && n <= 0x2015) || n === 0x2212) return '-';
    return ' ';
  });
}

// Boundaries: a number is never part of a longer run of digits or ASCII letters (统一社会信用代码,
// 索引号, serial numbers), nor the integer or decimal part of a decimal number (1234567.89).
const START = String.raw`(?<![0-9A-Za-z])(?<![0-9]\.)`;
const END = String.raw`(?![0-9A-Za-z])(?!\.[0-9])`;

const ID18_RE = new RegExp(String.raw`${START}[1-9]\d{16}[\dXx]${END}`, 'g');
const ID15_RE = new RegExp(String.raw`${START}[1-9]\d{14}${END}`, 'g');
// 11 digits 1[3-9]…, grouped 3-4-4 by optional spaces or hyphens, optionally after +86 / 0086 / 86. Not
// when a unit follows (13800138000元 is an amount, 15000000000人次 a count).
const MOBILE_RE = new RegExp(
  String.raw`(?<![0-9A-Za-z+])(?<![0-9]\.)(?:(?:\+86|0086|86)[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}${END}(?! ?(?:元|万|亿|千|百|个|人|次|件|户|台|辆|吨|斤|亩|平方|立方|米|公里|千米|%))`,
  'g',
);
// Area code 0 + 2–3 digits (010, 02x, 0xxx) in parentheses or followed by a hyphen, then a local number
// of 7–8 digits not starting with 0, then an optional extension (转123, -8001, 分机123, ext 123).
const LANDLINE_RE = new RegExp(
  String.raw`${START}(?:\(0(?:10|2\d|[3-9]\d\d)\) ?-?|0(?:10|2\d|[3-9]\d\d)-)[1-9]\d{6,7}(?:(?:转|-|分机|ext\.? ?|x|#)\d{1,6})?${END}`,
  'g',
);
// 16–19 digits, plain or grouped by single spaces in fours (the last group 1–4 digits; a grouped number is
// not the tail or the head of a longer grouped run). First digit: see BANK_IIN_FIRST_DIGITS.
const BANK_RE = new RegExp(
  String.raw`${START}(?:[3-69]\d{15,18}${END}|(?<![0-9] )[3-69]\d{3}(?: \d{4}){3}(?: \d{1,4})?${END}(?! [0-9]))`,
  'g',
);
/**
 * Plausible issuer identification numbers, by first digit: 3 (JCB 35, Diners 36/38), 4 (Visa), 5
 * (Mastercard and many domestic debit cards), 6 (China UnionPay 62, Discover 60/64/65), 9 (older domestic
 * cards such as 95xx). 1, 2, 7, 8 and 0 are left out: long numbers starting with them are mostly other
 * identifiers, and a Mastercard 2-series number would be found only in 16 digits anyway.
 */
export const BANK_IIN_FIRST_DIGITS = '34569';
// Local part and domain of an address; labels cannot contain '.', so backtracking stays linear.
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** Priority when two candidates cover exactly the same span (longer spans win first). */
const PRIORITY: Record<PersonalDataKind, number> = { id_card: 0, bank_card: 1, mobile: 2, landline: 3, email: 4, personal_field: 5 };

interface Candidate {
  kind: PersonalDataKind;
  start: number;
  end: number;
  field?: string;
}

/** Personal values shorter than this are ignored: one character (王) would match everywhere. */
export const MIN_PERSONAL_VALUE_LENGTH = 2;

const CONTEXT_CHARS = 20;

/**
 * Every piece of personal data in `text`, sorted by start, non-overlapping. Only valid ID numbers and
 * Luhn-valid card numbers are reported; 文号, 索引号, dates, amounts and other numbers are left alone.
 */
export function findPersonalData(text: string, opts: DetectOptions = {}): Finding[] {
  const norm = normalizeForDetection(text);
  const today = chinaToday(opts.now);
  const candidates: Candidate[] = [];
  const scan = (re: RegExp, accept: (m: string) => boolean, kind: PersonalDataKind) => {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      if (accept(m[0])) candidates.push({ kind, start: m.index, end: m.index + m[0].length });
    }
  };

  // 条例第十五条 / 个人信息保护法第二十八条: a resident ID number is sensitive personal information.
  scan(ID18_RE, (m) => isValidResidentId(m, today), 'id_card');
  scan(ID15_RE, (m) => isValidResidentId(m, today), 'id_card');
  // 个人信息保护法第四条: a telephone number identifies a natural person.
  scan(MOBILE_RE, () => true, 'mobile');
  scan(LANDLINE_RE, () => true, 'landline');
  // 个人信息保护法第二十八条: financial accounts are sensitive personal information.
  scan(
    BANK_RE,
    (m) => {
      const digits = m.replace(/ /g, '');
      if (digits.length < 16 || digits.length > 19 || !luhnValid(digits)) return false;
      // An ID-shaped number is an ID (reported as such when valid); a credit code is an organisation's.
      if (digits.length === 18 && (isIdShaped(digits, today) || isValidCreditCode(digits))) return false;
      return true;
    },
    'bank_card',
  );
  scan(EMAIL_RE, () => true, 'email');

  // 条例第十五条: the values of fields marked personal (the penalised person's name, …), wherever they stand.
  const seen = new Set<string>();
  for (const pv of opts.personalValues ?? []) {
    const value = pv.value.trim();
    if (value.length < MIN_PERSONAL_VALUE_LENGTH || seen.has(value)) continue;
    seen.add(value);
    for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + value.length)) {
      candidates.push({ kind: 'personal_field', start: i, end: i + value.length, field: pv.field });
    }
  }

  // Longer spans first (an e-mail address 13800138000@qq.com beats the mobile inside it), then priority.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);

  const masks = accepted.map((c) => maskValue(c.kind, text.slice(c.start, c.end)));
  return accepted.map((c, i) => {
    const value = text.slice(c.start, c.end);
    const f: Finding = { kind: c.kind, start: c.start, end: c.end, value, masked: masks[i]!, label: kindLabel(c.kind, c.field), context: maskedContext(text, accepted, masks, i) };
    if (c.field !== undefined) f.field = c.field;
    return f;
  });
}

/** About CONTEXT_CHARS either side of finding `i`, widened to whole neighbouring findings, all masked. */
function maskedContext(text: string, found: readonly Candidate[], masks: readonly string[], i: number): string {
  const self = found[i]!;
  let from = Math.max(0, self.start - CONTEXT_CHARS);
  let to = Math.min(text.length, self.end + CONTEXT_CHARS);
  let first = i;
  while (first > 0 && found[first - 1]!.end > from) {
    first--;
    from = Math.min(from, found[first]!.start);
  }
  let last = i;
  while (last < found.length - 1 && found[last + 1]!.start < to) {
    last++;
    to = Math.max(to, found[last]!.end);
  }
  // Do not cut a surrogate pair in two.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  let out = from > 0 ? '…' : '';
  let pos = from;
  for (let j = first; j <= last; j++) {
    out += text.slice(pos, found[j]!.start) + masks[j]!;
    pos = found[j]!.end;
  }
  out += text.slice(pos, to) + (to < text.length ? '…' : '');
  return out.replace(/\s+/g, ' ');
}

const isLowSurrogate = (n: number) => n >= 0xdc00 && n <= 0xdfff;
