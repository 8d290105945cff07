// 政策找人: who a benefit policy fits (its target) and what a subscriber is (their profile), and the one rule
// that decides whether a policy reaches a subscriber. The rule is a conjunction of independent criteria,
// each of which either does not apply or is met or not met, so that every decision can be explained
// criterion by criterion ("您是高校毕业生；本政策适用于青山镇，您在青山镇"). The SQL selection in
// src/modules/policy/service.ts states the same rule for PostgreSQL and is tested against this one.
//
// The rule (all must hold):
//   1. 对象  the subscriber's kind (个人 / 企业) is one the policy is for;
//   2. 地域  the policy names no area (whole county), or the subscriber's area is one it names;
//   3. 群体  the policy names no group of the subscriber's kind (个人群体 for a person, 企业类型 for an
//            enterprise), or the subscriber belongs to at least one of those it names;
//   4. 行业  (企业 only) the policy names no industry, or the enterprise's industry is one it names;
//   5. 规模  (企业 only) the policy names no size, or the enterprise's size is one it names;
//   6. 年龄  (个人 only) the policy sets no age limit, or the person gave a birth year and their age in the
//            year of the decision (year − birth year) is within the limits;
//   7. 户籍  (个人 only) the policy does not require local household registration, or the person has it;
//   8. 关注  the subscriber chose no policy category (= all), or at least one they chose is the policy's.
// Whatever the subscriber left blank never counts as a match for a criterion that restricts.

export const AUDIENCES = ['person', 'enterprise'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = { person: '个人', enterprise: '企业和个体工商户' };

export const PERSON_GROUPS = ['graduate', 'veteran', 'elderly', 'disabled', 'new_employment', 'unemployed', 'low_income', 'migrant_worker', 'farmer', 'entrepreneur'] as const;
export const ENTERPRISE_GROUPS = ['high_tech', 'specialized', 'startup', 'foreign_trade', 'agri_business'] as const;
export const GROUPS = [...PERSON_GROUPS, ...ENTERPRISE_GROUPS] as const;
export type Group = (typeof GROUPS)[number];
export const GROUP_LABELS: Record<Group, string> = {
  graduate: '高校毕业生',
  veteran: '退役军人',
  elderly: '老年人',
  disabled: '残疾人',
  new_employment: '新就业形态劳动者',
  unemployed: '登记失业人员',
  low_income: '低保和低收入家庭',
  migrant_worker: '农民工',
  farmer: '农户和种粮农民',
  entrepreneur: '创业人员',
  high_tech: '高新技术企业',
  specialized: '专精特新企业',
  startup: '初创企业（成立不满3年）',
  foreign_trade: '外贸企业',
  agri_business: '农民专业合作社和家庭农场',
};
export function groupAudience(g: Group): Audience {
  return (PERSON_GROUPS as readonly string[]).includes(g) ? 'person' : 'enterprise';
}

/** 国民经济行业分类（GB/T 4754—2017）门类 A–R. */
export const INDUSTRIES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R'] as const;
export type Industry = (typeof INDUSTRIES)[number];
export const INDUSTRY_LABELS: Record<Industry, string> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
};

