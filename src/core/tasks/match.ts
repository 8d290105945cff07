// Matching the unit names of a notice to the tenant's units. Pure: the units (with their kinds and aliases)
// are passed in; keeping a person's mapping as an alias for next year is the service's job.
//
// Order for one name:
//   1. a collective name expands to every unit of its kinds: 各镇街区 / 各镇（街道、开发区）/ 各乡镇（街道）→
//      townships and streets (and development zones when the name says 区/开发区/园区); 市政府各部门（单位）/
//      区政府各部门单位 / 县直各有关单位 → departments (and institutions when it says 单位); 垂直管理部门 →
//      vertical units; 直属企事业单位 → institutions; 管委会 / 园区办 → development zones;
//   2. the same name, short name or alias (after NFKC, without spaces, one bracket style);
//   3. the same canonical name: the place and level in front dropped (区…, 示范区…), 人民政府 → 政府, common
//      abbreviations written out (发改 → 发展和改革, 人社 → 人力资源和社会保障, 住建 → 住房和城乡建设 …) and 和
//      dropped, so that 区发改局 ↔ 示范区发展和改革局 and 区住房城乡建设局 ↔ 区住房和城乡建设局. Only when
//      exactly one unit has that canonical name (a match to confirm); several → ambiguous, listed for a person;
//   4. otherwise unmatched: listed for a person to map once.
import { unitKey } from './text.ts';

export interface KnownUnit {
  id: string;
  name: string;
  shortName?: string | null;
  /** The unit's kind (src/core/org/kinds.ts): 'department', 'township', 'street', 'development_zone' … */
  kind: string;
  aliases?: readonly string[];
}

export type UnitMatchStatus = 'matched' | 'collective' | 'ambiguous' | 'unmatched';

export interface UnitMatch {
  /** The name as written in the notice. */
  name: string;
  status: UnitMatchStatus;
  /** The matched unit, the units a collective name stands for, or the candidates of an ambiguous name. */
  unitIds: string[];
  via: 'name' | 'short_name' | 'alias' | 'canonical' | 'collective' | null;
  /** Chinese, for the person reviewing the import. */
  note: string;
}

export interface UnitMatchReport {
  matches: UnitMatch[];
  /** Names (each once) that match no unit: to be mapped by a person. */
  unmatched: string[];
  /** Names (each once) that match several units. */
  ambiguous: string[];
}

// ---------------------------------------------------------------------------------------------------
// Canonical names

/** Abbreviations as they appear in notices → the words of a unit's full name. */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/住房城乡建设/g, '住房和城乡建设'],
  [/人力资源社会保障/g, '人力资源和社会保障'],
  [/发展改革/g, '发展和改革'],
  [/文化旅游/g, '文化和旅游'],
  [/工业信息化/g, '工业和信息化'],
  [/市场监管局/g, '市场监督管理局'],
  [/综合执法局/g, '综合行政执法局'],
  [/行政审批局/g, '行政审批服务局'],
  [/退役军人局/g, '退役军人事务局'],
  [/(?:地方)?金融监管局/g, '地方金融监督管理局'],
  [/投促中心/g, '投资促进中心'],
  [/城管局/g, '城市管理局'],
  [/交通局/g, '交通运输局'],
  [/应急局/g, '应急管理局'],
  [/发改委/g, '发展和改革委员会'],
  [/发改局/g, '发展和改革局'],
  [/人社局/g, '人力资源和社会保障局'],
  [/住建局/g, '住房和城乡建设局'],
  [/教体局/g, '教育和体育局'],
  [/卫健委/g, '卫生健康委员会'],
  [/卫健局/g, '卫生健康局'],
  [/文旅局/g, '文化和旅游局'],
  [/文广旅局/g, '文化广电和旅游局'],
  [/工信局/g, '工业和信息化局'],
  [/科技局/g, '科学技术局'],
  [/医保局/g, '医疗保障局'],
  [/医保分局/g, '医疗保障分局'],
  [/编办/g, '机构编制委员会办公室'],
  [/网信办/g, '网络安全和信息化委员会办公室'],
  [/政府办(?!公室)/g, '政府办公室'],
  [/人民政府/g, '政府'],
];

