// The letters of a disclosure request (依申请公开): the receipt (登记回执), the one-time correction notice
// (补正告知书, Art. 30), the extension notice (延期答复告知书, Art. 33 ¶2), the fee notice (收费通知书,
// 国办函〔2020〕109号), the consultation letter to a third party or organ (征求意见函, Arts. 32, 34), and one
// reply letter (答复告知书) for every result row of the annual report (src/core/requests/results.ts), each
// citing its legal ground and, for every reply, the applicant's remedies (行政复议 within 60 days, 行政诉讼
// within 6 months).
//
// A letter is a template (title and body with {{占位符}}) filled from a LetterContext (plain data the
// service assembles), then laid out as an official letter in the spirit of GB/T 9704-2012 (党政机关公文格式):
// A4, margins 37/35/28/26 mm, the organ's name in red at the top, the 文号 and a red double rule under it,
// the title in 小标宋, the body in 仿宋 三号 (16 pt) with a two-character indent and a fixed 29 pt pitch
// (22 lines to the page), the organ and date under the text, the page number in the footer.
//
// Fonts: a DOCX names the fonts Chinese offices have (方正小标宋简体, 仿宋_GB2312) and, in its font table,
// the fonts Word and WPS fall back to when those are missing (宋体, 仿宋). LibreOffice ignores that table
// (writerfilter's FontTable.cxx skips w:altName) and falls back through fontconfig: with fonts-noto-cjk,
// Noto Sans CJK SC. The PDF is set in Noto Serif SC by src/modules/gazette/pdf.ts and needs nothing installed.
//
// Template rules: a placeholder is {{名称}} on one line, its name one of PLACEHOLDERS. A line all of whose
// placeholders come out empty is left out, so a sentence about something the request does not have (the
// information provided, the organ that holds it) disappears with it. A body whose first line ends with
// "：" starts with that line as the addressee (顶格); every other line is a paragraph.
import { and, eq } from 'drizzle-orm';
import type { Paragraph as DocxParagraph } from 'docx';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { formatDateZh } from '../../core/calendar/explain.ts';
import type { LocalDate } from '../../core/calendar/index.ts';
import { badRequest, staleVersion } from '../../core/errors.ts';
import type { PauseKind } from '../../core/requests/clock.ts';
import { FEE_BASIS_LABELS, type FeeBasis } from '../../core/requests/fees.ts';
import { isResultCode, replyResult, RESULT_CODES, type ResultCode } from '../../core/requests/results.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { renderPdf, type Block, type PdfDocumentModel } from '../gazette/pdf.ts';
import { rootOf } from '../org/units.ts';
import { requestLetterTemplates } from './schema.ts';

// ---- kinds ----------------------------------------------------------------------------------------

/** The letters that are not a reply: they come before it. */
export const PROCEDURE_LETTER_KINDS = ['acknowledgement', 'correction', 'consultation', 'extension', 'fee'] as const;
export type ProcedureLetterKind = (typeof PROCEDURE_LETTER_KINDS)[number];
export type LetterKind = ProcedureLetterKind | ResultCode;

/** Every letter: the procedural ones in the order they happen, then one reply per result code. */
export const LETTER_KINDS: readonly LetterKind[] = [...PROCEDURE_LETTER_KINDS, ...RESULT_CODES];

const PROCEDURE_LABELS: Record<ProcedureLetterKind, string> = {
  acknowledgement: '受理回执（登记回执）',
  correction: '补正告知书',
  consultation: '征求意见函（第三方或其他机关）',
  extension: '延期答复告知书',
  fee: '收费通知书',
};

/** Chinese names of the letters, for the console: 补正告知书, 答复告知书：不予公开（属于国家秘密）, … */
export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  ...PROCEDURE_LABELS,
  ...(Object.fromEntries(RESULT_CODES.map((c) => [c, `答复告知书：${replyResult(c).short}`])) as Record<ResultCode, string>),
};

export function isLetterKind(v: unknown): v is LetterKind {
  return (typeof v === 'string' && (PROCEDURE_LETTER_KINDS as readonly string[]).includes(v)) || isResultCode(v);
}

/** A reply to the request (one of the result rows): it carries the remedies paragraph. */
export function isReplyKind(kind: LetterKind): kind is ResultCode {
  return isResultCode(kind);
}

// ---- placeholders ---------------------------------------------------------------------------------

export interface PlaceholderInfo {
  name: string;
  description: string;
  /** May come out empty (the line that holds only such placeholders is then left out); the others, when
   * the context lacks them, print as a blank to fill in by hand (＿＿＿＿＿＿). */
  optional?: boolean;
}

/** Every placeholder a template may use, with what it stands for. */
export const PLACEHOLDERS = [
  { name: '机关名称', description: '作出告知的行政机关名称（红头和落款），取自依申请公开设置' },
  { name: '文号', description: '本文书的文号，如 示政公开〔2026〕12号', optional: true },
  { name: '日期', description: '成文日期，如 2026年3月19日' },
  { name: '申请人', description: '申请人的姓名，或者法人、其他组织的名称' },
  { name: '申请编号', description: '申请登记时编的号，如 YSQ-2026-00012' },
  { name: '收到日期', description: '收到申请之日（《条例》第三十一条）' },
  { name: '所需信息', description: '申请获取的政府信息：名称、文号和申请人的描述' },
  { name: '答复类型', description: '答复结果的简称，如 予以公开、不予公开（属于国家秘密）；其他文书为文书名称' },
  { name: '法律依据', description: '本文书依据的条款，如 《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项' },
  { name: '答复理由', description: '承办人写明的理由，以句号结尾；须说明理由的答复未填写时为待填空白', optional: true },
  { name: '提供的信息', description: '随答复提供的政府信息的名称，多项以分号分隔', optional: true },
  { name: '获取方式', description: '获取信息的方式、途径和时间（《条例》第三十六条第（一）项、第（二）项）', optional: true },
  { name: '负责机关', description: '负责公开该信息的机关名称和联系方式（《条例》第三十六条第（五）项）', optional: true },
  { name: '负责机关说明', description: '“该信息由……负责公开，您可以向其提出申请。”一句；不能确定负责机关时为空', optional: true },
  { name: '补正事项', description: '需要补正的全部事项（一次性告知，可以分行）' },
  { name: '补正告知日期', description: '发出补正告知书的日期' },
  { name: '补正期限', description: '补正期限的最后一日' },
  { name: '延长天数', description: '延长答复期限的工作日数（不超过20个工作日）' },
  { name: '延期理由', description: '延长答复期限的理由' },
  { name: '截止日期', description: '答复期限的最后一日（延期答复告知书中为延长后的最后一日）' },
  { name: '收费依据', description: '计收方式：按件计收或者按量计收' },
  { name: '收费金额', description: '应缴金额，如 200元' },
  { name: '收费说明', description: '收费金额的计算过程（国办函〔2020〕109号）' },
  { name: '收费通知日期', description: '发出收费通知书的日期' },
  { name: '缴费期限', description: '当日收到收费通知书时缴费的最后一日（收到之日的次日起第20个工作日）' },
  { name: '缴费方式', description: '缴纳信息处理费的方式' },
  { name: '征询对象', description: '被征求意见的第三方、共同制作机关或者其他机关' },
  { name: '征询事项', description: '征求意见的原因（涉及第三方合法权益、共同制作等）' },
  { name: '征询期限', description: '当日收到征求意见函时回复意见的最后一日（收到之日起第15个工作日）' },
  { name: '逾期后果', description: '逾期不回复意见的后果（第三方：由本机关依法决定；共同制作机关：视为同意公开）' },
  { name: '复议机关', description: '申请人可以申请行政复议的机关，取自依申请公开设置' },
  { name: '法院', description: '申请人可以提起行政诉讼的人民法院，取自依申请公开设置' },
  { name: '联系方式', description: '承办人和联系电话；模板未使用时作为附注排在成文日期下方', optional: true },
] as const satisfies readonly PlaceholderInfo[];

