import { describe, expect, it } from 'vitest';
import { attributeProblem } from './disclosure.ts';
import { eventPermission, RECORD_EVENTS, RECORD_STATES, transition, type RecordEvent, type RecordState } from './workflow.ts';

const now = new Date('2026-11-20T02:00:00Z');
const go = (state: RecordState, event: RecordEvent, extra: Partial<Parameters<typeof transition>[0]> = {}) =>
  transition({ state, event, attribute: 'proactive', now, comment: 'ok', ...extra });

describe('record workflow', () => {
  it('walks the happy path: draft → submitted → confidentiality review → approved → published', () => {
    const path: [RecordState, RecordEvent, RecordState][] = [
      ['draft', 'submit', 'submitted'],
      ['submitted', 'pass_review', 'confidentiality_review'],
      ['confidentiality_review', 'pass_confidentiality', 'approved'],
      ['approved', 'publish', 'published'],
      ['published', 'withdraw', 'withdrawn'],
    ];
    for (const [from, ev, to] of path) expect(go(from, ev)).toEqual({ ok: true, to });
  });

  it('schedules a publication in the future, publishes at once for a past time', () => {
    expect(go('approved', 'publish', { publishAt: new Date('2026-11-21T00:00:00Z') })).toEqual({ ok: true, to: 'scheduled' });
    expect(go('approved', 'publish', { publishAt: new Date('2026-11-01T00:00:00Z') })).toEqual({ ok: true, to: 'published' });
    expect(go('scheduled', 'publish_scheduled', { bySystem: true })).toEqual({ ok: true, to: 'published' });
    expect(go('scheduled', 'publish_scheduled')).toMatchObject({ ok: false });
  });

  it('sends back to draft only with a comment, and withdraws only with a public note', () => {
    expect(go('submitted', 'reject', { comment: '' })).toEqual({ ok: false, reason: 'comment_required', message: '退回时请写明修改意见' });
    expect(go('confidentiality_review', 'reject')).toEqual({ ok: true, to: 'draft' });
    expect(go('published', 'withdraw', { comment: '  ' })).toMatchObject({ ok: false, message: expect.stringContaining('撤回说明') });
  });

  it('refuses every event from a state that does not allow it, saying which states do', () => {
    const allowed = new Set(['draft:submit', 'submitted:pass_review', 'confidentiality_review:pass_confidentiality', 'approved:publish', 'scheduled:unschedule', 'scheduled:publish_scheduled', 'published:supersede', 'published:withdraw']);
    for (const s of RECORD_STATES) {
      for (const e of RECORD_EVENTS) {
        const r = go(s, e, { bySystem: true, publishAt: null });
        const ok = allowed.has(`${s}:${e}`) || (e === 'reject' && ['submitted', 'confidentiality_review', 'approved', 'scheduled'].includes(s));
        expect(r.ok, `${s} ${e}`).toBe(ok);
        if (!r.ok && !ok) expect(r.message).toMatch(/不能|系统/);
      }
    }
  });

  it('never publishes a record that is not proactive (Art. 13)', () => {
    expect(go('approved', 'publish', { attribute: 'withheld' })).toMatchObject({ ok: false, message: expect.stringContaining('不予公开') });
    expect(go('approved', 'publish', { attribute: 'on_request' })).toMatchObject({ ok: false });
  });

  it('asks for the right permission at each step', () => {
    expect(eventPermission('submit', 'draft')).toBe('records.edit');
    expect(eventPermission('reject', 'submitted')).toBe('records.review');
    expect(eventPermission('reject', 'confidentiality_review')).toBe('records.confidentiality');
    expect(eventPermission('pass_confidentiality', 'confidentiality_review')).toBe('records.confidentiality');
    expect(eventPermission('withdraw', 'published')).toBe('records.withdraw');
    expect(eventPermission('publish_scheduled', 'scheduled')).toBeNull();
  });
});

describe('disclosure attribute', () => {
  it('requires a ground from Arts. 14–16 for on-request and withheld records', () => {
    expect(attributeProblem('proactive', null)).toBeNull();
    expect(attributeProblem('withheld', null)).toMatch(/法律依据/);
    expect(attributeProblem('on_request', undefined)).toMatch(/法律依据/);
    expect(attributeProblem('withheld', 'art14-secret')).toBeNull();
    expect(attributeProblem('withheld', 'art99')).toMatch(/不是条例/);
    expect(attributeProblem('proactive', 'art16-process')).toMatch(/不需要/);
  });
});
