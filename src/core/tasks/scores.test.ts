import { describe, expect, it } from 'vitest';
import { circularDocument, circularText } from './circular.ts';
import { DEFAULT_SCORE_SCHEME, normaliseScheme, schemeProblems, scoreUnits, unitScore, type ScoreUnitFacts } from './scores.ts';

const period = (dueOn: string, done: boolean, lateDays = 0, evidence = 1) => ({ dueOn, done, lateDays, evidence });
const unit = (name: string, assignments: ScoreUnitFacts['assignments'], extra: Partial<ScoreUnitFacts> = {}): ScoreUnitFacts => ({
  unitId: name,
  unitName: name,
  assignments,
  unacknowledgedUrges: 0,
  bonuses: [],
  ...extra,
});
const S = DEFAULT_SCORE_SCHEME;

describe('unit scores', () => {
  it('everything done on time with evidence: full marks', () => {
    const s = unitScore(unit('甲', [{ taskId: 't1', weight: 1, periods: [period('2026-04-28', true), period('2026-07-28', true)] }]), S, '2026-12-01');
    expect(s.score).toBe(100);
    expect(s.completionRate).toBe(1);
    expect(s.explanation).toContain('完成率 100%');
  });

  it('only periods due by the date count; nothing due yet → full marks, said so', () => {
    const facts = unit('乙', [{ taskId: 't1', weight: 1, periods: [period('2026-04-28', true), period('2026-07-28', false)] }]);
    expect(unitScore(facts, S, '2026-05-01').score).toBe(100);
    expect(unitScore(facts, S, '2026-08-01').score).toBe(50);
    const none = unitScore(unit('丙', [{ taskId: 't1', weight: 1, periods: [period('2026-12-31', false)] }]), S, '2026-05-01');
    expect(none.score).toBe(100);
    expect(none.completionRate).toBeNull();
    expect(none.explanation).toContain('尚无到期任务');
  });

  it('weights per task: a heavier task counts for more, and the scheme can override them', () => {
    const facts = unit('丁', [
      { taskId: 'heavy', weight: 3, periods: [period('2026-04-28', true)] },
      { taskId: 'light', weight: 1, periods: [period('2026-04-28', false)] },
    ]);
    expect(unitScore(facts, S, '2026-06-01').score).toBe(75);
    expect(unitScore(facts, { ...S, weights: { heavy: 1 } }, '2026-06-01').score).toBe(50);
  });

  it('deductions for lateness (capped), missing evidence and unacknowledged urges; bonus capped', () => {
    const facts = unit('戊', [{ taskId: 't', weight: 1, periods: [period('2026-04-28', true, 3, 0), period('2026-07-28', true, 1, 1)] }], {
      unacknowledgedUrges: 2,
      bonuses: [
        { points: 4, reason: '典型经验' },
        { points: 3, reason: '上级表扬' },
      ],
    });
    const s = unitScore(facts, S, '2026-12-01');
    // 100 − 2×2 (late) − 1 (no evidence) − 2×1 (urges) + 5 (bonus, capped) = 98
    expect(s.deductions).toEqual({ late: 4, evidence: 1, urges: 2 });
    expect(s.bonus).toBe(5);
    expect(s.score).toBe(98);
    expect(s.explanation).toContain('已达上限');
    const perDay = unitScore(facts, { ...S, latePerWorkingDay: 10, lateCap: 15 }, '2026-12-01');
    expect(perDay.deductions.late).toBe(15);
  });

  it('never below zero', () => {
    const facts = unit('己', [{ taskId: 't', weight: 1, periods: [period('2026-04-28', false)] }], { unacknowledgedUrges: 50 });
    expect(unitScore(facts, S, '2026-12-01').score).toBe(0);
  });

  it('ranks by score, ties share a rank', () => {
    const ranked = scoreUnits(
      [
        unit('乙', [{ taskId: 't', weight: 1, periods: [period('2026-04-28', true)] }]),
        unit('甲', [{ taskId: 't', weight: 1, periods: [period('2026-04-28', true)] }]),
        unit('丙', [{ taskId: 't', weight: 1, periods: [period('2026-04-28', false)] }]),
      ],
      S,
      '2026-12-01',
    );
    expect(ranked.map((r) => [r.unitName, r.rank])).toEqual([
      ['甲', 1],
      ['乙', 1],
      ['丙', 3],
    ]);
  });

  it('ranks a unit with nothing due yet after every unit that had work due, even one that finished late', () => {
    const ranked = scoreUnits(
      [
        unit('甲', [{ taskId: 't', weight: 1, periods: [period('2027-04-28', false)] }]),
        unit('乙', [{ taskId: 't', weight: 1, periods: [period('2026-04-28', true, 3)] }]),
        unit('丙', [{ taskId: 't', weight: 1, periods: [period('2027-03-31', false)] }]),
      ],
      S,
      '2026-12-01',
    );
    expect(ranked.map((r) => [r.unitName, r.score, r.rank])).toEqual([
      ['乙', 98, 1],
      ['丙', 100, 2],
      ['甲', 100, 2],
    ]);
    expect(ranked[1]!.explanation).toContain('尚无到期任务');
  });

  it('checks a scheme and fills in missing fields', () => {
    expect(schemeProblems(S)).toEqual([]);
    expect(schemeProblems({ ...S, fullMarks: 0, latePerPeriod: -1, weights: { x: 500 } })).toHaveLength(3);
    expect(normaliseScheme({ latePerPeriod: 5 })).toMatchObject({ latePerPeriod: 5, fullMarks: 100, weights: {} });
  });
});