export type PlaceholderName = (typeof PLACEHOLDERS)[number]['name'];
export const PLACEHOLDER_NAMES: readonly PlaceholderName[] = PLACEHOLDERS.map((p) => p.name);
const KNOWN = new Set<string>(PLACEHOLDER_NAMES);

/** What a required value prints as when the context does not have it: a blank to fill in by hand. */
export const BLANK = '＿＿＿＿＿＿';

// ---- templates ------------------------------------------------------------------------------------

export interface LetterTemplate {
  title: string;
  body: string;
}

const REGULATION = '《中华人民共和国政府信息公开条例》';

const OPENING = '本机关于{{收到日期}}收到您提出的政府信息公开申请（申请编号：{{申请编号}}），您申请获取的政府信息为：{{所需信息}}。';

/** Every reply ends with the applicant's remedies (行政复议法: 60 days; 行政诉讼法: 6 months). */
export const REMEDIES_PARAGRAPH =
  '如对本答复不服，可以自收到本告知书之日起60日内，依照《中华人民共和国行政复议法》向{{复议机关}}申请行政复议；或者自收到本告知书之日起6个月内，依照《中华人民共和国行政诉讼法》向{{法院}}提起行政诉讼。';

const REPLY_TITLE = '政府信息公开申请答复告知书';
const PROVIDED = '本机关向您提供的政府信息为：{{提供的信息}}。';

const withheld = (finding: string) => [`${finding}。{{答复理由}}根据{{法律依据}}的规定，本机关决定不予公开。`];

