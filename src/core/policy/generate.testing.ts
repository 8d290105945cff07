// Generated subscribers and policy targets for the tests of 政策找人: a seeded generator (the same seed gives
// the same population), biased towards the edges of the rule (blank fields, ages at the limits, one
// shared group, an area just outside the list) so that every criterion decides some cases.
import { AUDIENCES, ENTERPRISE_GROUPS, INDUSTRIES, PERSON_GROUPS, SIZES, TOPICS, type Audience, type Profile, type Target } from './target.ts';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function some<T>(r: () => number, xs: readonly T[], p: number, max = 3): T[] {
  const out: T[] = [];
  for (let i = 0; i < max; i++) if (r() < p) out.push(pick(r, xs));
  return [...new Set(out)];
}

export function generateProfile(r: () => number, areas: readonly string[], year: number): Profile {
  const kind: Audience = r() < 0.7 ? 'person' : 'enterprise';
  const area = r() < 0.15 ? null : pick(r, areas);
  const interests = r() < 0.4 ? [] : some(r, TOPICS, 0.5, 4);
  if (kind === 'person') {
    return {
      kind,
      area,
      groups: r() < 0.25 ? [] : some(r, PERSON_GROUPS, 0.45, 3),
      industry: null,
      size: null,
      interests,
      birthYear: r() < 0.2 ? null : year - Math.floor(r() * 95),
      localHukou: r() < 0.6,
    };
  }
  return {
    kind,
    area,
    groups: r() < 0.4 ? [] : some(r, ENTERPRISE_GROUPS, 0.45, 2),
    industry: r() < 0.1 ? null : pick(r, INDUSTRIES),
    size: r() < 0.1 ? null : pick(r, SIZES),
    interests,
    birthYear: null,
    localHukou: false,
  };
}

export function generateTarget(r: () => number, areas: readonly string[]): Target {
  const audiences = r() < 0.5 ? ['person' as const] : r() < 0.6 ? ['enterprise' as const] : [...AUDIENCES];
  const forPerson = audiences.includes('person');
  const forEnterprise = audiences.includes('enterprise');
  const groups = [...(forPerson && r() < 0.5 ? some(r, PERSON_GROUPS, 0.5, 3) : []), ...(forEnterprise && r() < 0.5 ? some(r, ENTERPRISE_GROUPS, 0.5, 2) : [])];
  const ageMin = forPerson && r() < 0.3 ? Math.floor(r() * 70) : null;
  const ageMax = forPerson && r() < 0.3 ? (ageMin ?? 0) + Math.floor(r() * 60) : null;
  return {
    audiences,
    areas: r() < 0.5 ? [] : some(r, areas, 0.5, 3).concat(pick(r, areas)).filter((x, i, a) => a.indexOf(x) === i),
    groups,
    industries: forEnterprise && r() < 0.4 ? some(r, INDUSTRIES, 0.6, 4).concat(pick(r, INDUSTRIES)) : [],
    sizes: forEnterprise && r() < 0.4 ? some(r, SIZES, 0.6, 3).concat(pick(r, SIZES)) : [],
    topics: some(r, TOPICS, 0.5, 3).concat(pick(r, TOPICS)).filter((x, i, a) => a.indexOf(x) === i),
    ageMin,
    ageMax,
    localHukouOnly: forPerson && r() < 0.3,
  };
}

/**
 * The brute-force reference, written apart from the rule under test: every dimension of a profile is
 * turned into the set of values it has ("blank" being a value of its own), every restriction of a target
 * into the set of values it admits, and a subscriber fits when each dimension's values meet the admitted
 * set. Nothing is shared with target.ts but the data shapes.
 */
export function bruteForceFits(t: Target, p: Profile, year: number): boolean {
  const BLANK = '∅';
  const dims: { has: string[]; admits: ((v: string) => boolean) | null }[] = [];
  dims.push({ has: [p.kind], admits: (v) => t.audiences.some((a) => a === v) });
  dims.push({ has: [p.area ?? BLANK], admits: t.areas.length === 0 ? null : (v) => t.areas.indexOf(v) >= 0 });
  // Person groups and enterprise types are two dimensions, each held only by its own kind.
  const personTypes: readonly string[] = PERSON_GROUPS;
  const ofKind = t.groups.filter((g) => personTypes.includes(g) === (p.kind === 'person'));
  dims.push({ has: p.groups.length ? p.groups : [BLANK], admits: ofKind.length === 0 ? null : (v) => ofKind.some((g) => g === v) });
  if (p.kind === 'enterprise') {
    dims.push({ has: [p.industry ?? BLANK], admits: t.industries.length === 0 ? null : (v) => t.industries.some((g) => g === v) });
    dims.push({ has: [p.size ?? BLANK], admits: t.sizes.length === 0 ? null : (v) => t.sizes.some((g) => g === v) });
  } else {
    const limited = t.ageMin !== null || t.ageMax !== null;
    dims.push({
      has: [p.birthYear === null ? BLANK : String(year - p.birthYear)],
      admits: !limited ? null : (v) => v !== BLANK && Number(v) >= (t.ageMin ?? -Infinity) && Number(v) <= (t.ageMax ?? Infinity),
    });
    dims.push({ has: [p.localHukou ? 'yes' : 'no'], admits: t.localHukouOnly ? (v) => v === 'yes' : null });
  }
  dims.push({ has: p.interests.length ? p.interests : [BLANK], admits: p.interests.length === 0 ? null : (v) => t.topics.some((x) => x === v) });
  return dims.every((d) => d.admits === null || d.has.some((v) => d.admits!(v)));
}
