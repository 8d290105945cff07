// Small text helpers shared by the notice parsers. Pure.

/** Whitespace of every kind (ASCII, full-width space, NBSP, zero-width) collapsed to one space and trimmed. */
export function cleanSpaces(s: string): string {
  return s
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u3000\u00a0]+/g, ' ')
    .trim();
}

/** The text of a cell or paragraph as shown to a person: spaces collapsed, trimmed. */
export function cellText(s: string | null | undefined): string {
  return s ? cleanSpaces(s) : '';
}

/**
 * A key for comparing two texts: NFKC (full-width letters, digits and brackets become ASCII), no whitespace,
 * no punctuation, lower case. Two renderings of the same requirement compare equal.
 */
export function compareKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0\u200b-\u200d\ufeff]+/g, '')
    .replace(/[\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/** A unit name as compared: NFKC, no whitespace, one bracket style. "市政府各部门（单位）" = "市政府各部门(单位)". */
export function unitKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0\u200b-\u200d\ufeff]+/g, '')
    .replace(/[〔【［]/g, '(')
    .replace(/[〕】］]/g, ')');
}

/** True when the text ends like a finished sentence (。；！？ or a closing quote after one). */
export function endsSentence(s: string): boolean {
  return /[。；;！!？?][”’"』」）)]?$/.test(s.trim());
}

/** Character length ignoring spaces. */
export function visibleLength(s: string): number {
  return s.replace(/\s+/g, '').length;
}

/** Dice coefficient of character bigrams of two compare keys: 1 for equal texts, 0 for nothing shared. */
export function bigramSimilarity(a: string, b: string): number {
  const x = compareKey(a);
  const y = compareKey(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}