/** The decision paragraphs of each reply, between the opening and the remedies. */
const DECISIONS: Record<ResultCode, string[]> = {
  disclosed: ['您申请获取的政府信息属于公开范围。根据{{法律依据}}的规定，本机关决定予以公开。', PROVIDED, '{{获取方式}}'],
  partial: [
    '您申请获取的政府信息中，部分内容依法不应当公开或者不属于政府信息，但能够作区分处理。{{答复理由}}根据{{法律依据}}的规定，本机关决定向您提供可以公开的部分，其余部分不予公开。',
    PROVIDED,
    '{{获取方式}}',
  ],
  'withheld.state_secret': withheld('您申请获取的政府信息属于依法确定的国家秘密'),
  'withheld.law_prohibited': withheld('您申请获取的政府信息属于法律、行政法规禁止公开的政府信息'),
  'withheld.security_stability': withheld('您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  'withheld.third_party': withheld('您申请获取的政府信息涉及商业秘密、个人隐私等，公开会损害第三方合法权益'),
  'withheld.internal_affairs': withheld('您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息'),
  'withheld.process_info': withheld('您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息'),
  'withheld.enforcement_files': withheld('您申请获取的政府信息属于行政执法案卷信息'),
  'withheld.administrative_query': [
    '您申请获取的信息属于工商、不动产登记资料等查询事项，有关法律、行政法规对信息的获取有特别规定。{{答复理由}}根据{{法律依据}}的规定，本机关不作为政府信息公开申请提供，请您依照有关法律、行政法规的规定办理。',
    '{{负责机关说明}}',
  ],
  'unable.not_held': ['经检索查找，本机关不掌握您申请获取的政府信息。{{答复理由}}根据{{法律依据}}的规定，本机关无法向您提供。', '{{负责机关说明}}'],
  'unable.needs_creation': [
    '您申请获取的政府信息需要本机关对现有政府信息进行加工、分析方能形成，本机关没有现成的政府信息。{{答复理由}}根据{{法律依据}}的规定，本机关不予提供。',
  ],
  'unable.unclear_after_correction': [
    '本机关已于{{补正告知日期}}一次性告知您补正申请内容。您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息。{{答复理由}}根据{{法律依据}}的规定，本机关无法向您提供。',
  ],
  'not_processed.petition': [
    '您提出的申请实质上属于信访、投诉、举报事项，不属于政府信息公开申请。{{答复理由}}根据{{法律依据}}的规定，本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报渠道向有关机关提出。',
    '{{负责机关说明}}',
  ],
  'not_processed.repeat': ['本机关已就您提出的相同政府信息公开申请作出答复，您再次提出相同的申请。{{答复理由}}根据{{法律依据}}的规定，本机关不予重复处理。'],
  'not_processed.publication': [
    '您申请获取的是政府公报、报刊、书籍等公开出版物。{{答复理由}}根据{{法律依据}}的规定，本机关不作为政府信息公开申请处理，您可以通过公开出版物的发行渠道获取。',
    '{{获取方式}}',
  ],
  'not_processed.excessive': [
    '您提出的政府信息公开申请的数量、频次明显超过合理范围，经本机关要求说明理由，您未能说明理由或者理由不合理。{{答复理由}}根据{{法律依据}}的规定，本机关不予处理。',
  ],
  'not_processed.confirm_obtained': [
    '您的申请实质上是要求本机关确认或者重新出具您已经获取的政府信息，不属于政府信息公开申请的处理范围。{{答复理由}}根据{{法律依据}}的规定，本机关不予处理。',
  ],
  'other.no_correction': [
    '本机关已于{{补正告知日期}}一次性告知您补正申请内容，补正期限至{{补正期限}}。您无正当理由逾期未补正，视为放弃申请。根据{{法律依据}}的规定，本机关不再处理您的该项政府信息公开申请。',
  ],
  'other.fee_unpaid': [
    '本机关已于{{收费通知日期}}向您发出信息处理费收费通知，您逾期未按收费通知要求缴纳费用，视为放弃申请。根据{{法律依据}}的规定，本机关不再处理您的该项政府信息公开申请。',
  ],
  'other.other': ['{{答复理由}}', '根据{{法律依据}}的规定，特此告知。'],
};

const PROCEDURE_TEMPLATES: Record<ProcedureLetterKind, LetterTemplate> = {
  acknowledgement: {
    title: '政府信息公开申请登记回执',
    body: [
      '{{申请人}}：',
      '本机关于{{收到日期}}收到您提出的政府信息公开申请，已予登记，申请编号为{{申请编号}}。您申请获取的政府信息为：{{所需信息}}。',
      '根据{{法律依据}}的规定，本机关将自收到申请之日起20个工作日内作出答复，最迟于{{截止日期}}答复；需要延长答复期限的，将另行书面告知。征求第三方和其他机关意见所需时间不计算在上述期限内。',
      '您可以凭申请编号和查询码查询办理进度。',
    ].join('\n'),
  },
  correction: {
    title: '政府信息公开申请补正告知书',
    body: [
      '{{申请人}}：',
      OPENING,
      '经审查，您的申请内容不明确，本机关无法确定您所需要的政府信息。根据{{法律依据}}的规定，现一次性告知您需要补正的事项如下：',
      '{{补正事项}}',
      '请您于{{补正期限}}前（含当日）按上述要求补正申请内容并提交本机关。答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。',
      '补正中如有疑问，可以与本机关联系，本机关将给予指导和释明。',
    ].join('\n'),
  },
  consultation: {
    title: '政府信息公开征求意见函',
    body: [
      '{{征询对象}}：',
      '本机关于{{收到日期}}收到一份政府信息公开申请（申请编号：{{申请编号}}），申请获取的政府信息为：{{所需信息}}。{{征询事项}}',
      '根据{{法律依据}}的规定，现书面征求意见。请自收到本函之日起15个工作日内书面回复是否同意公开（当日收到本函的，最迟于{{征询期限}}回复）；不同意公开的，请说明理由。',
      '{{逾期后果}}',
    ].join('\n'),
  },
  extension: {
    title: '政府信息公开申请延期答复告知书',
    body: [
      '{{申请人}}：',
      OPENING,
      '因{{延期理由}}，本机关不能在法定期限内作出答复。经政府信息公开工作机构负责人同意，根据{{法律依据}}的规定，答复期限延长{{延长天数}}个工作日，本机关将最迟于{{截止日期}}作出答复。',
      '特此告知。',
    ].join('\n'),
  },
  fee: {
    title: '政府信息公开信息处理费收费通知书',
    body: [
      '{{申请人}}：',
      OPENING,
      '经审查，您申请获取政府信息的数量、频次明显超过合理范围。根据{{法律依据}}的规定，本机关决定收取信息处理费，现将有关事项通知如下：',
      '一、计收方式：{{收费依据}}。',
      '二、收费金额：{{收费金额}}。',
      '三、计算方法：{{收费说明}}',
      '四、缴费期限：请您自收到本通知书之日的次日起20个工作日内缴纳（当日收到本通知书的，最迟于{{缴费期限}}缴纳）。',
      '五、缴费方式：{{缴费方式}}。',
      '您逾期未按本通知书要求缴纳费用的，视为放弃申请，本机关将不再处理您的该项政府信息公开申请。',
    ].join('\n'),
  },
};

/** The built-in wording of a letter. */
export function defaultTemplate(kind: LetterKind): LetterTemplate {
  if (isResultCode(kind)) {
    return { title: REPLY_TITLE, body: ['{{申请人}}：', `${OPENING}经审查，现答复如下：`, ...DECISIONS[kind], REMEDIES_PARAGRAPH].join('\n') };
  }
  const t = (PROCEDURE_TEMPLATES as Record<string, LetterTemplate | undefined>)[kind];
  if (!t) throw badRequest(`未知的告知书类型：${String(kind)}`, { field: 'kind' });
  return { ...t };
}

// ---- rendering ------------------------------------------------------------------------------------

const PLACEHOLDER = /\{\{([^{}\n]*)\}\}/g;

/**
 * Fills `{{名称}}` with `values[名称]`. A placeholder absent from `values` stays as it is (so that a
 * mistake shows); one whose value is empty disappears, and so does a line all of whose placeholders
 * came out empty. Values are inserted as they are (never read again for placeholders).
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string | null | undefined>>): string {
  const out: string[] = [];
  for (const line of template.replace(/\r\n?/g, '\n').split('\n')) {
    let seen = 0;
    let filled = 0;
    const text = line.replace(PLACEHOLDER, (whole, raw: string) => {
      const name = raw.trim();
      if (!Object.hasOwn(values, name)) return whole;
      seen++;
      const v = values[name] ?? '';
      if (v) filled++;
      return v;
    });
    if (seen > 0 && filled === 0) continue;
    out.push(text);
  }
  return out.join('\n');
}

/**
 * What is wrong with a template's text, in Chinese, naming each problem: unknown or empty placeholders,
 * "{{" without "}}", "}}" without "{{", single braces, full-width braces. None → [].
 */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const add = (msg: string) => {
    if (!problems.includes(msg)) problems.push(msg);
  };
  lines.forEach((line, i) => {
    const where = lines.length > 1 ? `第${i + 1}行：` : '';
    if (/[｛｝]/.test(line)) add(`${where}占位符请使用半角花括号，如 {{申请人}}，不要使用全角的“｛｛ ｝｝”`);
    let pos = 0;
    while (pos < line.length) {
      if (line.startsWith('{{', pos)) {
        const close = line.indexOf('}}', pos + 2);
        const nextOpen = line.indexOf('{', pos + 2);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          const snippet = line.slice(pos, Math.min(line.length, pos + 12));
          add(`${where}占位符“${snippet}”缺少结尾的“}}”`);
          pos += 2;
          continue;
        }
        const inner = line.slice(pos + 2, close);
        const name = inner.trim();
        if (inner.includes('}')) add(`${where}占位符“{{${inner}}}”中有多余的花括号`);
        else if (!name) add(`${where}空的占位符“{{}}”，请填写占位符名称`);
        else if (!KNOWN.has(name)) add(`${where}未知的占位符“{{${name}}}”（可用的占位符见模板说明）`);
        pos = close + 2;
        continue;
      }
      if (line.startsWith('}}', pos)) {
        add(`${where}多余的“}}”，前面没有对应的“{{”`);
        pos += 2;
        continue;
      }
      const ch = line[pos];
      if (ch === '{' || ch === '}') add(`${where}单个花括号“${ch}”：占位符应写成 {{名称}}`);
      pos++;
    }
  });
  return problems;
}

