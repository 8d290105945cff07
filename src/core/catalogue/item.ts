// One item (row) of a 政务公开事项标准目录, with every column of the standard table (rules/catalogue.md §4.1):
// 序号 | 公开事项: 一级事项, 二级事项 | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
// 公开对象: 全社会, 特定群众 | 公开方式: 主动, 依申请公开 | 公开层级: 县级, 乡级.
// Field names follow the catalogue_items table (src/modules/catalogue/schema.ts).
import type { TimeLimitRule } from './time-limit.ts';
import { isParsed, parseTimeLimit } from './time-limit.ts';

/** The channels (公开渠道和载体) of the standard checkbox list, in the order of the standard table. */
export const STANDARD_CHANNELS = [
  '政府网站',
  '两微一端',
  '广播电视',
  '公开查阅点',
  '便民服务站',
  '政府公报',
  '发布会/听证会',
  '纸质媒体',
  '政务服务中心',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
] as const;
export type StandardChannel = (typeof STANDARD_CHANNELS)[number];

/** Domain-specific platforms added to the list in some domains' guidelines; recognised by name. */
export const DOMAIN_PLATFORM_CHANNELS = ['投资项目在线审批监管平台', '公共资源交易平台', '信用中国网站', '招投标公共服务平台'] as const;

/** The label of the free entries (其他) in the checkbox list. */
export const OTHER_CHANNEL_LABEL = '其他';

export interface CatalogueItem {
  /** 序号: the item's order in its domain, 1-based. */
  seq: number;
  /** 一级事项. */
  level1: string;
  /** 二级事项. */
  level2: string;
  /** 公开内容（要素）. */
  content: string;
  /** 公开依据. */
  basis: string;
  /** 公开时限, as written. */
  timeLimitText: string;
  /** 公开时限, parsed (parseTimeLimit(timeLimitText)); keeps the text too. */
  timeLimitRule: TimeLimitRule;
  /** 公开主体, as written (matching it to units is done elsewhere). */
  responsibleText: string;
  /**
   * 公开渠道和载体: the chosen channels. Standard ones (STANDARD_CHANNELS, DOMAIN_PLATFORM_CHANNELS) by their
   * canonical name, in canonical order, then the free "其他" entries as written.
   */
  channels: string[];
  /** 公开对象: 全社会. */
  audiencePublic: boolean;
  /** 公开对象: 特定群众. */
  audienceSpecific: boolean;
  /** 公开方式: 主动. */
  modeProactive: boolean;
  /** 公开方式: 依申请公开. */
  modeRequest: boolean;
  /** 公开层级: 县级. */
  levelCounty: boolean;
  /** 公开层级: 乡级. */
  levelTownship: boolean;
}

/** What a form or an import gives: everything but the parsed rule; channels in any order and spelling. */
export type CatalogueItemInput = Omit<CatalogueItem, 'timeLimitRule'> & { timeLimitRule?: TimeLimitRule };

/** The Chinese column name of each field, as in the standard table's header. */
export const ITEM_FIELD_LABELS: Record<keyof CatalogueItem, string> = {
  seq: '序号',
  level1: '一级事项',
  level2: '二级事项',
  content: '公开内容（要素）',
  basis: '公开依据',
  timeLimitText: '公开时限',
  timeLimitRule: '公开时限',
  responsibleText: '公开主体',
  channels: '公开渠道和载体',
  audiencePublic: '公开对象（全社会）',
  audienceSpecific: '公开对象（特定群众）',
  modeProactive: '公开方式（主动）',
  modeRequest: '公开方式（依申请公开）',
  levelCounty: '公开层级（县级）',
  levelTownship: '公开层级（乡级）',
};

/** Longest accepted text per field (characters). */
export const ITEM_TEXT_LIMITS = {
  level1: 200,
  level2: 200,
  content: 4000,
  basis: 4000,
  timeLimitText: 500,
  responsibleText: 500,
} as const satisfies Partial<Record<keyof CatalogueItem, number>>;

