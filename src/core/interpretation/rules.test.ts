import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { checklist, interpretationDue, missingElements } from './rules.ts';
import { transition } from '../publishing/workflow.ts';

const cal = WorkingCalendar.builtin();

describe('policy interpretation', () => {
  it('is due 3 working days after the policy is published, through the calendar', () => {
    // Published the Friday before the 2026 Spring Festival: 2/14 (make-up Saturday) 1, 2/24 2, 2/25 3.
    expect(interpretationDue(cal, '2026-02-13').due).toBe('2026-02-25');
    expect(interpretationDue(cal, '2026-02-13', 1).due).toBe('2026-02-14');
    expect(interpretationDue(cal, '2026-09-30').explanation).toContain('国庆节');
  });

  it('finds which elements an interpretation covers, and names the missing ones', () => {
    const text = '一、起草背景：为落实……。二、政策依据：根据《中华人民共和国中小企业促进法》。三、主要措施：减税降费。四、适用范围：全县中小企业。五、如何申请：登录政务服务网。';
    expect(missingElements(text)).toEqual(['目标任务', '与原政策相比的变化']);
    expect(checklist('').every((c) => !c.present)).toBe(true);
    expect(missingElements('与原政策相比，增加了一条：申请条件放宽。目的在于……')).not.toContain('与原政策相比的变化');
  });

  it('keeps a policy that needs one from approval until it is attached (同步审签)', () => {
    const base = { state: 'confidentiality_review' as const, attribute: 'proactive' as const, event: 'pass_confidentiality' as const, now: new Date() };
    expect(transition({ ...base, needsInterpretation: true, interpretationAttached: false })).toMatchObject({ ok: false, reason: 'no_interpretation' });
    expect(transition({ ...base, needsInterpretation: true, interpretationAttached: true })).toEqual({ ok: true, to: 'approved' });
    expect(transition({ ...base, needsInterpretation: false })).toEqual({ ok: true, to: 'approved' });
  });
});