function expand(name: string): string {
  let k = unitKey(name).replace(/^中共/, '');
  for (const [re, long] of ABBREVIATIONS) k = k.replace(re, long);
  return k;
}

const dropAnd = (k: string) => k.replace(/(?<=.)[和与]/g, '');

/**
 * The canonical form of a unit name, for matching abbreviations and variants: abbreviations written out, the
 * place and level in front dropped ("区发改局", "示范区发展和改革局" → "发展改革局"), 和 dropped.
 */
export function canonicalUnitName(name: string): string {
  const k = expand(name);
  if (/^[省市区县旗]/.test(k)) return dropAnd(k.length > 3 && !/^[市区县](?:委|政府)$/.test(k) ? k.slice(1) : k);
  const place = /^[\u4e00-\u9fff]{1,6}?[省市区县旗](?=[\u4e00-\u9fff（）()]{3,}$)/.exec(k);
  return dropAnd(place ? k.slice(place[0].length) : k);
}

/** The canonical name, and the name with abbreviations written out but nothing dropped in front. */
export function canonicalVariants(name: string): string[] {
  const a = canonicalUnitName(name);
  const b = dropAnd(expand(name));
  return a === b ? [a] : [a, b];
}

// ---------------------------------------------------------------------------------------------------
// Collective names

interface Collective {
  re: RegExp;
  kinds: (name: string) => string[];
  label: string;
}

const ZONE = /开发区|园区|管委会|高新区|经开区|镇街区|[镇街]区/;
const COLLECTIVES: readonly Collective[] = [
  {
    re: /^各(?:乡镇|镇|乡|街道|镇街|街镇|镇办|镇街区|镇区|乡镇街道|镇街道)(?:[（(][^（）()]*[）)])?(?:人民政府|政府)?(?:[、，,]?(?:街道办事处|各街道办事处|开发区|管委会|园区))*$/,
    kinds: (n) => {
      const k = [/乡|镇/.test(n) ? ['township'] : [], /街/.test(n) ? ['street'] : [], ZONE.test(n) ? ['development_zone'] : []].flat();
      return k.length ? k : ['township', 'street'];
    },
    label: '全部乡镇、街道',
  },
  {
    re: /^(?:[省市区县](?:政府|人民政府)?|[省市区县]直|[省市区县]属|[省市区县]级)?各(?:有关|相关|职能|组成)?(?:部门|单位|部门单位|部门[（(]单位[）)]|单位[（(]部门[）)]|部门、单位|直属机构)$|^(?:[省市区县](?:政府|人民政府))各(?:有关|相关)?(?:部门|单位)/,
    kinds: (n) => (/单位/.test(n) ? ['department', 'institution'] : ['department']),
    label: '全部政府部门',
  },
  { re: /^(?:各)?垂直管理(?:部门|单位)$|^驻[省市区县]各单位$/, kinds: () => ['vertical'], label: '全部垂直管理单位' },
  { re: /^(?:各|[省市区县])?直属(?:企)?事业单位$|^各事业单位$/, kinds: () => ['institution'], label: '全部事业单位' },
  { re: /^(?:各)?(?:管委会|园区办|开发区|园区|开发区管委会)$/, kinds: () => ['development_zone'], label: '全部开发区（园区）' },
  { re: /^(?:各)?街道办事处$/, kinds: () => ['street'], label: '全部街道' },
  { re: /^各(?:村|社区|村[（(]社区[）)]|村居|村、社区)$/, kinds: () => ['village', 'community'], label: '全部村（社区）' },
];