export const CHANNEL_TEXT_LIMIT = 100;

// ---------------------------------------------------------------------------------------------------
// Channels

/** Spelling-insensitive key: no spaces, half-width brackets and slashes, lower case. */
function channelKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（）()]/g, '')
    .replace(/[、]/g, '/')
    .toLowerCase();
}

const KNOWN_CHANNELS: readonly string[] = [...STANDARD_CHANNELS, ...DOMAIN_PLATFORM_CHANNELS];
const CHANNEL_ALIASES: Record<string, string> = {
  门户网站: '政府网站',
  政府门户网站: '政府网站',
  发布会: '发布会/听证会',
  听证会: '发布会/听证会',
  新闻发布会: '发布会/听证会',
  入户: '入户/现场',
  现场: '入户/现场',
  公示栏: '社区/企事业单位/村公示栏（电子屏）',
  村公示栏: '社区/企事业单位/村公示栏（电子屏）',
  '社区/企事业单位/村公示栏': '社区/企事业单位/村公示栏（电子屏）',
  政务服务大厅: '政务服务中心',
  便民服务中心: '便民服务站',
};
const CANONICAL_BY_KEY = new Map<string, string>([
  ...KNOWN_CHANNELS.map((c): [string, string] => [channelKey(c), c]),
  ...Object.entries(CHANNEL_ALIASES).map(([a, c]): [string, string] => [channelKey(a), c]),
]);

/** The canonical name of a known channel ("发布会／听证会" → "发布会/听证会"), or undefined for a free entry. */
export function canonicalChannel(name: string): string | undefined {
  return CANONICAL_BY_KEY.get(channelKey(name));
}

/** True for a standard checkbox option (not a domain platform, not a free entry). */
export function isStandardChannel(name: string): name is StandardChannel {
  return (STANDARD_CHANNELS as readonly string[]).includes(name);
}

/**
 * Channels in canonical form and order: the standard options in the table's order, then the domain platforms,
 * then the free entries in the order given. Duplicates, blanks and a bare "其他" next to real free entries go.
 */
export function normalizeChannels(channels: readonly string[]): string[] {
  const known = new Set<string>();
  const free: string[] = [];
  for (const raw of channels) {
    const name = String(raw).trim();
    if (!name) continue;
    const c = canonicalChannel(name);
    if (c) known.add(c);
    else if (!free.includes(name)) free.push(name);
  }
  const ordered = KNOWN_CHANNELS.filter((c) => known.has(c));
  const others = free.length > 1 ? free.filter((f) => f !== OTHER_CHANNEL_LABEL) : free;
  return [...ordered, ...others];
}

/** The free "其他" entries of a channel list (neither standard options nor domain platforms). */
export function otherChannels(channels: readonly string[]): string[] {
  return channels.filter((c) => canonicalChannel(c) === undefined);
}

// ---------------------------------------------------------------------------------------------------
// Items

const clean = (s: unknown) => (typeof s === 'string' ? s.replace(/\r\n?/g, '\n').trim() : s === undefined || s === null ? '' : String(s).trim());

/** A complete item from input: texts trimmed, channels normalised, the time limit parsed from its text. */
export function createCatalogueItem(input: CatalogueItemInput): CatalogueItem {
  const timeLimitText = clean(input.timeLimitText);
  return {
    seq: input.seq,
    level1: clean(input.level1),
    level2: clean(input.level2),
    content: clean(input.content),
    basis: clean(input.basis),
    timeLimitText,
    timeLimitRule: input.timeLimitRule && input.timeLimitRule.text === timeLimitText ? input.timeLimitRule : parseTimeLimit(timeLimitText),
    responsibleText: clean(input.responsibleText),
    channels: normalizeChannels(input.channels ?? []),
    audiencePublic: input.audiencePublic === true,
    audienceSpecific: input.audienceSpecific === true,
    modeProactive: input.modeProactive === true,
    modeRequest: input.modeRequest === true,
    levelCounty: input.levelCounty === true,
    levelTownship: input.levelTownship === true,
  };
}