/** 企业规模 by the statistical classification of enterprises (大中小微), and 个体工商户. */
export const SIZES = ['large', 'medium', 'small', 'micro', 'individual'] as const;
export type Size = (typeof SIZES)[number];
export const SIZE_LABELS: Record<Size, string> = { large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业', individual: '个体工商户' };

/** Policy categories: what a policy is about, and what a subscriber wants to hear about. */
export const TOPICS = ['employment', 'social_security', 'subsidy', 'tax', 'finance', 'housing', 'education', 'health', 'elderly_care', 'agriculture', 'innovation', 'business'] as const;
export type Topic = (typeof TOPICS)[number];
export const TOPIC_LABELS: Record<Topic, string> = {
  employment: '就业创业',
  social_security: '社会保障和救助',
  subsidy: '补贴补助',
  tax: '税费优惠',
  finance: '融资信贷',
  housing: '住房保障',
  education: '教育助学',
  health: '医疗健康',
  elderly_care: '养老服务',
  agriculture: '农业农村',
  innovation: '科技创新',
  business: '商贸和营商环境',
};

export const MAX_AGE = 130;

export interface Profile {
  kind: Audience;
  /** The township, street or zone (a unit id of the tenant); null: not given. */
  area: string | null;
  groups: Group[];
  /** 企业 only. */
  industry: Industry | null;
  size: Size | null;
  /** What the subscriber wants to hear about; empty: every category. */
  interests: Topic[];
  /** 个人 only. */
  birthYear: number | null;
  localHukou: boolean;
}

export interface Target {
  audiences: Audience[];
  /** Empty: the whole tenant. */
  areas: string[];
  groups: Group[];
  industries: Industry[];
  sizes: Size[];
  /** At least one. */
  topics: Topic[];
  ageMin: number | null;
  ageMax: number | null;
  localHukouOnly: boolean;
}

export type Criterion = 'audience' | 'area' | 'groups' | 'industry' | 'size' | 'age' | 'hukou' | 'interests';
export const CRITERION_LABELS: Record<Criterion, string> = {
  audience: '适用对象',
  area: '地域',
  groups: '群体',
  industry: '行业',
  size: '企业规模',
  age: '年龄',
  hukou: '户籍',
  interests: '关注的政策类别',
};

export interface Check {
  criterion: Criterion;
  /** Met (true), not met (false). Criteria that do not apply are left out. */
  ok: boolean;
  /** One sentence a subscriber understands. */
  text: string;
}

export interface Explanation {
  fits: boolean;
  checks: Check[];
}

const overlaps = <T>(a: readonly T[], b: readonly T[]) => a.some((x) => b.includes(x));
const list = (xs: string[]) => xs.join('、');

/** The groups of a target that restrict subscribers of one kind: its person groups, or its enterprise types. */
export function groupsFor(t: Pick<Target, 'groups'>, kind: Audience): Group[] {
  return t.groups.filter((g) => groupAudience(g) === kind);
}

export function ageIn(year: number, birthYear: number): number {
  return year - birthYear;
}

/** The rule itself: does the policy reach this subscriber, deciding in `year` (for the age)? */
export function fits(t: Target, p: Profile, year: number): boolean {
  if (!t.audiences.includes(p.kind)) return false;
  if (t.areas.length && (p.area === null || !t.areas.includes(p.area))) return false;
  const groups = groupsFor(t, p.kind);
  if (groups.length && !overlaps(p.groups, groups)) return false;
  if (p.kind === 'enterprise') {
    if (t.industries.length && (p.industry === null || !t.industries.includes(p.industry))) return false;
    if (t.sizes.length && (p.size === null || !t.sizes.includes(p.size))) return false;
  } else {
    if (t.ageMin !== null || t.ageMax !== null) {
      if (p.birthYear === null) return false;
      const age = ageIn(year, p.birthYear);
      if (t.ageMin !== null && age < t.ageMin) return false;
      if (t.ageMax !== null && age > t.ageMax) return false;
    }
    if (t.localHukouOnly && !p.localHukou) return false;
  }
  if (p.interests.length && !overlaps(p.interests, t.topics)) return false;
  return true;
}

export interface Names {
  /** The name of an area code (a township's name). */
  area: (code: string) => string;
}

const DEFAULT_NAMES: Names = { area: (c) => c };

export function describeAgeLimit(t: Pick<Target, 'ageMin' | 'ageMax'>): string {
  if (t.ageMin !== null && t.ageMax !== null) return `${t.ageMin}至${t.ageMax}周岁`;
  if (t.ageMin !== null) return `${t.ageMin}周岁以上`;
  if (t.ageMax !== null) return `${t.ageMax}周岁以下`;
  return '不限';
}

/** The same decision as `fits`, with one sentence per criterion that applies. */
export function explain(t: Target, p: Profile, year: number, names: Names = DEFAULT_NAMES): Explanation {
  const checks: Check[] = [];
  const add = (criterion: Criterion, ok: boolean, text: string) => checks.push({ criterion, ok, text });
  const audienceText = list(t.audiences.map((a) => AUDIENCE_LABELS[a]));
  add('audience', t.audiences.includes(p.kind), t.audiences.includes(p.kind) ? `本政策面向${audienceText}，您是${AUDIENCE_LABELS[p.kind]}` : `本政策只面向${audienceText}，您登记的是${AUDIENCE_LABELS[p.kind]}`);
  if (t.areas.length) {
    const where = list(t.areas.map(names.area));
    if (p.area === null) add('area', false, `本政策只适用于${where}，您没有填写所在乡镇（街道）`);
    else add('area', t.areas.includes(p.area), t.areas.includes(p.area) ? `本政策适用于${where}，您在${names.area(p.area)}` : `本政策只适用于${where}，您在${names.area(p.area)}`);
  }
  const groups = groupsFor(t, p.kind);
  if (groups.length) {
    const mine = p.groups.filter((g) => groups.includes(g));
    const wanted = list(groups.map((g) => GROUP_LABELS[g]));
    add('groups', mine.length > 0, mine.length ? `本政策适用于${wanted}，您是${list(mine.map((g) => GROUP_LABELS[g]))}` : `本政策只适用于${wanted}${p.groups.length ? `，您登记的是${list(p.groups.map((g) => GROUP_LABELS[g]))}` : '，您没有登记所属群体'}`);
  }
  if (p.kind === 'enterprise') {
    if (t.industries.length) {
      const wanted = list(t.industries.map((i) => INDUSTRY_LABELS[i]));
      if (p.industry === null) add('industry', false, `本政策只适用于${wanted}，您没有填写所属行业`);
      else add('industry', t.industries.includes(p.industry), `本政策适用于${wanted}，您的行业是${INDUSTRY_LABELS[p.industry]}`);
    }
    if (t.sizes.length) {
      const wanted = list(t.sizes.map((s) => SIZE_LABELS[s]));
      if (p.size === null) add('size', false, `本政策只适用于${wanted}，您没有填写企业规模`);
      else add('size', t.sizes.includes(p.size), `本政策适用于${wanted}，您是${SIZE_LABELS[p.size]}`);
    }
  } else {
    if (t.ageMin !== null || t.ageMax !== null) {
      const limit = describeAgeLimit(t);
      if (p.birthYear === null) add('age', false, `本政策的年龄条件是${limit}，您没有填写出生年份`);
      else {
        const age = ageIn(year, p.birthYear);
        const ok = (t.ageMin === null || age >= t.ageMin) && (t.ageMax === null || age <= t.ageMax);
        add('age', ok, `本政策的年龄条件是${limit}，您${year}年满${age}周岁（${year} − ${p.birthYear}）`);
      }
    }
    if (t.localHukouOnly) add('hukou', p.localHukou, p.localHukou ? '本政策要求本地户籍，您是本地户籍' : '本政策要求本地户籍，您没有登记为本地户籍');
  }
  if (p.interests.length) {
    const shared = p.interests.filter((i) => t.topics.includes(i));
    add('interests', shared.length > 0, shared.length ? `您关注${list(shared.map((i) => TOPIC_LABELS[i]))}` : `本政策属于${list(t.topics.map((i) => TOPIC_LABELS[i]))}，不在您关注的类别（${list(p.interests.map((i) => TOPIC_LABELS[i]))}）中`);
  }
  return { fits: checks.every((c) => c.ok), checks };
}

/** Who a policy is for, in one line for the public (申报指南: 适用对象). */
export function describeTarget(t: Target, names: Names = DEFAULT_NAMES): string {
  const parts = [
    list(
      t.audiences.map((a) => {
        const g = groupsFor(t, a);
        return g.length ? `${AUDIENCE_LABELS[a]}（${list(g.map((x) => GROUP_LABELS[x]))}）` : AUDIENCE_LABELS[a];
      }),
    ),
  ];
  parts.push(t.areas.length ? `限${list(t.areas.map(names.area))}` : '全县范围');
  if (t.industries.length) parts.push(`行业：${list(t.industries.map((i) => INDUSTRY_LABELS[i]))}`);
  if (t.sizes.length) parts.push(`规模：${list(t.sizes.map((s) => SIZE_LABELS[s]))}`);
  if (t.ageMin !== null || t.ageMax !== null) parts.push(`年龄：${describeAgeLimit(t)}`);
  if (t.localHukouOnly) parts.push('本地户籍');
  return parts.join('；');
}

// ---- validation ---------------------------------------------------------------------------------------

export interface Problem {
  field: string;
  message: string;
}

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

/** A target as staff enter it: the problems, each naming its field; empty when it can be saved. */
export function targetProblems(t: Target): Problem[] {
  const out: Problem[] = [];
  if (!t.audiences.length) out.push({ field: 'audiences', message: '请选择适用对象（个人、企业或两者）' });
  if (!t.topics.length) out.push({ field: 'topics', message: '请至少选择一个政策类别，订阅者按类别接收' });
  // A group restricts only subscribers of its own kind: one of a kind the policy is not for means nothing.
  const stray = t.groups.filter((g) => !t.audiences.includes(groupAudience(g)));
  if (stray.length && t.audiences.length) out.push({ field: 'groups', message: `「${list(stray.map((g) => GROUP_LABELS[g]))}」不适用于${list(t.audiences.map((a) => AUDIENCE_LABELS[a]))}：个人群体只用于面向个人的政策，企业类型只用于面向企业的政策` });
  if ((t.industries.length || t.sizes.length) && !t.audiences.includes('enterprise')) out.push({ field: t.industries.length ? 'industries' : 'sizes', message: '行业和企业规模只能用于面向企业的政策' });
  if ((t.ageMin !== null || t.ageMax !== null || t.localHukouOnly) && !t.audiences.includes('person')) out.push({ field: t.localHukouOnly ? 'localHukouOnly' : 'ageMin', message: '年龄和户籍条件只能用于面向个人的政策' });
  for (const k of ['ageMin', 'ageMax'] as const) {
    const v = t[k];
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > MAX_AGE)) out.push({ field: k, message: `年龄应为 0 至 ${MAX_AGE} 之间的整数` });
  }
  if (t.ageMin !== null && t.ageMax !== null && t.ageMin > t.ageMax) out.push({ field: 'ageMax', message: '年龄上限不能小于年龄下限' });
  return out;
}

