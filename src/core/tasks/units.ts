// Responsible units as written in a notice ("市编办牵头，各镇（街）、管委会，市各有关单位负责") split into single
// units with their roles. Pure.
//
// - Separators: 、，,；;／/ and line breaks, never inside brackets ("各镇（街道、开发区）" is one name); 及/以及/和
//   before another unit ("区科技局及相关部门单位"); two names run together ("区人社局区住建局").
// - Role markers after one or more names: 牵头 (lead), 负责 / 分别负责 / 具体负责 / 具体落实 / 落实 (responsible),
//   配合 / 协助 / 协办 / 参与 (supporting); a marker applies to every name since the previous marker. Labelled
//   parts ("牵头单位：…；配合单位：…") and bracketed markers ("区发改局（牵头）") too. Text after a marker that
//   is not a unit ("具体落实区政府重大行政决策公开相关工作") is dropped.
// - 等 ends a list ("市行政审批服务局等相关部门（单位）" → 市行政审批服务局); vague references that name no unit
//   ("相关部门", "有关职能部门", "及有关部门单位") are dropped. Collective names that do name a set of units
//   ("各镇街区", "市政府各部门（单位）", "各行政执法单位") are kept: unit matching expands them.
// - Lead units: those marked 牵头 (or labelled 牵头单位); when none is, but some are marked 配合, the ones marked
//   负责 lead. `units` lists every unit once, in the order written, leads included.
// Names are kept as written (typos included: "市科工商务局局"); matching them to the tenant's units is match.ts.

export type UnitRole = 'lead' | 'responsible' | 'supporting';

export interface SplitUnits {
  /** Every unit, in order, once. */
  units: string[];
  lead: string[];
  supporting: string[];
  /** Vague references and trailing words that name no unit ("相关部门", "区政府重大行政决策公开相关工作"). */
  dropped: string[];
  /** Pieces that are neither a unit nor a known vague reference: the text is probably not a list of units. */
  rejected: string[];
}

const OPEN = '（(【[〔';
const CLOSE = '）)】]〕';

/** Endings of unit names (checked on the name without trailing brackets). */
const UNIT_END =
  /(?:局|办|委|院|中心|站|队|处|科|室|厅|馆|校|司|厂|单位|部门|机构|政府|镇|乡|街道|街|区|县|社区|集团|公司|医院|学校|部|分局|大队|支队|中队|银行|支行|分行|营业部|电视台|广播电视台|气象台|电台|报社|合作社|出版社|杂志社|委员会|管委会|协会|商会|联合会|工会|总工会|红十字会|居委会|村委会|理事会|基金会|妇联|残联|工商联|科协|团委|监管组|工作组|领导小组|小组|专班|派出所|司法所|财政所|研究所|事务所|管理所|服务所|企业)$/;
/** Endings that look like a unit's but are ordinary words. */
const NOT_UNIT_END = /(?:全部|内部|外部|局部|东部|西部|南部|北部|中部|干部|基层部|总部经济|地区|辖区|城区|景区|园区建设|社区建设|平台|执行|运行|进行|实行|推行)$/;
/** Words a heading or requirement starts with, never a unit name. */
const VERB_START =
  /^(?:推进|推动|加强|加大|加快|做好|抓好|完善|建立|建设|健全|强化|深化|全面|持续|继续|着力|着重|聚焦|充分|规范|统筹|围绕|提升|提高|优化|落实|开展|严格|进一步|按照|根据|依托|依法|结合|认真|积极|切实|坚持|实行|实施|制定|编制|梳理|发布|及时|定期|主动|重点|探索|创新|注重|鼓励|支持|引导|督促|指导|扎实|大力|不断|逐步|明确|确保|通过|利用|运用|发挥|打造|构建|拓宽|畅通|增强|丰富|扩大|推广|召开|举办|组织开展|组织实施|清理|整合|维护|监督|做实|用好|办好|搞好|管好|配合|牵头|负责|对|在|将|把|以|为|要|应|须|由|从|向|与|和|及|并|等|其中|其他|其它|包括|如|凡|各类)/;