/**
 * What a tenant's wording leaves out that the built-in one says (shown, not refused): a reply without its
 * legal ground or without the remedies, a notice without its period.
 */
export function templateWarnings(kind: LetterKind, body: string): string[] {
  const used = new Set(placeholdersOf(body));
  const out: string[] = [];
  if (!used.has('申请人') && kind !== 'consultation') out.push('正文未写明申请人（{{申请人}}）');
  if (kind === 'consultation' && !used.has('征询对象')) out.push('征求意见函未写明征询对象（{{征询对象}}）');
  if (!used.has('法律依据') && kind !== 'acknowledgement') out.push('正文未引用法律依据（{{法律依据}}）');
  if (isResultCode(kind) && !(used.has('复议机关') && used.has('法院')) && !/行政复议/.test(body)) {
    out.push('答复告知书未告知申请行政复议、提起行政诉讼的途径和期限（{{复议机关}}、{{法院}}）');
  }
  const needs: Partial<Record<LetterKind, PlaceholderName[]>> = {
    correction: ['补正事项', '补正期限'],
    extension: ['延长天数', '截止日期'],
    fee: ['收费金额', '缴费期限'],
    consultation: ['征询期限'],
  };
  for (const n of needs[kind] ?? []) if (!used.has(n)) out.push(`正文未使用{{${n}}}`);
  return out;
}

/** The placeholders a text uses (known or not), in order of first use. */
export function placeholdersOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const n = m[1]!.trim();
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

// ---- context --------------------------------------------------------------------------------------

export type ConsultationKind = Exclude<PauseKind, 'fee'>;

/**
 * Everything a letter may say, as plain data (the service fills it from the request, its events and the
 * tenant's settings). Dates are LocalDate strings (YYYY-MM-DD), printed as 2026年3月19日.
 */
export interface LetterContext {
  /** The organ that writes and signs: RequestSettings.organName, else the tenant's name. */
  organName: string;
  /** 文号, e.g. 示政公开〔2026〕12号 (see letterNumber); none → no number line. */
  letterNo?: string | null;
  /** The applicant as addressed: a person's name, or an organisation's. */
  applicantName: string;
  /** 申请编号, e.g. YSQ-2026-00012. */
  requestNumber: string;
  /** 收到申请之日 (Art. 31). */
  receivedOn?: LocalDate | null;
  /** The information asked for: its name and 文号 when known, and the applicant's description. */
  infoTitle?: string | null;
  infoDocNo?: string | null;
  description: string;
  /** The reply's result: the letter written for the kind 'reply'. */
  result?: ResultCode | null;
  /** The handler's reasons (required by Arts. 36(三)(五), 37 for most results). */
  reason?: string | null;
  /** Names of the information provided with the reply. */
  provided?: readonly string[] | null;
  /** How, where and when the applicant obtains the information (Art. 36(一)(二)). */
  access?: string | null;
  /** Art. 36(五): the organ that holds the information, with its contact, when it can be identified. */
  referOrgan?: string | null;
  /** The reply's due date (the receipt gives it). */
  dueOn?: LocalDate | null;
  correction?: { items: string; requestedOn?: LocalDate | null; dueOn?: LocalDate | null } | null;
  extension?: { days: number; reason: string; dueOn: LocalDate } | null;
  fee?: { basis: FeeBasis; amount: number; explanation: string; noticeOn?: LocalDate | null; dueOn?: LocalDate | null; payment?: string | null } | null;
  consultation?: { kind: ConsultationKind; party: string; matter?: string | null; dueOn?: LocalDate | null } | null;
  /** Where to seek reconsideration and where to sue (RequestSettings). */
  reconsiderationOrgan?: string | null;
  court?: string | null;
  /** 联系人及电话, printed as a note (附注) under the date. */
  contact?: string | null;
  /** 成文日期. */
  letterDate: LocalDate;
}

/** 示政公开〔2026〕12号 */
export function letterNumber(prefix: string, year: number, seq: number): string {
  return `${prefix.trim()}〔${year}〕${seq}号`;
}

const CONSULTATION_GROUNDS: Record<ConsultationKind, string> = {
  third_party: `${REGULATION}第十五条、第三十二条`,
  co_producer: `${REGULATION}第三十四条`,
  other_organ: `${REGULATION}第三十三条`,
};
const CONSULTATION_MATTERS: Record<ConsultationKind, string> = {
  third_party: '经审查，该信息可能涉及商业秘密、个人隐私等，公开可能损害第三方合法权益。',
  co_producer: '该信息系与本机关共同制作的政府信息。',
  other_organ: '该信息是否公开需要征求有关机关意见。',
};
const CONSULTATION_CONSEQUENCES: Record<ConsultationKind, string> = {
  third_party:
    '逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。',
  co_producer: '逾期未提出意见的，视为同意公开。',
  other_organ: '逾期未回复的，本机关将依照《中华人民共和国政府信息公开条例》的规定作出答复。',
};

const PROCEDURE_GROUNDS: Record<Exclude<ProcedureLetterKind, 'consultation'>, string> = {
  acknowledgement: `${REGULATION}第三十三条`,
  correction: `${REGULATION}第二十九条、第三十条`,
  extension: `${REGULATION}第三十三条第二款`,
  fee: `${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`,
};

const DEFAULT_RECONSIDERATION = '有管辖权的行政复议机关';
const DEFAULT_COURT = '有管辖权的人民法院';
const DEFAULT_PAYMENT = '凭本机关开具的政府非税收入缴款书缴入国库';
const DEFAULT_ACCESS = '上述政府信息随本告知书一并提供给您。';

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\r\n?/g, '\n').trim();
/** One line: line breaks become "；". */
const oneLine = (s: string | null | undefined): string =>
  clean(s)
    .split('\n')
    .map((l) => l.trim().replace(/[。；;，,]+$/u, ''))
    .filter(Boolean)
    .join('；');
/** A clause that the template follows with its own punctuation. */
const clause = (s: string | null | undefined): string => oneLine(s).replace(/[。；;，,.]+$/u, '');
/** A sentence: ends with a full stop (or the mark it has). */
const sentence = (s: string | null | undefined): string => {
  const t = clean(s);
  if (!t) return '';
  return /[。！？!?；;…）)”]$/u.test(t) ? t : `${t}。`;
};
const date = (d: LocalDate | null | undefined): string => (d ? formatDateZh(d) : BLANK);
const or = (s: string, fallback: string): string => s || fallback;

