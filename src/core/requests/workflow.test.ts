// The request state machine: every allowed step, and every refused one with its reason.
import { describe, expect, it } from 'vitest';
import { eventsIn, OPEN_STATES, REQUEST_EVENTS, REQUEST_STATES, requestTransition, type RequestSnapshot, type RequestState, type StepInput } from './workflow.ts';

const TODAY = '2026-03-10';
const snap = (state: RequestState, over: Partial<RequestSnapshot> = {}): RequestSnapshot => ({
  state,
  receivedOn: state === 'submitted' ? null : '2026-03-02',
  correctionRequestedOn: null,
  correctedOn: null,
  correctionDueOn: null,
  correctionNoticeDueOn: '2026-03-11',
  extensionDays: 0,
  dueOn: '2026-03-30',
  consultationDueOn: null,
  feeDueOn: null,
  ...over,
});
const step = (event: StepInput['event'], over: Partial<StepInput> = {}): StepInput => ({ event, today: TODAY, ...over });
const ok = (s: RequestSnapshot, st: StepInput) => {
  const r = requestTransition(s, st);
  if (!r.ok) throw new Error(`${st.event} refused: ${r.message}`);
  return r;
};
const refused = (s: RequestSnapshot, st: StepInput) => {
  const r = requestTransition(s, st);
  if (r.ok) throw new Error(`${st.event} in ${s.state} was allowed`);
  return r;
};

describe('allowed steps', () => {
  it('registers a request filed online', () => {
    expect(ok(snap('submitted'), step('register')).to).toBe('registered');
  });
  it('asks for a correction once, within 7 working days, and takes the corrected request back', () => {
    expect(ok(snap('registered'), step('request_correction', { comment: '请写明所需文件的名称或文号' })).to).toBe('correction');
    expect(ok(snap('correction', { correctionRequestedOn: '2026-03-05' }), step('receive_correction', { on: '2026-03-09' })).to).toBe('registered');
  });
  it('closes a request whose correction period ran out, as （六）1', () => {
    expect(ok(snap('correction', { correctionRequestedOn: '2026-03-03', correctionDueOn: '2026-03-09' }), step('deem_abandoned'))).toEqual({ ok: true, to: 'closed', result: 'other.no_correction' });
  });
  it('consults a third party and comes back', () => {
    expect(ok(snap('registered'), step('start_consultation')).to).toBe('consulting');
    expect(ok(snap('consulting', { consultationDueOn: '2026-03-20' }), step('end_consultation', { consultationOutcome: 'objected' })).to).toBe('registered');
    expect(ok(snap('consulting', { consultationDueOn: '2026-03-09' }), step('end_consultation', { consultationOutcome: 'no_reply' })).to).toBe('registered');
  });
  it('sends a fee notice, records the payment, or closes as （六）2 after the payment period', () => {
    expect(ok(snap('registered'), step('issue_fee_notice')).to).toBe('awaiting_fee');
    expect(ok(snap('awaiting_fee', { feeDueOn: '2026-04-01' }), step('record_payment')).to).toBe('registered');
    expect(ok(snap('awaiting_fee', { feeDueOn: '2026-03-09' }), step('deem_fee_unpaid'))).toEqual({ ok: true, to: 'closed', result: 'other.fee_unpaid' });
  });
  it('extends once by up to 20 working days, with the approver and the reason, staying in its state', () => {
    for (const st of ['registered', 'consulting', 'awaiting_fee'] as const) {
      expect(ok(snap(st), step('extend', { extensionDays: 20, approver: '王主任', comment: '涉及档案调取' })).to).toBe(st);
    }
  });
  it('assigns an open request to another unit in any open state', () => {
    for (const st of OPEN_STATES) expect(ok(snap(st), step('assign')).to).toBe(st);
  });
  it('replies with a result row, then records the delivery', () => {
    expect(ok(snap('registered'), step('reply', { result: 'disclosed' }))).toEqual({ ok: true, to: 'replied', result: 'disclosed' });
    expect(ok(snap('registered'), step('reply', { result: 'unable.not_held', comment: '该信息由县自然资源局制作' })).result).toBe('unable.not_held');
    expect(ok(snap('registered', { correctedOn: '2026-03-05' }), step('reply', { result: 'unable.unclear_after_correction', comment: '补正后仍无法确定所指信息' })).to).toBe('replied');
    expect(ok(snap('replied'), step('deliver')).to).toBe('closed');
  });
  it('lets the applicant withdraw in every open state, counted as （六）3', () => {
    for (const st of OPEN_STATES) expect(ok(snap(st), step('withdraw'))).toEqual({ ok: true, to: 'withdrawn', result: 'other.other' });
  });
  it('offers only steps that the machine allows in some case', () => {
    for (const st of REQUEST_STATES) {
      for (const e of eventsIn(st)) {
        const r = requestTransition(snap(st, { correctionDueOn: '2026-03-01', feeDueOn: '2026-03-01', consultationDueOn: '2026-03-01', correctedOn: '2026-03-04' }), step(e, { result: 'disclosed', comment: '理由', approver: '王主任', extensionDays: 5, consultationOutcome: 'agreed' }));
        expect(r.ok, `${e} in ${st}: ${r.ok ? '' : r.message}`).toBe(true);
      }
    }
  });
});

