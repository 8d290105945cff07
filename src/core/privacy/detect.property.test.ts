// Generated texts: every valid identifier embedded in Chinese text is found and masked; look-alikes
// (wrong check digits, failing Luhn, 文号, 索引号, dates, amounts, ordinary numbers) are left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPersonalData } from './detect.ts';
import { after, amount, badCheckId18, badLuhnCard, bankCard, before, between, chinese, date, docNo, email, indexNo, landline, mobile, ordinaryNumber, validId15, validId18 } from './generators.test-support.ts';
import { applyMasks } from './mask.ts';
import type { PersonalDataKind } from './types.ts';

const NOW = new Date(Date.UTC(2026, 0, 1, 12));
const RUNS = { numRuns: 300 };

function expectFoundAndMasked(kind: PersonalDataKind, value: string) {
  fc.assert(
    fc.property(before, after, (pre, post) => {
      const text = pre + value + post;
      const findings = findPersonalData(text, { now: NOW });
      const f = findings.find((x) => x.start === pre.length);
      expect(f, `${kind} ${JSON.stringify(value)} in ${JSON.stringify(text)}`).toBeDefined();
      expect(f!.kind).toBe(kind);
      expect(f!.value).toBe(value);
      expect(f!.end).toBe(pre.length + value.length);
      const masked = applyMasks(text, findings);
      expect(masked).not.toContain(value);
      expect(masked.length).toBe(text.length - value.length + f!.masked.length);
      expect(f!.context).not.toContain(value);
    }),
    { numRuns: 3 },
  );
}

describe('generated personal data is found and masked', () => {
  it('18-character resident ID numbers', () => {
    fc.assert(fc.property(validId18, (id) => expectFoundAndMasked('id_card', id)), RUNS);
  });
  it('15-digit resident ID numbers', () => {
    fc.assert(fc.property(validId15, (id) => expectFoundAndMasked('id_card', id)), RUNS);
  });
  it('mobile numbers in every accepted format', () => {
    fc.assert(fc.property(mobile, (m) => expectFoundAndMasked('mobile', m)), RUNS);
  });
  it('landline numbers', () => {
    fc.assert(fc.property(landline, (l) => expectFoundAndMasked('landline', l)), RUNS);
  });
  it('Luhn-valid bank card numbers of 16–19 digits, plain or grouped', () => {
    fc.assert(fc.property(bankCard, ({ written }) => expectFoundAndMasked('bank_card', written)), RUNS);
  });
  it('e-mail addresses', () => {
    fc.assert(fc.property(email, (e) => expectFoundAndMasked('email', e)), RUNS);
  });
  it('several at once, in order, none overlapping, all masked', () => {
    const item = fc.oneof(
      validId18.map((v) => ['id_card', v] as const),
      mobile.map((v) => ['mobile', v] as const),
      landline.map((v) => ['landline', v] as const),
      bankCard.map((v) => ['bank_card', v.written] as const),
      email.map((v) => ['email', v] as const),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(between, item), { minLength: 1, maxLength: 6 }), after, (parts, tail) => {
        let text = '';
        const expected: { kind: string; start: number; value: string }[] = [];
        for (const [pre, [kind, value]] of parts) {
          text += pre;
          expected.push({ kind, start: text.length, value });
          text += value;
        }
        text += tail;
        const findings = findPersonalData(text, { now: NOW });
        expect(findings.map((f) => ({ kind: f.kind, start: f.start, value: f.value }))).toEqual(expected);
        const masked = applyMasks(text, findings);
        for (const e of expected) expect(masked).not.toContain(e.value);
      }),
      RUNS,
    );
  });
});

describe('look-alikes are left alone', () => {
  const noFindings = (arb: fc.Arbitrary<string>) =>
    fc.assert(
      fc.property(before, arb, after, (pre, value, post) => {
        const text = pre + value + post;
        expect(findPersonalData(text, { now: NOW }), JSON.stringify(text)).toEqual([]);
      }),
      RUNS,
    );
  it('ID numbers with a wrong check character', () => noFindings(badCheckId18));
  it('card numbers failing the Luhn check', () => noFindings(badLuhnCard));
  it('文号', () => noFindings(docNo));
  it('索引号', () => noFindings(indexNo));
  it('dates', () => noFindings(date));
  it('amounts', () => noFindings(amount));
  it('ordinary numbers', () => noFindings(ordinaryNumber));
  it('a whole document of them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(chinese, fc.oneof(badCheckId18, badLuhnCard, docNo, indexNo, date, amount, ordinaryNumber), before), { maxLength: 20 }), (parts) => {
        const text = parts.map(([a, b, c]) => a + c + b).join('。');
        expect(findPersonalData(text, { now: NOW })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