function money(amount: number): string {
  return Number.isInteger(amount) ? `${amount}元` : `${amount.toFixed(2)}元`;
}

/** 所需信息: “名称”（文号），描述 — whatever of it is known. */
function requestedInformation(ctx: LetterContext): string {
  const title = clause(ctx.infoTitle).replace(/^[“"《]+|[”"》]+$/gu, '');
  const docNo = clause(ctx.infoDocNo);
  const desc = clause(ctx.description);
  const named = title ? `“${title}”${docNo ? `（${docNo}）` : ''}` : docNo ? `文号为${docNo}的文件` : '';
  if (!named) return or(desc, BLANK);
  return desc && desc !== title ? `${named}，${desc}` : named;
}

function providedItems(items: readonly string[] | null | undefined): string {
  const list = (items ?? []).map((s) => clause(s)).filter(Boolean);
  if (list.length <= 1) return list[0] ?? '';
  return list.map((s, i) => `（${i + 1}）${s}`).join('；');
}

/** The value of every placeholder for one letter. */
export function letterValues(ctx: LetterContext, kind: LetterKind): Record<PlaceholderName, string> {
  const consultationKind = ctx.consultation?.kind ?? 'third_party';
  const ground = isResultCode(kind)
    ? replyResult(kind).ground
    : kind === 'consultation'
      ? CONSULTATION_GROUNDS[consultationKind]
      : PROCEDURE_GROUNDS[kind];
  const reasonRequired = isResultCode(kind) && replyResult(kind).reasonRequired;
  const refer = clause(ctx.referOrgan);
  const provides = isResultCode(kind) && replyResult(kind).provides;
  return {
    机关名称: or(clean(ctx.organName), BLANK),
    文号: clean(ctx.letterNo),
    日期: formatDateZh(ctx.letterDate),
    申请人: or(oneLine(ctx.applicantName), BLANK),
    申请编号: or(clean(ctx.requestNumber), BLANK),
    收到日期: date(ctx.receivedOn),
    所需信息: requestedInformation(ctx),
    答复类型: isResultCode(kind) ? replyResult(kind).short : PROCEDURE_LABELS[kind],
    法律依据: ground,
    答复理由: sentence(ctx.reason) || (reasonRequired ? `${BLANK}。` : ''),
    提供的信息: providedItems(ctx.provided),
    获取方式: sentence(ctx.access) || (provides ? DEFAULT_ACCESS : ''),
    负责机关: refer,
    负责机关说明: refer ? `该信息由${refer}负责公开，您可以向其提出申请。` : '',
    补正事项: or(clean(ctx.correction?.items), BLANK),
    补正告知日期: date(ctx.correction?.requestedOn),
    补正期限: date(ctx.correction?.dueOn),
    延长天数: ctx.extension ? String(ctx.extension.days) : BLANK,
    延期理由: or(clause(ctx.extension?.reason), BLANK),
    截止日期: date(kind === 'extension' ? (ctx.extension?.dueOn ?? ctx.dueOn) : ctx.dueOn),
    收费依据: ctx.fee ? FEE_BASIS_LABELS[ctx.fee.basis] : BLANK,
    收费金额: ctx.fee ? `人民币${money(ctx.fee.amount)}` : BLANK,
    // computeFee's explanation starts with the basis, which the notice states just above it.
    收费说明: or(sentence(ctx.fee?.explanation?.replace(/^\s*(按件计收|按量计收)[:：]\s*/u, '')), BLANK),
    收费通知日期: date(ctx.fee?.noticeOn),
    缴费期限: date(ctx.fee?.dueOn),
    缴费方式: or(clause(ctx.fee?.payment), DEFAULT_PAYMENT),
    征询对象: or(oneLine(ctx.consultation?.party), BLANK),
    征询事项: sentence(ctx.consultation?.matter) || CONSULTATION_MATTERS[consultationKind],
    征询期限: date(ctx.consultation?.dueOn),
    逾期后果: CONSULTATION_CONSEQUENCES[consultationKind],
    复议机关: or(clause(ctx.reconsiderationOrgan), DEFAULT_RECONSIDERATION),
    法院: or(clause(ctx.court), DEFAULT_COURT),
    联系方式: clause(ctx.contact),
  };
}

/** A letter filled in, ready to be laid out (or sent as text). */
export interface RenderedLetter {
  kind: LetterKind;
  organName: string;
  letterNo: string | null;
  title: string;
  /** The salutation (顶格), when the body starts with one. */
  addressee: string | null;
  paragraphs: string[];
  /** 成文日期, e.g. 2026年3月19日. */
  date: string;
  /** 附注 under the date, e.g. （联系人：李明，联系电话：0530-1234567）. */
  note: string | null;
}

/** A letter kind, or 'reply': the reply letter of the context's result. */
export type LetterChoice = LetterKind | 'reply';

/** The kind a choice stands for ('reply' → the context's result; without one, a 400). */
export function letterKindOf(ctx: Pick<LetterContext, 'result'>, choice: LetterChoice): LetterKind {
  if (choice !== 'reply') return choice;
  if (!ctx.result) throw badRequest('尚未确定答复类型，无法生成答复告知书', { field: 'result' });
  return ctx.result;
}

export function renderLetter(ctx: LetterContext, choice: LetterChoice, template?: LetterTemplate | null): RenderedLetter {
  const kind = letterKindOf(ctx, choice);
  const t = template ?? defaultTemplate(kind);
  const values = letterValues(ctx, kind);
  const title = renderTemplate(t.title, values).replace(/\s+/g, ' ').trim();
  const lines = renderTemplate(t.body, values)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let addressee: string | null = null;
  if (lines[0] && /[：:]$/u.test(lines[0]) && [...lines[0]].length <= 60) addressee = lines.shift()!;
  const contact = values.联系方式;
  const note = contact && !placeholdersOf(t.body).includes('联系方式') ? `（${contact.replace(/^[（(]|[）)]$/gu, '')}）` : null;
  return { kind, organName: values.机关名称, letterNo: values.文号 || null, title, addressee, paragraphs: lines, date: values.日期, note };
}

/** The letter as plain text (for e-mail, the portal, the request's record). */
export function letterText(letter: RenderedLetter): string {
  return [
    letter.organName,
    ...(letter.letterNo ? [letter.letterNo] : []),
    '',
    letter.title,
    '',
    ...(letter.addressee ? [letter.addressee] : []),
    ...letter.paragraphs.map((p) => `　　${p}`),
    '',
    letter.organName,
    letter.date,
    ...(letter.note ? [letter.note] : []),
  ].join('\n');
}