export interface ItemIssue {
  field: keyof CatalogueItem;
  /** The Chinese column name (ITEM_FIELD_LABELS). */
  column: string;
  /** Chinese, naming the column. */
  message: string;
  /** An error must be fixed; a warning is shown (e.g. a time limit the platform cannot compute from). */
  severity: 'error' | 'warning';
}

/**
 * Checks an item. Required: 一级事项, 二级事项, 公开内容（要素）, 公开时限, 公开主体, at least one 公开渠道和载体,
 * at least one 公开对象, at least one 公开方式. 公开依据 and 公开层级 are optional (not every local catalogue has
 * the 公开层级 columns). A 公开时限 the parser does not understand is a warning.
 */
export function validateCatalogueItem(item: CatalogueItem): ItemIssue[] {
  const issues: ItemIssue[] = [];
  const add = (field: keyof CatalogueItem, message: string, severity: ItemIssue['severity'] = 'error') =>
    issues.push({ field, column: ITEM_FIELD_LABELS[field], message, severity });

  if (!Number.isInteger(item.seq) || item.seq < 1) add('seq', `“序号”应为正整数：${String(item.seq)}`);
  const required: Array<keyof typeof ITEM_TEXT_LIMITS> = ['level1', 'level2', 'content', 'timeLimitText', 'responsibleText'];
  for (const field of Object.keys(ITEM_TEXT_LIMITS) as Array<keyof typeof ITEM_TEXT_LIMITS>) {
    const value = item[field];
    const label = ITEM_FIELD_LABELS[field];
    if (typeof value !== 'string') {
      add(field, `“${label}”应为文字`);
      continue;
    }
    if (required.includes(field) && !value.trim()) add(field, `“${label}”不能为空`);
    const limit = ITEM_TEXT_LIMITS[field];
    if (value.length > limit) add(field, `“${label}”过长（${value.length}字），不能超过${limit}字`);
  }

  if (!Array.isArray(item.channels) || item.channels.length === 0) {
    add('channels', '“公开渠道和载体”至少选择一项');
  } else {
    for (const c of item.channels) {
      if (typeof c !== 'string' || !c.trim()) add('channels', '“公开渠道和载体”中有空白项');
      else if (c.length > CHANNEL_TEXT_LIMIT) add('channels', `“公开渠道和载体”中的“${c.slice(0, 20)}…”过长，每项不能超过${CHANNEL_TEXT_LIMIT}字`);
    }
    if (new Set(item.channels).size !== item.channels.length) add('channels', '“公开渠道和载体”有重复项');
  }

  const bools: Array<keyof CatalogueItem> = ['audiencePublic', 'audienceSpecific', 'modeProactive', 'modeRequest', 'levelCounty', 'levelTownship'];
  for (const f of bools) if (typeof item[f] !== 'boolean') add(f, `“${ITEM_FIELD_LABELS[f]}”应为是或否`);
  if (item.audiencePublic !== true && item.audienceSpecific !== true) add('audiencePublic', '“公开对象”至少选择一项（全社会或特定群众）');
  if (item.modeProactive !== true && item.modeRequest !== true) add('modeProactive', '“公开方式”至少选择一项（主动或依申请公开）');

  if (typeof item.timeLimitText === 'string' && item.timeLimitText.trim()) {
    if (!item.timeLimitRule || item.timeLimitRule.text !== item.timeLimitText.trim()) {
      add('timeLimitRule', '“公开时限”的解析结果与文字不一致，请重新保存');
    } else if (!isParsed(item.timeLimitRule)) {
      add('timeLimitRule', `“公开时限”的“${item.timeLimitText}”无法识别为期限规则，系统不会为该事项自动生成公开任务，请人工确认`, 'warning');
    }
  }
  return issues;
}
