import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainVerifier, entryHash, GENESIS_HASH, type AuditContent, type StoredAuditEntry } from './chain.ts';

function chain(contents: Omit<AuditContent, 'seq'>[]): StoredAuditEntry[] {
  let prev = GENESIS_HASH;
  return contents.map((c, i) => {
    const content = { ...c, seq: i + 1 };
    const hash = entryHash(prev, content);
    const e = { ...content, prevHash: prev, hash };
    prev = hash;
    return e;
  });
}

const entry = (summary: string, after: unknown = { a: 1, b: [1, 2] }): Omit<AuditContent, 'seq'> => ({
  tenantId: 't1',
  at: '2026-11-21T01:02:03.456Z',
  actorUserId: null,
  actorLabel: '系统',
  action: 'unit.update',
  entityType: 'unit',
  entityId: 'u1',
  summary,
  before: null,
  after,
  ip: null,
  requestId: null,
});

function verify(entries: StoredAuditEntry[]) {
  const v = new ChainVerifier();
  for (const e of entries) {
    const p = v.push(e);
    if (p) return p;
  }
  return null;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verify(chain([entry('一'), entry('二'), entry('三')]))).toBeNull();
  });

  it('does not depend on the order of keys in before/after (the database reorders JSON)', () => {
    const [e] = chain([entry('一', { b: 2, a: 1 })]);
    expect(verify([{ ...e!, after: { a: 1, b: 2 } }])).toBeNull();
  });

  it('names the altered entry', () => {
    const es = chain([entry('一'), entry('二'), entry('三')]);
    es[1] = { ...es[1]!, summary: '二（改）' };
    expect(verify(es)).toEqual({ seq: 2, reason: expect.stringContaining('改动') });
  });

  it('names the entry after a removed one', () => {
    const es = chain([entry('一'), entry('二'), entry('三')]);
    expect(verify([es[0]!, es[2]!])!.seq).toBe(3);
  });

  it('catches any change to any field of any entry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.constantFrom('summary', 'actorLabel', 'action', 'at', 'entityId'), fc.string({ minLength: 1 }), (i, field, junk) => {
        const es = chain([entry('一'), entry('二'), entry('三'), entry('四'), entry('五')]);
        const original = String(es[i]![field]);
        if (junk === original) return true;
        es[i] = { ...es[i]!, [field]: junk };
        return verify(es)?.seq === i + 1;
      }),
    );
  });
});