// ---- layout (shared by DOCX and PDF) --------------------------------------------------------------

const MM = 72 / 25.4;
/** GB/T 9704: 三号 body text, 22 lines on a 225 mm text block. */
const BODY_SIZE = 16;
const LINE = 29;
const TITLE_SIZE = 22;
const TITLE_LINE = 35;
const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
const TEXT_WIDTH = (PAGE.width - PAGE.left - PAGE.right) * MM;
const RED = 'FF0000';

/** Width in points at the body size: a Chinese character is one em, a digit or Latin letter half. */
function widthAtBody(s: string): number {
  return [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2e80 ? BODY_SIZE / 2 : BODY_SIZE), 0);
}

/** The organ's name in one line: as large as 36 pt, smaller for a long name. */
function organSize(name: string): number {
  const n = Math.max(1, [...name].length);
  return Math.max(20, Math.min(36, Math.floor((TEXT_WIDTH / (n * 1.08)) * 2) / 2));
}

/**
 * GB/T 9704 7.3.5.1 (a letter that is sealed): the date 右空四字, the organ's name centred over it; a
 * name much longer than the date starts 2 characters in and the date is centred under it. Points from
 * the right edge of the text block.
 */
function signatureIndents(organ: string, date: string): { organ: number; date: number } {
  const o = widthAtBody(organ);
  const d = widthAtBody(date);
  let dateRight = 4 * BODY_SIZE;
  let organRight = dateRight + (d - o) / 2;
  if (organRight < 2 * BODY_SIZE) {
    organRight = 2 * BODY_SIZE;
    dateRight = organRight + (o - d) / 2;
  }
  return { organ: organRight, date: dateRight };
}

// ---- DOCX -----------------------------------------------------------------------------------------

/** East Asian font names of the letter, as Chinese offices have them, and what Word/WPS fall back to. */
export interface LetterFonts {
  /** 小标宋: the organ's name and the title. */
  title: string;
  titleFallback: string;
  /** 仿宋: the text. */
  body: string;
  bodyFallback: string;
  /** 宋体: the page number. */
  footer: string;
  /** Latin letters and digits. */
  latin: string;
}

export const LETTER_FONTS: LetterFonts = {
  title: '方正小标宋简体',
  titleFallback: '宋体',
  body: '仿宋_GB2312',
  bodyFallback: '仿宋',
  footer: '宋体',
  latin: 'Times New Roman',
};

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * word/fontTable.xml naming every font with the fallback Word and WPS use when it is missing (w:altName),
 * its character set (86 = GB2312) and its classification.
 */
function fontTableXml(f: LetterFonts): string {
  const font = (name: string, o: { alt?: string; panose?: string; charset: string; family: string; pitch: string }) =>
    `<w:font w:name="${xmlEscape(name)}">${o.alt && o.alt !== name ? `<w:altName w:val="${xmlEscape(o.alt)}"/>` : ''}${o.panose ? `<w:panose1 w:val="${o.panose}"/>` : ''}<w:charset w:val="${o.charset}"/><w:family w:val="${o.family}"/><w:pitch w:val="${o.pitch}"/></w:font>`;
  const entries = new Map<string, string>();
  entries.set(f.latin, font(f.latin, { panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' }));
  entries.set(f.body, font(f.body, { alt: f.bodyFallback, panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' }));
  entries.set(f.title, font(f.title, { alt: f.titleFallback, charset: '86', family: 'auto', pitch: 'variable' }));
  if (!entries.has(f.footer)) entries.set(f.footer, font(f.footer, { alt: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' }));
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    [...entries.values()].join('') +
    '</w:fonts>'
  );
}

export interface LetterDocxOptions {
  /** Other font names (e.g. for a deployment that has only Noto CJK: 'Noto Serif CJK SC'). */
  fonts?: Partial<LetterFonts>;
}

/** The letter as a DOCX in the official-letter layout. */
export async function letterDocx(ctx: LetterContext, kind: LetterChoice, template?: LetterTemplate | null, options: LetterDocxOptions = {}): Promise<Uint8Array> {
  const letter = renderLetter(ctx, kind, template);
  const d = await import('docx');
  const fonts: LetterFonts = { ...LETTER_FONTS, ...options.fonts };
  const twip = (points: number) => Math.round(points * 20);
  // docx's convertMillimetersToTwip rounds down: A4 would come out 11905 × 16837 instead of Word's 11906 × 16838.
  const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
  const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
  const run = (text: string, o: { font?: string; size?: number; color?: string } = {}) =>
    new d.TextRun({
      text,
      // hint: quotation marks and dashes, which Chinese shares with Latin, take the Chinese font.
      font: { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.latin, eastAsia: o.font ?? fonts.body, hint: 'eastAsia' },
      size: Math.round((o.size ?? BODY_SIZE) * 2),
      ...(o.color ? { color: o.color } : {}),
      language,
    });
  const exact = (pitch: number, before = 0, after = 0) => ({ line: twip(pitch), lineRule: d.LineRuleType.EXACT, before: twip(before), after: twip(after) });
  const rule = { bottom: { style: d.BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 10 } };

  const children: DocxParagraph[] = [];
  const size = organSize(letter.organName);
  children.push(
    new d.Paragraph({
      alignment: d.AlignmentType.CENTER,
      spacing: exact(size * 1.1),
      ...(letter.letterNo ? {} : { border: rule }),
      children: [run(letter.organName, { font: fonts.title, size, color: RED })],
    }),
  );
  if (letter.letterNo) {
    children.push(new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: exact(LINE, LINE / 4), border: rule, children: [run(letter.letterNo)] }));
  }
  children.push(
    new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: exact(TITLE_LINE, LINE / 2, LINE), children: [run(letter.title, { font: fonts.title, size: TITLE_SIZE })] }),
  );
  if (letter.addressee) children.push(new d.Paragraph({ alignment: d.AlignmentType.JUSTIFIED, spacing: exact(LINE), children: [run(letter.addressee)] }));
  letter.paragraphs.forEach((p, i) => {
    // The last paragraph stays with the signature: a page with only the organ and date is not allowed.
    const last = i === letter.paragraphs.length - 1;
    children.push(new d.Paragraph({ alignment: d.AlignmentType.JUSTIFIED, spacing: exact(LINE), indent: { firstLine: twip(2 * BODY_SIZE) }, ...(last ? { keepNext: true } : {}), children: [run(p)] }));
  });
  const sig = signatureIndents(letter.organName, letter.date);
  children.push(new d.Paragraph({ alignment: d.AlignmentType.RIGHT, spacing: exact(LINE, LINE), indent: { right: twip(sig.organ) }, keepNext: true, children: [run(letter.organName)] }));
  children.push(new d.Paragraph({ alignment: d.AlignmentType.RIGHT, spacing: exact(LINE), indent: { right: twip(sig.date) }, ...(letter.note ? { keepNext: true } : {}), children: [run(letter.date)] }));
  if (letter.note) children.push(new d.Paragraph({ alignment: d.AlignmentType.LEFT, spacing: exact(LINE), indent: { firstLine: twip(2 * BODY_SIZE) }, children: [run(letter.note)] }));

  const footerRun = (c: string | (typeof d.PageNumber)[keyof typeof d.PageNumber]) =>
    new d.TextRun({ children: [c], font: { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia: fonts.footer, hint: 'eastAsia' }, size: 28, language });
  const doc = new d.Document({
    creator: letter.organName,
    title: letter.title,
    description: `${letter.title}（申请编号：${ctx.requestNumber}）`,
    styles: {
      default: {
        document: {
          run: { font: { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.latin, eastAsia: fonts.body }, size: BODY_SIZE * 2, language },
          paragraph: { spacing: { line: twip(LINE), lineRule: d.LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.width), height: mm(PAGE.height), orientation: d.PageOrientation.PORTRAIT },
            margin: { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right), header: mm(15), footer: mm(24) },
          },
        },
        footers: {
          default: new d.Footer({
            children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [footerRun('— '), footerRun(d.PageNumber.CURRENT), footerRun(' —')] })],
          }),
        },
        children,
      },
    ],
  });
  const buf = await d.Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }]);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

