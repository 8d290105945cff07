// The text of the report: a preamble and sections 一、五、六, edited per report and started from last year's
// text. Key figures are offered for insertion as placeholders ({{本年新收申请数}}) that are filled in from
// the report's own figures whenever the report is shown, exported or published, so the text never
// contradicts the tables. A placeholder nobody knows, or text still marked 请填写, fails the checks.
import { RESULT_CODES, replyResult, type ResultGroup } from '../requests/results.ts';
import type { CheckFinding } from './checks.ts';
import { SECTION_HEADINGS_2021 } from './format.ts';
import type { ReportFigures } from './model.ts';

export const NARRATIVE_KEYS = ['preamble', 'overview', 'problems', 'other'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export type Narrative = Record<NarrativeKey, string>;

export const NARRATIVE_LABELS: Record<NarrativeKey, string> = {
  preamble: '前言',
  overview: SECTION_HEADINGS_2021.overview,
  problems: SECTION_HEADINGS_2021.problems,
  other: SECTION_HEADINGS_2021.other,
};

const SECTION_OF: Record<NarrativeKey, string> = { preamble: '前言', overview: '一', problems: '五', other: '六' };

/** What the text is about: the organ and the year. */
export interface NarrativeContext {
  year: number;
  organName: string;
  /** The report of a government (Art. 50(四): 工作考核、社会评议和责任追究结果 belong in it). */
  government: boolean;
}

export interface Placeholder {
  /** The name written between the braces. */
  name: string;
  /** {{name}}: what the console inserts. */
  placeholder: string;
  /** The value as it will read in the text. */
  value: string;
  /** Where the figure comes from, e.g. 第三部分表格「一、本年新收政府信息公开申请数量」行「总计」列. */
  source: string;
}

const fmtYuan = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const fmtWan = (n: number) => String(Math.round(n * 10000) / 10000);

function groupTotal(f: ReportFigures, group: ResultGroup): number {
  return RESULT_CODES.filter((c) => replyResult(c).group === group).reduce((n, c) => n + f.section3.results[c].total, 0);
}

/** The figures a writer may insert, with their current values. */
export function placeholders(f: ReportFigures, ctx: NarrativeContext): Placeholder[] {
  const s3 = f.section3;
  const s4 = f.section4;
  const p = (name: string, value: string | number, source: string): Placeholder => ({ name, placeholder: `{{${name}}}`, value: String(value), source });
  const t3 = (row: string) => `第三部分表格「${row}」行「总计」列`;
  const list: Placeholder[] = [
    p('报告年度', ctx.year, '报告的统计年度'),
    p('单位名称', ctx.organName, '报告机关'),
    p('本年新收申请数', s3.newThisYear.total, t3('一、本年新收政府信息公开申请数量')),
    p('上年结转申请数', s3.carriedOver.total, t3('二、上年结转政府信息公开申请数量')),
    p('本年办结申请数', s3.resultsTotal.total, t3('（七）总计')),
    p('结转下年申请数', s3.carriedForward.total, t3('四、结转下年度继续办理')),
    p('自然人申请数', s3.newThisYear.natural_person, '第三部分表格「一、本年新收政府信息公开申请数量」行「自然人」列'),
    p('法人或其他组织申请数', s3.newThisYear.total - s3.newThisYear.natural_person, '第三部分表格「一、本年新收政府信息公开申请数量」行「法人或其他组织」各列之和'),
    p('予以公开数', groupTotal(f, 'disclosed'), t3('（一）予以公开')),
    p('部分公开数', groupTotal(f, 'partial'), t3('（二）部分公开')),
    p('不予公开数', groupTotal(f, 'withheld'), t3('（三）不予公开') + '（各项之和）'),
    p('无法提供数', groupTotal(f, 'unable'), t3('（四）无法提供') + '（各项之和）'),
    p('不予处理数', groupTotal(f, 'not_processed'), t3('（五）不予处理') + '（各项之和）'),
    p('其他处理数', groupTotal(f, 'other'), t3('（六）其他处理') + '（各项之和）'),
    p('行政复议数', s4.reconsideration.total, '第四部分表格「行政复议」「总计」'),
    p('复议纠正数', s4.reconsideration.corrected, '第四部分表格「行政复议」「结果纠正」'),
    p('行政诉讼数', s4.litigation.total + s4.litigationAfterReconsideration.total, '第四部分表格「行政诉讼」两个「总计」之和'),
    p('诉讼纠正数', s4.litigation.corrected + s4.litigationAfterReconsideration.corrected, '第四部分表格「行政诉讼」两个「结果纠正」之和'),
  ];
  if (f.format === '2021') {
    const s2 = f.section2;
    list.push(
      p('本年制发规章数', s2.rules.issued, '第二部分表格「规章」行「本年制发件数」'),
      p('本年制发规范性文件数', s2.normativeDocuments.issued, '第二部分表格「行政规范性文件」行「本年制发件数」'),
      p('本年废止规范性文件数', s2.normativeDocuments.repealed, '第二部分表格「行政规范性文件」行「本年废止件数」'),
      p('现行有效规范性文件数', s2.normativeDocuments.valid, '第二部分表格「行政规范性文件」行「现行有效件数」'),
      p('行政许可决定数', s2.licensing, '第二部分表格「行政许可」行「本年处理决定数量」'),
      p('行政处罚决定数', s2.penalty, '第二部分表格「行政处罚」行「本年处理决定数量」'),
      p('行政强制决定数', s2.enforcement, '第二部分表格「行政强制」行「本年处理决定数量」'),
      p('行政事业性收费金额', fmtWan(s2.feesWan), '第二部分表格「行政事业性收费」行「本年收费金额（单位：万元）」'),
    );
  }
  if (f.fees) {
    list.push(p('信息处理费', fmtYuan(f.fees.amountYuan), '本年实际收取的信息处理费（元），按缴费日期统计'), p('收费申请数', f.fees.requests, '本年缴纳信息处理费的申请件数'));
  }
  return list;
}

const PLACEHOLDER = /\{\{\s*([^{}]{1,40}?)\s*\}\}/g;

/** The text with every known placeholder replaced by its value (unknown ones are left as they are). */
export function fillPlaceholders(text: string, list: readonly Placeholder[]): string {
  const values = new Map(list.map((p) => [p.name, p.value]));
  return text.replace(PLACEHOLDER, (m, name: string) => values.get(name.trim()) ?? m);
}

/** Paragraphs of a section's text: one per line, blank lines dropped, the typed indent removed. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, ''))
    .filter(Boolean);
}

/** A paragraph that is a sub-heading of its section: （一）主动公开, or 一、… inside a section. */
export function isSubheading(p: string): boolean {
  return /^（[一二三四五六七八九十]+）\S{1,30}$/u.test(p) && !/[。；，]/u.test(p);
}

export const TODO_MARK = '（请填写';

export function narrativeFindings(n: Narrative, list: readonly Placeholder[]): CheckFinding[] {
  const known = new Set(list.map((p) => p.name));
  const out: CheckFinding[] = [];
  for (const key of NARRATIVE_KEYS) {
    const text = n[key] ?? '';
    const where = key === 'preamble' ? '前言' : `第${SECTION_OF[key]}部分「${NARRATIVE_LABELS[key].slice(2)}」`;
    if (key !== 'preamble' && !paragraphs(text).length) {
      out.push({ code: 'NARRATIVE_EMPTY', section: SECTION_OF[key], cell: where, message: `${where}还没有内容` });
      continue;
    }
    if (text.includes(TODO_MARK)) out.push({ code: 'NARRATIVE_TODO', section: SECTION_OF[key], cell: where, message: `${where}还有标注“请填写”的内容没有写完` });
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1]!.trim();
      if (!known.has(name)) out.push({ code: 'NARRATIVE_PLACEHOLDER', section: SECTION_OF[key], cell: where, message: `${where}中的“${m[0]}”不是可插入的数据项（可用的见“插入数据”列表）` });
    }
  }
  return out;
}

