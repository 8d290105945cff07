// fast-check generators for the privacy tests: valid and invalid identifiers written the ways they are
// written in Chinese documents, and Chinese filler text to embed them in. Test support only.
import fc from 'fast-check';
import { ID_PROVINCE_CODES, isIdShaped, isValidCreditCode, isValidResidentId, luhnCheckDigit, luhnValid, residentIdCheckChar } from './checks.ts';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const TODAY = 20260101;

/** Chinese words that cannot glue onto a number (no digits, no ASCII letters, no units such as 元 or 人). */
const WORDS = ['关于', '公示', '的', '通知', '联系', '情况', '根据', '规定', '办理', '事项', '申请', '我局', '本', '予以', '如下', '核实', '相关', '工作', '部门', '经查', '当事', '住址', '电话', '号码', '邮箱', '账户', '对', '进行', '处罚', '决定'];
const PUNCT = ['，', '。', '；', '：', '、', '（', '）', '“', '”', ' ', '\n'];
export const chinese = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...PUNCT) }), { minLength: 0, maxLength: 12 })
  .map((parts) => parts.join(''));
/** Filler that ends (before a value) or starts (after one) with a Chinese character or punctuation. */
export const before = fc.tuple(chinese, fc.constantFrom(...WORDS, '：', '，', '（', ' ')).map(([a, b]) => a + b);
/**
 * Filler between two values: never a lone space, since "13000000000 3000 0000 0000 0004" is genuinely
 * ambiguous (is the card the tail of a longer grouped number?) and is left alone by design.
 */
export const between = fc.tuple(chinese, fc.constantFrom(...WORDS, '：', '，', '（')).map(([a, b]) => a + b);
export const after = fc.tuple(fc.constantFrom(...WORDS, '。', '，', '）', '；', ' ', '\n'), chinese).map(([a, b]) => a + b);

const province = fc.constantFrom(...ID_PROVINCE_CODES);
const birthDate = (minYear: number, maxYear: number) =>
  fc.date({ min: new Date(Date.UTC(minYear, 0, 1)), max: new Date(Date.UTC(maxYear, 11, 31)), noInvalidDate: true }).map((d) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`);

/** Valid 18-character resident ID numbers (check character X sometimes written x). */
export const validId18 = fc.tuple(province, digits(4), birthDate(1900, 2025), digits(3), fc.boolean()).map(([p, r, d, s, lower]) => {
  const first17 = p + r + d + s;
  const check = residentIdCheckChar(first17);
  return first17 + (lower ? check.toLowerCase() : check);
});
/** Valid 15-digit (pre-1999) ID numbers. */
export const validId15 = fc.tuple(province, digits(4), birthDate(1900, 1999), digits(3)).map(([p, r, d, s]) => p + r + d.slice(2) + s);
/** 18-character ID numbers with a wrong check character. */
export const badCheckId18 = fc.tuple(validId18, fc.integer({ min: 1, max: 10 })).map(([id, k]) => {
  const chars = '0123456789X';
  const right = chars.indexOf(id[17]!.toUpperCase());
  return id.slice(0, 17) + chars[(right + k) % 11]!;
});

const SEPARATED = (n: string, sep: string) => `${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
/** Mobile numbers in every accepted format: bare, 3-4-4 with spaces or hyphens, +86 / 86 / 0086 prefixes. */
export const mobile = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9), fc.constantFrom('', ' ', '-'), fc.constantFrom('', '+86', '86', '0086', '+86 ', '+86-', '86 ', '0086 '))
  .map(([second, rest, sep, prefix]) => prefix + SEPARATED(`1${second}${rest}`, sep));
/** Landline numbers: area code in parentheses or with a hyphen, 7–8 digits, optional extension. */
export const landline = fc
  .tuple(
    fc.oneof(fc.constantFrom('010', '021', '022', '023', '024', '025', '027', '028', '029', '020'), fc.tuple(fc.constantFrom(...'3456789'), digits(2)).map(([a, b]) => `0${a}${b}`)),
    fc.constantFrom(...'23456789'),
    fc.oneof(digits(6), digits(7)),
    fc.boolean(),
    fc.constantFrom('', '转123', '-8001', '分机66'),
  )
  .map(([area, first, rest, paren, ext]) => (paren ? `(${area})` : `${area}-`) + first + rest + ext);