// ---- PDF ------------------------------------------------------------------------------------------

/** The letter as a PDF in the same layout, set in Noto Serif SC (src/modules/gazette/pdf.ts). */
export async function letterPdf(ctx: LetterContext, kind: LetterChoice, template?: LetterTemplate | null): Promise<Uint8Array> {
  const letter = renderLetter(ctx, kind, template);
  const full = await renderPdf(letterPdfModel(letter, ctx));
  // The organ and date never stand on a page without text (GB/T 9704 7.3.5). The renderer knows no
  // "keep with next", so compare with the text alone: when the signature needed a page of its own, close
  // the gap above it, or else take the last paragraph over with it.
  if (!letter.paragraphs.length) return full;
  const textPages = pageCount(await renderPdf(letterPdfModel(letter, ctx, { signature: false })));
  if (pageCount(full) <= textPages) return full;
  const tight = await renderPdf(letterPdfModel(letter, ctx, { signatureGap: LINE / 4 }));
  if (pageCount(tight) <= textPages) return tight;
  return renderPdf(letterPdfModel(letter, ctx, { breakBeforeLast: true }));
}

/** Pages of a PDF written by PDFKit (its page objects are not compressed). */
function pageCount(pdf: Uint8Array): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

const EM_SPACE = '\u3000';
/** Right indent in points as trailing ideographic spaces (the renderer aligns right by measured width). */
const rightPad = (points: number) => EM_SPACE.repeat(Math.max(0, Math.round(points / BODY_SIZE)));

export interface LetterPdfLayout {
  /** Space above the organ's name (default one line). */
  signatureGap?: number;
  /** Start the last paragraph on a new page (so that the signature has text above it). */
  breakBeforeLast?: boolean;
  /** false: the text alone, without signature and note (to see where it ends). */
  signature?: boolean;
}

export function letterPdfModel(letter: RenderedLetter, ctx: Pick<LetterContext, 'letterDate' | 'requestNumber'>, layout: LetterPdfLayout = {}): PdfDocumentModel {
  const pitch = LINE / BODY_SIZE;
  const text = { size: BODY_SIZE, lineHeight: pitch, spaceBefore: 0, spaceAfter: 0 } as const;
  const red = `#${RED}`;
  const size = organSize(letter.organName);
  const body: Block[] = [
    { kind: 'paragraph', text: letter.organName, ...text, size, lineHeight: 1.1, bold: true, color: red, align: 'center', indent: 0 },
  ];
  if (letter.letterNo) body.push({ kind: 'paragraph', text: letter.letterNo, ...text, align: 'center', indent: 0, spaceBefore: LINE / 4 });
  body.push({ kind: 'rule', color: red, thickness: 2.25, spaceBefore: 8, spaceAfter: 1.5 });
  body.push({ kind: 'rule', color: red, thickness: 0.75, spaceBefore: 0.01, spaceAfter: 0.01 });
  body.push({ kind: 'spacer', height: LINE / 2 });
  body.push({ kind: 'heading', level: 2, text: letter.title, size: TITLE_SIZE, bold: true, align: 'center', lineHeight: TITLE_LINE / TITLE_SIZE, spaceBefore: 0, spaceAfter: LINE });
  if (letter.addressee) body.push({ kind: 'paragraph', text: letter.addressee, ...text, align: 'left', indent: 0 });
  letter.paragraphs.forEach((p, i) => {
    if (layout.breakBeforeLast && i > 0 && i === letter.paragraphs.length - 1) body.push({ kind: 'pageBreak' });
    body.push({ kind: 'paragraph', text: p, ...text, align: 'justify', indent: 2 });
  });
  if (layout.signature !== false) {
    const sig = signatureIndents(letter.organName, letter.date);
    body.push({ kind: 'spacer', height: layout.signatureGap ?? LINE });
    body.push({ kind: 'paragraph', text: letter.organName + rightPad(sig.organ), ...text, align: 'right', indent: 0 });
    body.push({ kind: 'paragraph', text: letter.date + rightPad(sig.date), ...text, align: 'right', indent: 0 });
    if (letter.note) body.push({ kind: 'paragraph', text: letter.note, ...text, align: 'left', indent: 2 });
  }
  return {
    info: {
      title: letter.title,
      author: letter.organName,
      subject: `申请编号：${ctx.requestNumber}`,
      // The same letter gives the same bytes.
      createdAt: new Date(`${ctx.letterDate}T00:00:00+08:00`),
    },
    margins: { top: PAGE.top * MM, right: PAGE.right * MM, bottom: PAGE.bottom * MM, left: PAGE.left * MM },
    body,
  };
}

// ---- the tenant's templates -----------------------------------------------------------------------

export interface LetterTemplateView extends LetterTemplate {
  kind: LetterKind;
  label: string;
  /** The tenant's own wording (else the built-in one). */
  custom: boolean;
  /** 0 for the built-in wording: saving it the first time names version 0. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The built-in wording, to compare with or return to. */
  builtIn: LetterTemplate;
  /** What this wording leaves out (templateWarnings); none for the built-in ones. */
  warnings: string[];
}

