import { describe, expect, it } from 'vitest';
import { bruteForceFits as reference, generateProfile, generateTarget, rng } from './generate.testing.ts';
import { describeTarget, explain, fits, groupAudience, normaliseTarget, profileProblems, targetProblems, type Profile, type Target } from './target.ts';

const YEAR = 2026;
const AREAS = ['qsz', 'bsz', 'lhx', 'cdjd', 'cxjd', 'kfq'];
const names = { area: (c: string) => ({ qsz: '青山镇', bsz: '白沙镇', lhx: '莲花乡', cdjd: '城东街道', cxjd: '城西街道', kfq: '县经开区' })[c] ?? c };

const person = (over: Partial<Profile> = {}): Profile => ({ kind: 'person', area: 'qsz', groups: [], industry: null, size: null, interests: [], birthYear: 1990, localHukou: true, ...over });
const enterprise = (over: Partial<Profile> = {}): Profile => ({ kind: 'enterprise', area: 'kfq', groups: [], industry: 'C', size: 'small', interests: [], birthYear: null, localHukou: false, ...over });
const target = (over: Partial<Target> = {}): Target => ({ audiences: ['person'], areas: [], groups: [], industries: [], sizes: [], topics: ['employment'], ageMin: null, ageMax: null, localHukouOnly: false, ...over });