/** Punctuation a unit name never contains outside brackets. */
const SENTENCE_PUNCT = /[。；;：:“”"《》？！?!，,‘’]/;

/** References that name no unit: dropped. */
const VAGUE =
  /^(?:及|和|以及|与|并|其他|其它)*(?:相关|有关|其他|其它)?(?:的)?(?:职能|业务|责任|主管|行业主管)?(?:部门|单位|部门单位|部门和单位|部门、单位|部门[（(]单位[）)]|单位[（(]部门[）)]|机构|科室)$/;

/** Role markers, longest first. 'etc' = 等, which ends a list. */
const MARKERS: ReadonlyArray<readonly [string, UnitRole | 'etc']> = [
  ['按职责分工负责', 'responsible'],
  ['按职能职责负责', 'responsible'],
  ['按职责分工落实', 'responsible'],
  ['按职责负责', 'responsible'],
  ['牵头负责', 'lead'],
  ['牵头落实', 'lead'],
  ['牵头抓总', 'lead'],
  ['分别负责', 'responsible'],
  ['共同负责', 'responsible'],
  ['具体负责', 'responsible'],
  ['具体落实', 'responsible'],
  ['负责落实', 'responsible'],
  ['组织实施', 'responsible'],
  ['牵头', 'lead'],
  ['主办', 'lead'],
  ['主责', 'lead'],
  ['负责', 'responsible'],
  ['落实', 'responsible'],
  ['配合', 'supporting'],
  ['协助', 'supporting'],
  ['协办', 'supporting'],
  ['参与', 'supporting'],
  ['等', 'etc'],
];
const MARKER_RE = new RegExp(MARKERS.map(([m]) => m).join('|'), 'g');
const MARKER_ROLE = new Map(MARKERS);
/** After a marker inside a name ("区牵头部门牵头"): the marker is part of the name. */
const NAME_CONTINUES = /^(?:部门|单位|部|局|办|处|科|室|中心|小组|组|委员会|机构|人|同志|工作|事项|职责|任务)/;
const LABEL_WORDS =
  '(?:牵头单位|牵头部门|主办单位|主责单位|主责部门|责任单位|责任部门|负责单位|实施单位|承办单位|落实单位|责任主体|配合单位|配合部门|协办单位|协助单位|参与单位|协同单位)';
/** Labels of a labelled part: "牵头单位：…". */
const LABEL =
  /^(?:(牵头单位|牵头部门|主办单位|主责单位|主责部门)|(责任单位|责任部门|负责单位|实施单位|承办单位|落实单位|责任主体)|(配合单位|配合部门|协办单位|协助单位|参与单位|协同单位))[:：]/;
const BRACKET_ROLE = /[（(](牵头|负责|配合|协助|协办|参与|主办)[）)]$/;

/** The name without its trailing bracket groups: "各镇（街道、开发区）" → "各镇". */
function baseName(name: string): string {
  let s = name.trim();
  for (;;) {
    const m = /[（(][^（）()]*[）)]$/.exec(s);
    if (!m || m.index === 0) return s;
    s = s.slice(0, m.index);
  }
}

/** True when the text looks like one unit's name (or a collective name such as 各镇街区). */
export function looksLikeUnit(name: string): boolean {
  const s = name.trim().replace(/\s+/g, '');
  if (s.length < 2 || s.length > 40) return false;
  const base = baseName(s);
  if (base.length < 2 || base.length > 32) return false;
  if (SENTENCE_PUNCT.test(base.replace(/[（(][^（）()]*[）)]/g, ''))) return false;
  if (/^\d/.test(base)) return false;
  if (VERB_START.test(base) && !/^(?:组织部|组织与|组织人事)/.test(base)) return false;
  if (NOT_UNIT_END.test(base)) return false;
  return UNIT_END.test(base);
}

/** Splits at top-level separators (not inside brackets), and at 及/以及/和 before another unit. */
function topLevelChunks(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,／/\n]/.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out
    .flatMap((c) => splitConjunction(c.trim()))
    .map((c) => c.trim())
    .filter(Boolean);
}