/** The text a report starts from when there is no report of last year to start from. */
export function defaultNarrative(ctx: NarrativeContext): Narrative {
  const supervision = ctx.government
    ? '（五）监督保障\n{{报告年度}}年，将政府信息公开工作纳入年度绩效考核，（请填写工作考核、社会评议和责任追究结果情况）。'
    : '（五）监督保障\n{{报告年度}}年，（请填写政府信息公开工作的组织领导、制度建设、培训和监督检查情况）。';
  return {
    preamble:
      '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{{报告年度}}年1月1日起至{{报告年度}}年12月31日止。',
    overview: [
      '{{报告年度}}年，{{单位名称}}认真贯彻落实《条例》，坚持以公开为常态、不公开为例外，（请填写总体工作情况）。',
      '（一）主动公开',
      '{{报告年度}}年，本年制发规范性文件{{本年制发规范性文件数}}件，现行有效规范性文件{{现行有效规范性文件数}}件，（请填写主动公开政府信息的数量、重点领域和渠道）。',
      '（二）依申请公开',
      '{{报告年度}}年，共收到政府信息公开申请{{本年新收申请数}}件，上年结转{{上年结转申请数}}件；办结{{本年办结申请数}}件，其中予以公开{{予以公开数}}件，部分公开{{部分公开数}}件，不予公开{{不予公开数}}件，无法提供{{无法提供数}}件，不予处理{{不予处理数}}件，其他处理{{其他处理数}}件；结转下年度继续办理{{结转下年申请数}}件。因政府信息公开被申请行政复议{{行政复议数}}件，被提起行政诉讼{{行政诉讼数}}件。',
      '（三）政府信息管理',
      '（请填写公开属性源头认定、发布前审查、规范性文件清理等情况）。',
      '（四）政府信息公开平台建设',
      '（请填写政府网站、政务新媒体、政府公报、政务公开专区等平台建设情况）。',
      supervision,
    ].join('\n'),
    problems: ['（一）存在的主要问题', '（请填写）。', '（二）改进情况', '（请填写）。'].join('\n'),
    other: [
      '（一）信息处理费收取情况',
      '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{{报告年度}}年共收取信息处理费{{信息处理费}}元（{{收费申请数}}件申请）。',
      '（二）落实上级年度政务公开工作要点情况',
      '（请填写）。',
      '（三）人大代表建议和政协提案办理结果公开情况',
      '（请填写）。',
      '（四）年度政务公开工作创新情况',
      '（请填写）。',
    ].join('\n'),
  };
}