/** Duplicates removed and lists sorted: two equal targets are stored alike. */
export function normaliseTarget(t: Target): Target {
  const sorted = <T extends string>(xs: readonly T[], order: readonly T[]) => uniq(xs).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return {
    audiences: sorted(t.audiences, AUDIENCES),
    areas: uniq(t.areas).sort(),
    groups: sorted(t.groups, GROUPS),
    industries: sorted(t.industries, INDUSTRIES),
    sizes: sorted(t.sizes, SIZES),
    topics: sorted(t.topics, TOPICS),
    ageMin: t.ageMin,
    ageMax: t.ageMax,
    localHukouOnly: t.localHukouOnly,
  };
}

/** A profile as a subscriber gives it: the problems, each naming its field. */
export function profileProblems(p: Profile, thisYear: number): Problem[] {
  const out: Problem[] = [];
  if (!(AUDIENCES as readonly string[]).includes(p.kind)) out.push({ field: 'kind', message: '请选择您是个人还是企业' });
  const wrong = p.groups.filter((g) => groupAudience(g) !== p.kind);
  if (wrong.length) out.push({ field: 'groups', message: `${p.kind === 'person' ? '个人' : '企业'}不能选择「${list(wrong.map((g) => GROUP_LABELS[g]))}」` });
  if (p.kind === 'person' && (p.industry !== null || p.size !== null)) out.push({ field: p.industry !== null ? 'industry' : 'size', message: '所属行业和企业规模只由企业填写' });
  if (p.kind === 'enterprise' && (p.birthYear !== null || p.localHukou)) out.push({ field: p.birthYear !== null ? 'birthYear' : 'localHukou', message: '出生年份和户籍只由个人填写' });
  if (p.birthYear !== null && (!Number.isInteger(p.birthYear) || p.birthYear < thisYear - MAX_AGE || p.birthYear > thisYear)) out.push({ field: 'birthYear', message: `出生年份应为 ${thisYear - MAX_AGE} 至 ${thisYear} 之间的四位数字，如 1985` });
  return out;
}

export function normaliseProfile(p: Profile): Profile {
  return {
    ...p,
    groups: uniq(p.groups).sort((a, b) => GROUPS.indexOf(a) - GROUPS.indexOf(b)),
    interests: uniq(p.interests).sort((a, b) => TOPICS.indexOf(a) - TOPICS.indexOf(b)),
  };
}
