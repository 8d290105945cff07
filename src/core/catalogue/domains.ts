// The 26 pilot domains (试点领域) of 基层政务公开标准化规范化 (国办发〔2019〕54号), as the default seed of a
// tenant's domain list. The list is reconstructed (rules/catalogue.md §4.2: no single authoritative list
// was found; 城乡规划 and 征地补偿 are the uncertain ones, locally often merged as "自然资源领域"), so a
// tenant edits it freely: rename, add (交通运输、统计 …), reorder, remove. This file is only the default.

export interface CatalogueDomain {
  /** Stable code, unique per tenant (English, snake_case). */
  code: string;
  /** The name shown, with an alternative name in full-width brackets where one is in use. */
  name: string;
  /** Position in lists, 1-based. */
  sortOrder: number;
  /** Other names under which the domain appears in local catalogues (for matching imported titles). */
  aliases: readonly string[];
  /** A remark for the administrator, Chinese. */
  note?: string;
}

export const PILOT_DOMAINS: readonly CatalogueDomain[] = Object.freeze(
  (
    [
      ['urban_rural_planning', '城乡规划', [], '名称未经权威清单确认；部分地方与征地补偿合并为“自然资源领域”'],
      ['major_construction_projects', '重大建设项目', []],
      ['public_resource_trading', '公共资源交易', []],
      ['budget_final_accounts', '财政预决算', []],
      ['work_safety', '安全生产', []],
      ['tax_administration', '税收管理', []],
      ['land_acquisition_compensation', '征地补偿', [], '名称未经权威清单确认；部分地方与城乡规划合并为“自然资源领域”'],
      ['state_land_housing_expropriation', '国有土地上房屋征收与补偿', []],
      ['environmental_protection', '环境保护（生态环境）', ['环境保护', '生态环境']],
      ['public_cultural_services', '公共文化服务', []],
      ['poverty_alleviation', '扶贫', ['乡村振兴'], '后多改称乡村振兴'],
      ['disaster_relief', '救灾', []],
      ['food_drug_regulation', '食品药品监管', []],
      ['urban_law_enforcement', '城市综合执法', []],
      ['household_registration', '户籍管理', []],
      ['agricultural_subsidies', '涉农补贴', []],
      ['employment', '就业', []],
      ['social_insurance', '社会保险', []],
      ['social_assistance', '社会救助', []],
      ['elderly_care', '养老服务', []],
      ['public_legal_services', '公共法律服务', []],
      ['medical_health', '医疗卫生（卫生健康）', ['医疗卫生', '卫生健康']],
      ['compulsory_education', '义务教育', []],
      ['rural_dilapidated_housing', '农村危房改造', []],
      ['affordable_housing', '保障性住房', []],
      ['municipal_services', '市政服务', []],
    ] as const
  ).map(([code, name, aliases, note], i): CatalogueDomain => {
    const d: CatalogueDomain = { code, name, sortOrder: i + 1, aliases: Object.freeze([...aliases]) };
    if (note !== undefined) d.note = note;
    return Object.freeze(d);
  }),
);

/** A fresh, mutable copy of the default list, for seeding a tenant. */
export function defaultDomains(): CatalogueDomain[] {
  return PILOT_DOMAINS.map((d) => ({ ...d, aliases: [...d.aliases] }));
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/** Every name a domain is known by: its name, the name without the bracketed part, its aliases. */
export function domainNames(d: Pick<CatalogueDomain, 'name' | 'aliases'>): string[] {
  const names = new Set<string>([squash(d.name)]);
  const bare = squash(d.name).replace(/（[^）]*）$/, '');
  if (bare) names.add(bare);
  for (const a of d.aliases) names.add(squash(a));
  return [...names];
}

/**
 * The domain a name refers to: exact match on the name, the name without its bracketed alternative, or an
 * alias ("生态环境" → 环境保护（生态环境）; "生态环境领域" also works). Undefined when none matches.
 */
export function findDomain<D extends Pick<CatalogueDomain, 'name' | 'aliases'>>(name: string, domains: readonly D[]): D | undefined {
  const key = squash(name).replace(/领域$/, '');
  if (!key) return undefined;
  return domains.find((d) => domainNames(d).includes(key));
}

/**
 * The domain named inside a longer text such as a sheet title ("示范县生态环境领域基层政务公开标准目录"): the
 * longest known name contained in the text. Undefined when none is.
 */
export function findDomainInText<D extends Pick<CatalogueDomain, 'name' | 'aliases'>>(text: string, domains: readonly D[]): { domain: D; matched: string } | undefined {
  const t = squash(text);
  let best: { domain: D; matched: string } | undefined;
  for (const d of domains) {
    for (const n of domainNames(d)) {
      if (t.includes(n) && (!best || n.length > best.matched.length)) best = { domain: d, matched: n };
    }
  }
  return best;
}