/** Luhn-valid card numbers of 16–19 digits with a plausible first digit, plain or grouped by fours. */
export const bankCard = fc
  .tuple(fc.constantFrom(...'34569'), fc.integer({ min: 16, max: 19 }).chain((n) => digits(n - 2)), fc.boolean())
  .map(([first, body, grouped]) => {
    const number = first + body + luhnCheckDigit(first + body);
    return { number, written: grouped ? number.replace(/(\d{4})(?=\d)/g, '$1 ') : number };
  })
  .filter(({ number }) => !(number.length === 18 && (isIdShaped(number, TODAY) || isValidCreditCode(number))));
/** Card numbers that fail the Luhn check. */
export const badLuhnCard = fc
  .tuple(fc.constantFrom(...'34569'), fc.integer({ min: 16, max: 19 }).chain((n) => digits(n - 1)), fc.integer({ min: 1, max: 9 }), fc.boolean())
  .map(([first, body, k, grouped]) => {
    const good = luhnCheckDigit(first + body.slice(0, -1));
    const number = first + body.slice(0, -1) + String((Number(good) + k) % 10);
    return grouped ? number.replace(/(\d{4})(?=\d)/g, '$1 ') : number;
  })
  .filter((n) => !luhnValid(n.replace(/ /g, '')) && !isValidResidentId(n.replace(/ /g, ''), TODAY));

const label = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: min, maxLength: max });
export const email = fc
  .tuple(label(1, 12), fc.option(label(1, 6), { nil: undefined }), fc.constantFrom('.', '_', '-'), fc.array(label(1, 10), { minLength: 1, maxLength: 3 }), fc.constantFrom('cn', 'com', 'gov.cn', 'org', 'net'))
  .map(([a, b, sep, labels, tld]) => `${a}${b ? sep + b : ''}@${labels.join('.')}.${tld}`);

// Things that look like numbers but are not personal data.
const issuer = fc.constantFrom('肥政办字', '川政办字', '国办发', '皖政', '鲁政发', '示范县政办', '县发改字');
const year = fc.integer({ min: 1990, max: 2026 });
export const docNo = fc
  .tuple(issuer, year, fc.integer({ min: 1, max: 999 }), fc.constantFrom(['〔', '〕'], ['[', ']'], ['（', '）'], ['【', '】']))
  .map(([i, y, n, [l, r]]) => `${i}${l}${y}${r}${n}号`);
export const indexNo = fc.oneof(
  fc.tuple(digits(9), year, fc.integer({ min: 1, max: 99999 })).map(([org, y, n]) => `${org}/${y}-${pad(n, 5)}`),
  fc
    .tuple(digits(17), fc.constantFrom(...'ABCDEFGHJKLMNPQRTUWXY'), year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 99999 }))
    .map(([d, c, y, m, n]) => `${d}${c}/${y}${pad(m, 2)}-${pad(n, 5)}`),
);
export const date = fc
  .tuple(fc.date({ min: new Date(Date.UTC(1949, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true }), fc.integer({ min: 0, max: 5 }))
  .map(([d, f]) => {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    return [`${y}-${pad(m, 2)}-${pad(day, 2)}`, `${y}年${m}月${day}日`, `${y}${pad(m, 2)}${pad(day, 2)}`, `${y}.${m}.${day}`, `${y}/${pad(m, 2)}/${pad(day, 2)}`, `${y}-${m}-${day}`][f]!;
  });
export const amount = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('元', '万元', '亿元', '人', '户', '吨'))
  .map(([n, cents, f, unit]) => {
    const grouped = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return [`${grouped}${unit}`, `${n}.${pad(cents, 2)}${unit}`, `${grouped}.${pad(cents, 2)}${unit}`, `${n}${unit}`][f]!;
  });
/** Ordinary numbers: at most 10 digits, possibly decimal or a percentage. */
export const ordinaryNumber = fc
  .tuple(fc.integer({ min: 0, max: 2_147_483_647 }), fc.integer({ min: 0, max: 2 }))
  .map(([n, f]) => [`${n}`, `${n}.5`, `${n % 100}%`][f]!);