/** "区科技局及相关部门单位" → ["区科技局", "相关部门单位"]: a conjunction after a unit-like name. */
function splitConjunction(chunk: string): string[] {
  const re = /(?:以及|及|和|与)(?=相关|有关|其他|其它|各|[市区县省镇乡])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(chunk))) {
    const before = chunk.slice(0, m.index);
    if (looksLikeUnit(before) || looksLikeUnitWithMarker(before)) return [before, ...splitConjunction(chunk.slice(m.index + m[0].length))];
  }
  return [chunk];
}

function looksLikeUnitWithMarker(s: string): boolean {
  const m = /(牵头|负责|配合|协助|落实)$/.exec(s);
  return !!m && looksLikeUnit(s.slice(0, m.index));
}

/** "区人社局区住建局" → ["区人社局", "区住建局"]: two names written without a separator. */
export function splitRunTogether(name: string): string[] {
  const first = name[0];
  if (!first || !'市区县'.includes(first) || name.length < 6) return [name];
  for (let i = 3; i <= name.length - 3; i++) {
    if (name[i] !== first) continue;
    const prev = name.slice(0, i);
    if (!/(?:局|办|委|中心|院|站|队|所)$/.test(prev)) continue;
    const rest = name.slice(i);
    if (looksLikeUnit(prev) && looksLikeUnit(rest) && !/^[市区县](?:政府|委|级)?$/.test(rest)) return [prev, ...splitRunTogether(rest)];
  }
  return [name];
}

interface Piece {
  name: string;
  role?: UnitRole;
}

interface ChunkResult {
  /** Names in order; role set when a marker directly follows them. */
  pieces: Array<{ names: string[]; role?: UnitRole; vague: boolean }>;
  dropped: string[];
  rejected: string[];
}

/** One chunk between separators: names, maybe a marker, maybe text after the marker. */
function readChunk(chunk: string, out: ChunkResult): void {
  let s = chunk.trim().replace(/[。.]+$/, '');
  if (!s) return;
  const bracket = BRACKET_ROLE.exec(s);
  if (bracket) {
    const role = MARKER_ROLE.get(bracket[1]!) as UnitRole;
    const name = s.slice(0, bracket.index);
    if (looksLikeUnit(name)) {
      out.pieces.push({ names: splitRunTogether(name), role, vague: false });
      return;
    }
  }
  MARKER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER_RE.exec(s))) {
    const marker = m[0];
    const before = s.slice(0, m.index);
    const after = s.slice(m.index + marker.length);
    const role = MARKER_ROLE.get(marker)!;
    if (!before) continue;
    if (role !== 'etc' && after && NAME_CONTINUES.test(after)) continue;
    const vague = VAGUE.test(before);
    if (!vague && !looksLikeUnit(before)) continue;
    if (vague) {
      out.dropped.push(before);
      out.pieces.push({ names: [], ...(role === 'etc' ? {} : { role }), vague: true });
    } else out.pieces.push({ names: splitRunTogether(before), ...(role === 'etc' ? {} : { role }), vague: false });
    const rest = after.replace(/^[的]/, '');
    if (!rest) return;
    if (role === 'etc') {
      // "等相关部门（单位）", "等部门", "等单位": nothing more is named.
      if (VAGUE.test(rest) || /^(?:\d+|[一二三四五六七八九十]+)?个?(?:部门|单位)/.test(rest)) out.dropped.push(rest);
      else readChunk(rest, out);
      return;
    }
    // Text after a marker: another name ("市编办牵头市各有关单位负责") or words that name no unit.
    const probe: ChunkResult = { pieces: [], dropped: [], rejected: [] };
    readChunk(rest, probe);
    if (probe.rejected.length === 0 && probe.pieces.some((p) => p.names.length)) {
      out.pieces.push(...probe.pieces);
      out.dropped.push(...probe.dropped);
    } else out.dropped.push(rest);
    return;
  }
  if (VAGUE.test(s)) {
    out.dropped.push(s);
    return;
  }
  if (looksLikeUnit(s)) {
    out.pieces.push({ names: splitRunTogether(s), vague: false });
    return;
  }
  out.rejected.push(s);
}