describe('refused steps, each with its reason', () => {
  it('no reply, correction, consultation, fee notice or extension before registration', () => {
    for (const e of ['reply', 'request_correction', 'start_consultation', 'issue_fee_notice', 'extend'] as const) {
      const r = refused(snap('submitted'), step(e, { result: 'disclosed' }));
      expect(r.code, e).toBe('NOT_REGISTERED');
      expect(r.message).toMatch(/登记/);
    }
  });
  it('no second registration', () => {
    expect(refused(snap('registered'), step('register')).message).toContain('已经登记');
  });
  it('no second correction, and none after 7 working days', () => {
    expect(refused(snap('registered', { correctionRequestedOn: '2026-03-03', correctedOn: '2026-03-06' }), step('request_correction', { comment: 'x' })).code).toBe('CORRECTION_ONCE');
    const late = refused(snap('registered', { correctionNoticeDueOn: '2026-03-09' }), step('request_correction', { comment: 'x' }));
    expect(late.code).toBe('CORRECTION_TOO_LATE');
    expect(late.message).toContain('7个工作日');
    expect(refused(snap('registered'), step('request_correction')).field).toBe('comment');
  });
  it('no abandonment before the correction period ends, nor outside a correction', () => {
    expect(refused(snap('correction', { correctionDueOn: '2026-03-10' }), step('deem_abandoned')).code).toBe('NOT_YET');
    expect(refused(snap('registered'), step('deem_abandoned')).code).toBe('WRONG_STATE');
    expect(refused(snap('registered'), step('receive_correction')).code).toBe('WRONG_STATE');
    expect(refused(snap('correction', { correctionRequestedOn: '2026-03-05' }), step('receive_correction', { on: '2026-03-04' })).code).toBe('BAD_DATE');
  });
  it('no second consultation at once; no "no reply" before the 15 working days are over', () => {
    expect(refused(snap('consulting'), step('start_consultation')).code).toBe('WRONG_STATE');
    expect(refused(snap('consulting', { consultationDueOn: '2026-03-20' }), step('end_consultation', { consultationOutcome: 'no_reply' })).message).toContain('15个工作日');
    expect(refused(snap('registered'), step('end_consultation')).code).toBe('WRONG_STATE');
  });
  it('no reply while correcting, consulting or waiting for the fee', () => {
    for (const st of ['correction', 'consulting', 'awaiting_fee'] as const) expect(refused(snap(st), step('reply', { result: 'disclosed' })).code).toBe('WRONG_STATE');
  });
  it('a reply needs a result row, a reason when the row requires one, and 补正后仍不明确 only after a correction', () => {
    expect(refused(snap('registered'), step('reply')).field).toBe('result');
    expect(refused(snap('registered'), step('reply', { result: 'other.no_correction' })).field).toBe('result');
    expect(refused(snap('registered'), step('reply', { result: 'withheld.third_party' })).field).toBe('comment');
    expect(refused(snap('registered'), step('reply', { result: 'unable.unclear_after_correction', comment: 'x' })).code).toBe('WRONG_RESULT');
  });
  it('no second extension, none over 20 working days, none without an approver or reason, none after the due date', () => {
    const base = { extensionDays: 10, approver: '王主任', comment: '理由' };
    expect(refused(snap('registered', { extensionDays: 15 }), step('extend', base)).code).toBe('EXTENSION_ONCE');
    expect(refused(snap('registered'), step('extend', { ...base, extensionDays: 21 })).code).toBe('BAD_EXTENSION');
    expect(refused(snap('registered'), step('extend', { ...base, extensionDays: 0 })).code).toBe('BAD_EXTENSION');
    expect(refused(snap('registered'), step('extend', { ...base, approver: ' ' })).code).toBe('APPROVER_REQUIRED');
    expect(refused(snap('registered'), step('extend', { ...base, comment: '' })).code).toBe('COMMENT_REQUIRED');
    expect(refused(snap('registered', { dueOn: '2026-03-09' }), step('extend', base)).code).toBe('TOO_LATE');
  });
  it('no fee notice after the due date; no payment or unpaid closing outside awaiting_fee; not before the period ends', () => {
    expect(refused(snap('registered', { dueOn: '2026-03-09' }), step('issue_fee_notice')).code).toBe('TOO_LATE');
    expect(refused(snap('registered'), step('record_payment')).code).toBe('WRONG_STATE');
    expect(refused(snap('awaiting_fee', { feeDueOn: '2026-03-31' }), step('deem_fee_unpaid')).code).toBe('NOT_YET');
  });
  it('nothing but delivery after the reply; nothing at all when closed or withdrawn', () => {
    for (const e of REQUEST_EVENTS.filter((x) => x !== 'deliver')) expect(refused(snap('replied'), step(e, { result: 'disclosed' })).ok, e).toBe(false);
    for (const st of ['closed', 'withdrawn'] as const) for (const e of REQUEST_EVENTS) expect(refused(snap(st), step(e, { result: 'disclosed' })).ok, `${e} in ${st}`).toBe(false);
    expect(refused(snap('registered'), step('deliver')).code).toBe('WRONG_STATE');
  });
  it('no step dated in the future', () => {
    expect(refused(snap('registered'), step('reply', { result: 'disclosed', on: '2026-03-11' })).code).toBe('BAD_DATE');
  });
});
