// Masking (脱敏) in the customary Chinese shapes. Masks keep every separator, bracket and prefix of the
// value as written and replace digits/characters with '*', so a masked number still reads as a number:
//   ID (18)        370983********1234     first 6, 8 stars, last 4
//   ID (15)        370983******123        first 6, stars, last 3
//   mobile         138****8000            "+86 138 **** 8000" when written with prefix and spaces
//   landline       0531-******56          area code and the last 2 digits of the number; an extension stays
//   bank card      6222********1234       first 4, stars, last 4 ("6222 **** **** 1234" when grouped)
//   e-mail         z***@example.com       first character, ***, @domain
//   personal field 张**                   first character, one star for each other character
import { KIND_LABELS, type Finding, type PersonalDataKind } from './types.ts';

/** ASCII or full-width digit (０–９), the digits of Chinese documents. */
export function isDigitChar(c: string): boolean {
  const n = c.charCodeAt(0);
  return (n >= 48 && n <= 57) || (n >= 0xff10 && n <= 0xff19);
}

/** Replaces the digits of `value` whose rank among its digits satisfies `hide` by '*'. */
function maskDigits(value: string, hide: (rank: number, count: number) => boolean): string {
  let count = 0;
  for (const c of value) if (isDigitChar(c)) count++;
  let rank = 0;
  let out = '';
  for (const c of value) {
    if (isDigitChar(c)) {
      out += hide(rank, count) ? '*' : c;
      rank++;
    } else out += c;
  }
  return out;
}

function maskIdCard(value: string): string {
  const chars = Array.from(value);
  if (chars.length === 18) return chars.slice(0, 6).join('') + '********' + chars.slice(14).join('');
  if (chars.length === 15) return chars.slice(0, 6).join('') + '******' + chars.slice(12).join('');
  return maskDigits(value, (r, n) => r >= 6 && r < n - 4);
}

function maskMobile(value: string): string {
  // The national number is the last 11 digits; any +86/0086 prefix stays as written.
  return maskDigits(value, (r, n) => {
    const i = r - (n - 11);
    return i >= 3 && i <= 6;
  });
}

function maskLandline(value: string): string {
  // Area code: inside the parentheses, or up to the first separator.
  const m = /^([(（][^)）]*[)）][ \-－]?|[^-－—–‐‑ ]+[-－—–‐‑ ])/.exec(value);
  const head = m ? m[0] : '';
  let rest = value.slice(head.length);
  // The number itself is the run of digits that follows; anything after it (转123, -8001) is an extension.
  let n = 0;
  while (n < rest.length && isDigitChar(rest[n]!)) n++;
  const number = rest.slice(0, n);
  rest = rest.slice(n);
  return head + '*'.repeat(Math.max(0, number.length - 2)) + number.slice(-2) + rest;
}

function maskBankCard(value: string): string {
  return maskDigits(value, (r, n) => r >= 4 && r < n - 4);
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  const first = Array.from(value.slice(0, at))[0]!;
  return `${first}***${value.slice(at)}`;
}

function maskPersonal(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 1 ? '*' : chars[0]! + '*'.repeat(chars.length - 1);
}

/** The masked form of a value of the given kind. */
export function maskValue(kind: PersonalDataKind, value: string): string {
  switch (kind) {
    case 'id_card':
      return maskIdCard(value);
    case 'mobile':
      return maskMobile(value);
    case 'landline':
      return maskLandline(value);
    case 'bank_card':
      return maskBankCard(value);
    case 'email':
      return maskEmail(value);
    case 'personal_field':
      return maskPersonal(value);
  }
}

export function kindLabel(kind: PersonalDataKind, field?: string): string {
  return kind === 'personal_field' && field ? `${KIND_LABELS.personal_field}“${field}”` : KIND_LABELS[kind];
}

export type Maskable = Pick<Finding, 'start' | 'end' | 'masked'> & { value?: string };

/**
 * `text` with each finding replaced by its mask. Offsets are those of the original `text`; overlapping
 * findings after the first are skipped. Throws when a finding's `value` no longer stands at its offsets
 * (the text changed since it was scanned), rather than masking the wrong characters.
 */
export function applyMasks(text: string, findings: readonly Maskable[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const f of sorted) {
    if (f.start < pos || f.end > text.length || f.start > f.end) continue;
    if (f.value !== undefined && text.slice(f.start, f.end) !== f.value) {
      throw new RangeError(`finding at ${f.start}–${f.end} does not match the text: scan the text again`);
    }
    out += text.slice(pos, f.start) + f.masked;
    pos = f.end;
  }
  return out + text.slice(pos);
}
