import { describe, expect, it } from 'vitest';
import { emptyStages, stageProblem, type DecisionStageKey, type StageState } from './decision.ts';

const done = (on: string): StageState => ({ status: 'done', on, note: null, recordIds: [] });
const na = (note = '不涉及'): StageState => ({ status: 'not_applicable', on: null, note, recordIds: [] });
const pending: StageState = { status: 'pending', on: null, note: null, recordIds: [] };
const with_ = (set: Partial<Record<DecisionStageKey, StageState>>) => ({ ...emptyStages(), ...set });

describe('the order of a major decision’s stages (《重大行政决策程序暂行条例》)', () => {
  it('needs a reason for 不适用 and a date for 已完成', () => {
    expect(stageProblem(emptyStages(), 'expert_argument', na('  '))).toBe('不适用的环节请说明理由');
    expect(stageProblem(emptyStages(), 'expert_argument', { ...done('2026-03-01'), on: null })).toBe('请填写该环节完成的日期');
    expect(stageProblem(emptyStages(), 'expert_argument', na())).toBeNull();
  });

  it('refuses a collective decision without the legality review (Art. 27) or public participation, or dated before the review', () => {
    expect(stageProblem(emptyStages(), 'collective_decision', done('2026-05-01'))).toContain('第二十七条');
    expect(stageProblem(with_({ legality_review: done('2026-04-01') }), 'collective_decision', done('2026-05-01'))).toBe('请先完成公众参与环节，或说明不适用的理由');
    const ready = with_({ public_participation: done('2026-03-01'), legality_review: done('2026-04-01') });
    expect(stageProblem(ready, 'collective_decision', done('2026-03-15'))).toBe('集体讨论决定的日期早于合法性审查');
    expect(stageProblem(ready, 'collective_decision', done('2026-05-01'))).toBeNull();
  });

  it('refuses undoing a stage that a done one needs, or dating it after', () => {
    const decided = with_({ public_participation: done('2026-03-01'), legality_review: done('2026-04-01'), collective_decision: done('2026-05-01') });
    expect(stageProblem(decided, 'legality_review', pending)).toContain('合法性审查不能再改为未完成或不适用');
    expect(stageProblem(decided, 'legality_review', na())).toContain('合法性审查不能再改为未完成或不适用');
    expect(stageProblem(decided, 'legality_review', done('2026-06-01'))).toBe('集体讨论决定的日期早于合法性审查');
    expect(stageProblem(decided, 'public_participation', pending)).toBe('集体讨论决定已经完成，公众参与不能再改为未完成');
    expect(stageProblem(decided, 'public_participation', na())).toBeNull();
    const published = { ...decided, publication: done('2026-05-10') };
    expect(stageProblem(published, 'collective_decision', pending)).toContain('决策已经公布');
    const evaluated = { ...published, post_evaluation: done('2027-05-01') };
    expect(stageProblem(evaluated, 'publication', pending)).toContain('决策后评估已经完成');
    // Stages no rule ties together stay free.
    expect(stageProblem(evaluated, 'risk_assessment', pending)).toBeNull();
  });

  it('publishes only after the decision and evaluates only after publication, in date order', () => {
    expect(stageProblem(emptyStages(), 'publication', done('2026-05-10'))).toContain('第三十二条');
    const decided = with_({ public_participation: done('2026-03-01'), legality_review: done('2026-04-01'), collective_decision: done('2026-05-01') });
    expect(stageProblem(decided, 'publication', done('2026-04-20'))).toBe('决策公布的日期早于集体讨论决定');
    expect(stageProblem(decided, 'publication', done('2026-05-10'))).toBeNull();
    expect(stageProblem(decided, 'post_evaluation', done('2027-05-01'))).toContain('第三十六条');
    expect(stageProblem({ ...decided, publication: done('2026-05-10') }, 'post_evaluation', done('2026-05-01'))).toBe('决策后评估的日期早于决策公布');
  });
});