describe('政策找人: the matching rule', () => {
  it('agrees with the brute-force reference on 10,000 generated subscribers for each of 60 generated policies', () => {
    const r = rng(20260801);
    const subscribers = Array.from({ length: 10_000 }, () => generateProfile(r, AREAS, YEAR));
    let matched = 0;
    let decided = 0;
    for (let i = 0; i < 60; i++) {
      const t = generateTarget(r, AREAS);
      expect(targetProblems(t), JSON.stringify(t)).toEqual([]);
      for (const s of subscribers) {
        const expected = reference(t, s, YEAR);
        const got = fits(t, s, YEAR);
        if (got !== expected) expect({ target: t, subscriber: s, got }).toEqual({ target: t, subscriber: s, got: expected });
        if (got) matched++;
        decided++;
      }
    }
    // The population is neither all in nor all out: the rule was exercised both ways.
    expect(matched / decided).toBeGreaterThan(0.01);
    expect(matched / decided).toBeLessThan(0.6);
  });

  it('explains each decision criterion by criterion, and the explanation decides alike', () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const t = generateTarget(r, AREAS);
      const p = generateProfile(r, AREAS, YEAR);
      const e = explain(t, p, YEAR, names);
      expect(e.fits).toBe(fits(t, p, YEAR));
      expect(e.checks.every((c) => c.text.length > 4)).toBe(true);
      if (!e.fits) expect(e.checks.some((c) => !c.ok)).toBe(true);
    }
  });

  it('reaches a person by area, group, age and household registration, and says why', () => {
    const t = target({ areas: ['qsz', 'bsz'], groups: ['graduate', 'veteran'], ageMax: 35, localHukouOnly: true });
    const fitting = person({ groups: ['graduate'], birthYear: 1995 });
    const e = explain(t, fitting, YEAR, names);
    expect(e.fits).toBe(true);
    expect(e.checks.map((c) => c.text)).toEqual([
      '本政策面向个人，您是个人',
      '本政策适用于青山镇、白沙镇，您在青山镇',
      '本政策适用于高校毕业生、退役军人，您是高校毕业生',
      '本政策的年龄条件是35周岁以下，您2026年满31周岁（2026 − 1995）',
      '本政策要求本地户籍，您是本地户籍',
    ]);
    expect(fits(t, { ...fitting, birthYear: 1990 }, YEAR)).toBe(false);
    expect(fits(t, { ...fitting, birthYear: 1991 }, YEAR)).toBe(true); // exactly 35
    expect(fits(t, { ...fitting, birthYear: null }, YEAR)).toBe(false);
    expect(fits(t, { ...fitting, area: 'lhx' }, YEAR)).toBe(false);
    expect(fits(t, { ...fitting, area: null }, YEAR)).toBe(false);
    expect(fits(t, { ...fitting, groups: ['elderly'] }, YEAR)).toBe(false);
    expect(fits(t, { ...fitting, localHukou: false }, YEAR)).toBe(false);
    expect(explain(t, { ...fitting, area: null }, YEAR, names).checks.find((c) => !c.ok)?.text).toBe('本政策只适用于青山镇、白沙镇，您没有填写所在乡镇（街道）');
  });

  it('holds persons to its person groups and enterprises to its enterprise types, each only to its own', () => {
    const t = target({ audiences: ['person', 'enterprise'], groups: ['graduate'] });
    expect(fits(t, person({ groups: ['graduate'] }), YEAR)).toBe(true);
    expect(fits(t, person({ groups: [] }), YEAR)).toBe(false);
    // Any enterprise: the policy names no enterprise type.
    expect(fits(t, enterprise(), YEAR)).toBe(true);
    expect(describeTarget(t)).toBe('个人（高校毕业生）、企业和个体工商户；全县范围');
    const both = target({ audiences: ['person', 'enterprise'], groups: ['veteran', 'high_tech'] });
    expect(fits(both, enterprise({ groups: ['startup'] }), YEAR)).toBe(false);
    expect(fits(both, enterprise({ groups: ['high_tech'] }), YEAR)).toBe(true);
    expect(explain(both, enterprise({ groups: ['startup'] }), YEAR).checks.find((c) => !c.ok)?.text).toBe('本政策只适用于高新技术企业，您登记的是初创企业（成立不满3年）');
  });

  it('reaches an enterprise by industry and size; person-only conditions do not apply to it', () => {
    const t = target({ audiences: ['person', 'enterprise'], industries: ['C', 'I'], sizes: ['small', 'micro'], ageMin: 60, localHukouOnly: true });
    expect(fits(t, enterprise(), YEAR)).toBe(true);
    expect(fits(t, enterprise({ size: 'large' }), YEAR)).toBe(false);
    expect(fits(t, enterprise({ industry: null }), YEAR)).toBe(false);
    // A person is not held to the enterprise's industry and size, but to age and 户籍.
    expect(fits(t, person({ birthYear: 1960 }), YEAR)).toBe(true);
    expect(fits(t, person({ birthYear: 1970 }), YEAR)).toBe(false);
  });

  it('sends a subscriber only the categories they chose, every category when they chose none', () => {
    const t = target({ topics: ['employment', 'subsidy'] });
    expect(fits(t, person({ interests: [] }), YEAR)).toBe(true);
    expect(fits(t, person({ interests: ['housing', 'subsidy'] }), YEAR)).toBe(true);
    expect(fits(t, person({ interests: ['housing'] }), YEAR)).toBe(false);
    expect(explain(t, person({ interests: ['housing'] }), YEAR).checks.at(-1)?.text).toBe('本政策属于就业创业、补贴补助，不在您关注的类别（住房保障）中');
  });

  it('refuses targets that could reach nobody, naming the field', () => {
    expect(targetProblems(target({ audiences: [] })).map((p) => p.field)).toEqual(['audiences']);
    expect(targetProblems(target({ topics: [] })).map((p) => p.field)).toEqual(['topics']);
    expect(targetProblems(target({ groups: ['high_tech'] }))[0]).toMatchObject({ field: 'groups' });
    expect(targetProblems(target({ groups: ['graduate', 'high_tech'] }))[0]?.message).toContain('「高新技术企业」不适用于个人');
    expect(targetProblems(target({ audiences: ['person', 'enterprise'], groups: ['graduate'] }))).toEqual([]);
    expect(targetProblems(target({ industries: ['C'] }))[0]).toMatchObject({ field: 'industries' });
    expect(targetProblems(target({ audiences: ['enterprise'], ageMin: 18 }))[0]).toMatchObject({ field: 'ageMin' });
    expect(targetProblems(target({ ageMin: 40, ageMax: 30 }))[0]).toMatchObject({ field: 'ageMax' });
    expect(targetProblems(target({ ageMin: -1 }))[0]).toMatchObject({ field: 'ageMin' });
  });

  it('refuses profiles that mix a person and an enterprise, naming the field', () => {
    expect(profileProblems(person({ groups: ['high_tech'] }), YEAR)[0]).toMatchObject({ field: 'groups' });
    expect(profileProblems(person({ industry: 'C' }), YEAR)[0]).toMatchObject({ field: 'industry' });
    expect(profileProblems(enterprise({ birthYear: 1980 }), YEAR)[0]).toMatchObject({ field: 'birthYear' });
    expect(profileProblems(person({ birthYear: 2030 }), YEAR)[0]).toMatchObject({ field: 'birthYear' });
    expect(profileProblems(person(), YEAR)).toEqual([]);
    expect(groupAudience('veteran')).toBe('person');
  });

  it('stores equal targets alike and describes them for the public', () => {
    const a = normaliseTarget(target({ topics: ['subsidy', 'employment', 'subsidy'], groups: ['veteran', 'graduate'] }));
    expect(a.topics).toEqual(['employment', 'subsidy']);
    expect(a.groups).toEqual(['graduate', 'veteran']);
    expect(describeTarget(target({ areas: ['qsz'], groups: ['graduate'], ageMax: 35 }), names)).toBe('个人（高校毕业生）；限青山镇；年龄：35周岁以下');
  });
});
