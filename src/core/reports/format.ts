// The statutory annual report (政府信息公开工作年度报告) in its official format: 国办公开办函〔2021〕30号 for
// reports on 2021 and later, and the older layout of the 2019 and 2020 reports (rules/annual-report.md §2).
// Every heading, row and column label here is the template's own, verbatim; the request table's result
// rows are those of src/core/requests/results.ts (the reply types are the table's rows).
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, type ApplicantType } from '../requests/applicant.ts';

export const REPORT_FORMATS = ['2021', '2019'] as const;
/** '2021': 国办公开办函〔2021〕30号 (reports on 2021 and later); '2019': the layout of the 2019 and 2020 reports. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FORMAT_LABELS: Record<ReportFormat, string> = {
  '2021': '2021年格式（国办公开办函〔2021〕30号，适用于2021年度及以后的报告）',
  '2019': '2019年格式（适用于2019、2020年度的报告）',
};

/** The format a report on a year is written in. */
export function formatForYear(year: number): ReportFormat {
  return year >= 2021 ? '2021' : '2019';
}

export const SECTION_KEYS = ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** The six headings, exactly as used in 2021+ reports (§2.1). */
export const SECTION_HEADINGS_2021: Record<SectionKey, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

/** The 2019 layout differs in the heading of section 五 (§2.6). */
export const SECTION_HEADINGS_2019: Record<SectionKey, string> = {
  ...SECTION_HEADINGS_2021,
  problems: '五、政府信息公开工作存在的主要问题及改进情况',
};

export function sectionHeadings(format: ReportFormat): Record<SectionKey, string> {
  return format === '2021' ? SECTION_HEADINGS_2021 : SECTION_HEADINGS_2019;
}

// ---- section 二 ---------------------------------------------------------------------------------------

export const ITEM_LABEL = '信息内容';

/** Section 二, 2021 format (§2.2). */
export const S2_2021 = {
  item1: '第二十条第（一）项',
  item5: '第二十条第（五）项',
  item6: '第二十条第（六）项',
  item8: '第二十条第（八）项',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  valid: '现行有效件数',
  decisions: '本年处理决定数量',
  feeAmount: '本年收费金额（单位：万元）',
  rules: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
} as const;

/** Section 二, 2019 layout (§2.6). */
export const S2_2019 = {
  item1: '第二十条第（一）项',
  item5: '第二十条第（五）项',
  item6: '第二十条第（六）项',
  item8: '第二十条第（八）项',
  item9: '第二十条第（九）项',
  made: '本年新制作数量',
  published: '本年新公开数量',
  total: '对外公开总数量',
  previous: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  procurementCount: '采购项目数量',
  procurementAmount: '采购总金额',
  rules: '规章',
  normativeDocuments: '规范性文件',
  licensing: '行政许可',
  otherServices: '其他对外管理服务事项',
  penalty: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
} as const;

// ---- section 三 ---------------------------------------------------------------------------------------

/** The top-left cell of the request table (3 columns × 3 rows). */
export const S3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const S3 = {
  applicants: '申请人情况',
  naturalPerson: '自然人',
  organisations: '法人或其他组织',
  total: '总计',
  newThisYear: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  results: '三、本年度办理结果',
  resultsTotal: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
} as const;

export type CountColumn = ApplicantType | 'total';
/** The seven number columns of the request table, in order. */
export const COUNT_COLUMNS: readonly CountColumn[] = [...APPLICANT_TYPES, 'total'];

/** The column's label, verbatim (法人或其他组织's five sub-columns by their own names). */
export function columnLabel(c: CountColumn): string {
  return c === 'total' ? S3.total : APPLICANT_TYPE_LABELS[c];
}

/** A column named for a message: 其他 is ambiguous alone, so the organisations' columns say whose they are. */
export function columnName(c: CountColumn): string {
  if (c === 'total') return '「总计」列';
  if (c === 'natural_person') return '「自然人」列';
  return `「法人或其他组织—${APPLICANT_TYPE_LABELS[c]}」列`;
}

// ---- section 四 ---------------------------------------------------------------------------------------

export const APPEAL_KINDS = ['reconsideration', 'litigation', 'litigationAfterReconsideration'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_CELLS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type AppealCell = (typeof APPEAL_CELLS)[number];

export const S4 = {
  reconsideration: '行政复议',
  litigationGroup: '行政诉讼',
  litigation: '未经复议直接起诉',
  litigationAfterReconsideration: '复议后起诉',
} as const;

export const APPEAL_CELL_LABELS: Record<AppealCell, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

/** 「行政复议」, 「行政诉讼—未经复议直接起诉」, 「行政诉讼—复议后起诉」. */
export function appealGroupName(k: AppealKind): string {
  return k === 'reconsideration' ? `「${S4.reconsideration}」` : `「${S4.litigationGroup}—${S4[k]}」`;
}