/** A cell that says "none": "/", "—", "无". */
export const isPlaceholder = (text: string) => /^[\s/／\\—–\-－_·.。、]*$|^(?:无|暂无|不涉及|空|略)$/.test(text.trim());

/** Splits the text of a responsible-unit cell (or of a "（责任单位：…）" remark) into units and roles. */
export function splitUnits(text: string): SplitUnits {
  if (isPlaceholder(text ?? '')) return { units: [], lead: [], supporting: [], dropped: [], rejected: [] };
  const src = (text ?? '')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\r/g, '')
    // A label on a new line or after a space starts a new part: "牵头单位：县发改局\n配合单位：县财政局".
    .replace(new RegExp(`[\\s、，,]+(?=${LABEL_WORDS}[:：])`, 'g'), '；')
    // Spaces between two names act as a separator; other spaces are noise.
    .replace(/([^\s、，,；;])[ \t\u3000\u00a0]+(?=[^\s、，,；;])/g, (all, a: string) => (/[局办委心室门位会部院所站队处镇街区县司行馆校组台社）)]/.test(a) ? `${a}、` : a))
    .replace(/[ \t\u3000\u00a0]+/g, '')
    .trim();
  const result: SplitUnits = { units: [], lead: [], supporting: [], dropped: [], rejected: [] };
  const roles = new Map<string, UnitRole>();
  const order: string[] = [];
  const add = (name: string, role: UnitRole) => {
    if (!name) return;
    if (!roles.has(name)) order.push(name);
    const prev = roles.get(name);
    // A unit named twice keeps its strongest role.
    if (!prev || rank(role) > rank(prev)) roles.set(name, role);
  };
  let anySupporting = false;
  let anyLead = false;
  for (const rawPart of splitParts(src)) {
    let part = rawPart.trim();
    if (!part) continue;
    let labelRole: UnitRole | undefined;
    const label = LABEL.exec(part);
    if (label) {
      labelRole = label[1] ? 'lead' : label[2] ? 'responsible' : 'supporting';
      part = part.slice(label[0].length);
    }
    const chunkOut: ChunkResult = { pieces: [], dropped: [], rejected: [] };
    for (const c of topLevelChunks(part)) readChunk(c, chunkOut);
    result.dropped.push(...chunkOut.dropped);
    result.rejected.push(...chunkOut.rejected);
    // A marker applies to every name since the previous marker.
    let pending: Piece[] = [];
    const flush = (role: UnitRole) => {
      for (const p of pending) add(p.name, role);
      if (pending.length && role === 'supporting') anySupporting = true;
      if (pending.length && role === 'lead') anyLead = true;
      pending = [];
    };
    for (const piece of chunkOut.pieces) {
      for (const n of piece.names) pending.push({ name: n });
      // Inside a labelled part, 负责 keeps the label's role; 牵头 and 配合 say more.
      if (piece.role) flush(labelRole && piece.role === 'responsible' ? labelRole : piece.role);
    }
    flush(labelRole ?? 'responsible');
  }
  for (const name of order) {
    const role = roles.get(name)!;
    result.units.push(name);
    if (role === 'lead') result.lead.push(name);
    if (role === 'supporting') result.supporting.push(name);
  }
  if (!anyLead && anySupporting) {
    // "A负责，B配合": A leads.
    result.lead = order.filter((n) => roles.get(n) === 'responsible');
  }
  return result;
}

function rank(r: UnitRole): number {
  return r === 'lead' ? 3 : r === 'responsible' ? 2 : 1;
}

/** Top-level split at ；; (labelled parts), not inside brackets. */
function splitParts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[；;]/.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * True when the whole text is a list of units (with markers): every piece is a unit, a marker or a vague
 * reference. A requirement that starts with unit names ("各镇街区、市政府各部门（单位）要对…") is not.
 */
export function looksLikeUnitList(text: string): boolean {
  const t = (text ?? '').trim();
  if (!t || t.length > 800) return false;
  if (/[。！？]./.test(t)) return false;
  const s = splitUnits(t);
  return s.units.length > 0 && s.rejected.length === 0;
}