/** The kinds a collective name stands for, or null if the name is not a collective one. */
export function collectiveKinds(name: string): { kinds: string[]; label: string } | null {
  const k = unitKey(name);
  for (const c of COLLECTIVES) if (c.re.test(k)) return { kinds: c.kinds(k), label: c.label };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Matching

export interface UnitIndex {
  units: readonly KnownUnit[];
  exact: Map<string, Array<{ id: string; via: 'name' | 'short_name' | 'alias' }>>;
  canonical: Map<string, Set<string>>;
}

export function buildUnitIndex(units: readonly KnownUnit[]): UnitIndex {
  const exact = new Map<string, Array<{ id: string; via: 'name' | 'short_name' | 'alias' }>>();
  const canonical = new Map<string, Set<string>>();
  const put = (text: string | null | undefined, id: string, via: 'name' | 'short_name' | 'alias') => {
    if (!text || !text.trim()) return;
    const k = unitKey(text);
    const list = exact.get(k) ?? [];
    if (!list.some((x) => x.id === id)) list.push({ id, via });
    exact.set(k, list);
    for (const c of canonicalVariants(text)) {
      const set = canonical.get(c) ?? new Set<string>();
      set.add(id);
      canonical.set(c, set);
    }
  };
  for (const u of units) {
    put(u.name, u.id, 'name');
    put(u.shortName, u.id, 'short_name');
    for (const a of u.aliases ?? []) put(a, u.id, 'alias');
  }
  return { units, exact, canonical };
}

const VIA_ZH = { name: '名称', short_name: '简称', alias: '别名' } as const;

export function matchUnitName(name: string, index: UnitIndex): UnitMatch {
  const byName = (id: string) => index.units.find((u) => u.id === id)?.name ?? id;
  const exact = index.exact.get(unitKey(name));
  if (exact && exact.length === 1) {
    const { id, via } = exact[0]!;
    return { name, status: 'matched', unitIds: [id], via, note: `按${VIA_ZH[via]}匹配到「${byName(id)}」` };
  }
  if (exact && exact.length > 1) {
    return { name, status: 'ambiguous', unitIds: exact.map((e) => e.id), via: null, note: `「${name}」同时是${exact.map((e) => `「${byName(e.id)}」`).join('、')}的名称或别名，请指定` };
  }
  const collective = collectiveKinds(name);
  if (collective) {
    const ids = index.units.filter((u) => collective.kinds.includes(u.kind)).map((u) => u.id);
    return ids.length
      ? { name, status: 'collective', unitIds: ids, via: 'collective', note: `泛指${collective.label}，展开为 ${ids.length} 个单位` }
      : { name, status: 'unmatched', unitIds: [], via: null, note: `泛指${collective.label}，但本站点还没有这类单位` };
  }
  const canon = canonicalVariants(name)
    .map((v) => index.canonical.get(v))
    .find((x) => x && x.size > 0);
  if (canon && canon.size === 1) {
    const id = [...canon][0]!;
    return { name, status: 'matched', unitIds: [id], via: 'canonical', note: `按规范名称匹配到「${byName(id)}」（简称或写法不同，请确认）` };
  }
  if (canon && canon.size > 1) {
    return { name, status: 'ambiguous', unitIds: [...canon], via: null, note: `「${name}」可能是${[...canon].map((id) => `「${byName(id)}」`).join('、')}，请指定` };
  }
  return { name, status: 'unmatched', unitIds: [], via: null, note: `没有找到「${name}」，请指定对应的单位（指定后将作为别名保存，明年自动匹配）` };
}

/** Matches every name (each once, in order of first appearance) and lists what a person must map. */
export function matchUnitNames(names: readonly string[], units: readonly KnownUnit[]): UnitMatchReport {
  const index = buildUnitIndex(units);
  const seen = new Set<string>();
  const matches: UnitMatch[] = [];
  for (const n of names) {
    const k = unitKey(n);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    matches.push(matchUnitName(n, index));
  }
  return {
    matches,
    unmatched: matches.filter((m) => m.status === 'unmatched').map((m) => m.name),
    ambiguous: matches.filter((m) => m.status === 'ambiguous').map((m) => m.name),
  };
}

export interface ResolvedUnits {
  /** Every unit the names stand for (collective names expanded), each once, in order. */
  unitIds: string[];
  /** Names a person has to map (no unit, or several candidates). */
  unresolved: UnitMatch[];
}

/** The units of one task: its names matched and collective names expanded; what is left is for a person. */
export function resolveUnits(names: readonly string[], index: UnitIndex): ResolvedUnits {
  const unitIds: string[] = [];
  const unresolved: UnitMatch[] = [];
  for (const n of names) {
    const m = matchUnitName(n, index);
    if (m.status === 'matched' || m.status === 'collective') {
      for (const id of m.unitIds) if (!unitIds.includes(id)) unitIds.push(id);
    } else unresolved.push(m);
  }
  return { unitIds, unresolved };
}