type TemplateRow = typeof requestLetterTemplates.$inferSelect;

function templateView(kind: LetterKind, row: TemplateRow | undefined): LetterTemplateView {
  const builtIn = defaultTemplate(kind);
  return {
    kind,
    label: LETTER_KIND_LABELS[kind],
    title: row?.title ?? builtIn.title,
    body: row?.body ?? builtIn.body,
    custom: !!row,
    version: row?.version ?? 0,
    updatedAt: row ? row.updatedAt.toISOString() : null,
    updatedBy: row?.updatedBy ?? null,
    builtIn,
    warnings: row ? templateWarnings(kind, row.body) : [],
  };
}

function requireKind(kind: string): LetterKind {
  if (!isLetterKind(kind)) throw badRequest(`未知的告知书类型：${kind}`, { field: 'kind' });
  return kind;
}

/** Every letter of the tenant: its own wording where it has one, else the built-in one. */
export async function getTemplates(exec: Executor, tenantId: string): Promise<LetterTemplateView[]> {
  const rows = await exec.select().from(requestLetterTemplates).where(eq(requestLetterTemplates.tenantId, tenantId));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return LETTER_KINDS.map((k) => templateView(k, byKind.get(k)));
}

/** The wording a letter is written with: the tenant's, else the built-in one. */
export async function templateFor(exec: Executor, tenantId: string, kind: LetterKind): Promise<LetterTemplate> {
  const [row] = await exec
    .select({ title: requestLetterTemplates.title, body: requestLetterTemplates.body })
    .from(requestLetterTemplates)
    .where(and(eq(requestLetterTemplates.tenantId, tenantId), eq(requestLetterTemplates.kind, kind)));
  return row ?? defaultTemplate(kind);
}

const MAX_TITLE = 60;
const MAX_BODY = 20_000;

function normaliseBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/u, ''))
    .join('\n')
    .trim();
}

/** Refuses a title or body a letter cannot be written from, naming the field and every problem. */
function assertTemplate(title: string, body: string): void {
  if (!title) throw badRequest('请填写告知书标题', { field: 'title' });
  if ([...title].length > MAX_TITLE) throw badRequest(`标题过长（最多${MAX_TITLE}字）`, { field: 'title' });
  if (title.includes('\n')) throw badRequest('标题不能分行', { field: 'title' });
  const titleProblems = templateProblems(title);
  if (titleProblems.length) throw badRequest(`标题有误：${titleProblems.join('；')}`, { field: 'title', problems: titleProblems });
  if (!body) throw badRequest('请填写告知书正文', { field: 'body' });
  if (body.length > MAX_BODY) throw badRequest(`正文过长（最多${MAX_BODY}字）`, { field: 'body' });
  const problems = templateProblems(body);
  if (problems.length) throw badRequest(`正文有误：${problems.join('；')}`, { field: 'body', problems });
}

async function assertManager(exec: Executor, caller: Caller): Promise<void> {
  const root = await rootOf(exec, caller.actor.tenantId);
  assertCan(caller, 'requests.manage', root, root.name);
}

/**
 * Saves the tenant's wording of a letter. `version` is the one the editor read (0 for the built-in
 * wording); a template saved since is refused (staleVersion).
 */
export async function saveTemplate(
  exec: Executor,
  caller: Caller,
  kind: string,
  input: { title: string; body: string; version: number },
): Promise<LetterTemplateView> {
  const k = requireKind(kind);
  const tenantId = caller.actor.tenantId;
  const label = LETTER_KIND_LABELS[k];
  return exec.transaction(async (tx) => {
    await assertManager(tx, caller);
    const title = String(input.title ?? '').trim();
    const body = normaliseBody(String(input.body ?? ''));
    assertTemplate(title, body);
    if (!Number.isInteger(input.version) || input.version < 0) throw badRequest('版本号无效', { field: 'version' });
    const where = and(eq(requestLetterTemplates.tenantId, tenantId), eq(requestLetterTemplates.kind, k));
    const [before] = await tx.select().from(requestLetterTemplates).where(where);
    if ((before?.version ?? 0) !== input.version) throw staleVersion(`告知书模板「${label}」`);
    const updatedBy = caller.actor.userId;
    const [row] = before
      ? await tx
          .update(requestLetterTemplates)
          .set({ title, body, version: before.version + 1, updatedBy, updatedAt: new Date() })
          .where(and(where, eq(requestLetterTemplates.version, before.version)))
          .returning()
      : await tx.insert(requestLetterTemplates).values({ tenantId, kind: k, title, body, version: 1, updatedBy }).onConflictDoNothing().returning();
    if (!row) throw staleVersion(`告知书模板「${label}」`);
    await recordAudit(tx, caller.actor, {
      action: 'request_template.save',
      entityType: 'request_letter_template',
      entityId: k,
      summary: `修改告知书模板「${label}」`,
      before: before ? { title: before.title, body: before.body, version: before.version } : { builtIn: true },
      after: { title: row.title, body: row.body, version: row.version },
    });
    return templateView(k, row);
  });
}

/**
 * Returns a letter to the built-in wording (deletes the tenant's). With `version`, refuses when the
 * tenant's wording was saved since it was read.
 */
export async function resetTemplate(exec: Executor, caller: Caller, kind: string, version?: number): Promise<LetterTemplateView> {
  const k = requireKind(kind);
  const tenantId = caller.actor.tenantId;
  const label = LETTER_KIND_LABELS[k];
  return exec.transaction(async (tx) => {
    await assertManager(tx, caller);
    const where = and(eq(requestLetterTemplates.tenantId, tenantId), eq(requestLetterTemplates.kind, k));
    const [before] = await tx.select().from(requestLetterTemplates).where(where);
    if (!before) {
      if (version !== undefined && version !== 0) throw staleVersion(`告知书模板「${label}」`);
      return templateView(k, undefined);
    }
    if (version !== undefined && version !== before.version) throw staleVersion(`告知书模板「${label}」`);
    const deleted = await tx
      .delete(requestLetterTemplates)
      .where(and(where, eq(requestLetterTemplates.version, before.version)))
      .returning({ kind: requestLetterTemplates.kind });
    if (!deleted.length) throw staleVersion(`告知书模板「${label}」`);
    await recordAudit(tx, caller.actor, {
      action: 'request_template.reset',
      entityType: 'request_letter_template',
      entityId: k,
      summary: `告知书模板「${label}」恢复为内置模板`,
      before: { title: before.title, body: before.body, version: before.version },
      after: { builtIn: true },
    });
    return templateView(k, undefined);
  });
}