describe('the circular', () => {
  const facts = {
    organName: '示范县人民政府办公室',
    planTitle: '示范县2026年政务公开重点工作任务分解表',
    year: 2026,
    asOf: '2026-11-30',
    issuedOn: '2026-12-06',
    totals: { tasks: 12, units: 20, periodsDue: 80, periodsDone: 70, overduePeriods: 10 },
    lateUnits: [{ unitName: '示范县住房和城乡建设局', overdue: [{ requirement: '做好保障性住房建设和分配信息公开', label: '2026年10月', dueOn: '2026-11-13' }], lateDone: 2 }],
    goodPractice: [{ unitName: '示范县发展和改革局', text: '建立重点项目信息公开月调度机制' }],
    topUnits: [{ unitName: '示范县财政局', score: 100 }],
  };

  it('names the late units with their overdue tasks, and the good practice', () => {
    const d = circularDocument(facts);
    expect(d.title).toBe('关于2026年政务公开重点工作任务落实情况的通报');
    expect(d.sections.map((s) => s.heading)).toEqual(['一、总体情况', '二、工作成效较好的单位和典型做法', '三、存在的问题', '四、下一步工作要求']);
    const text = circularText(d);
    expect(text).toContain('示范县住房和城乡建设局：逾期未完成1项次：“做好保障性住房建设和分配信息公开”（2026年10月，应于2026年11月13日前完成）；逾期完成2项次。');
    expect(text).toContain('示范县发展和改革局：建立重点项目信息公开月调度机制。');
    expect(text).toContain('示范县财政局（100分）');
    expect(text).toContain('完成率87.5%');
    expect(d.date).toBe('2026年12月6日');
  });

  it('says so when nobody is late; takes the office’s own requirements', () => {
    const d = circularDocument({ ...facts, lateUnits: [], goodPractice: [], topUnits: [], requirements: ['抓紧整改'] });
    expect(d.sections.map((s) => s.heading)).toEqual(['一、总体情况', '二、存在的问题', '三、下一步工作要求']);
    expect(circularText(d)).toContain('未发现逾期未完成的任务');
    expect(d.sections[2]!.paragraphs).toEqual(['（一）抓紧整改']);
  });
});
