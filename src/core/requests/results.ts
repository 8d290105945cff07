// The reply to a disclosure request (答复) is one of exactly the result rows of the annual report's request
// table (国办公开办函〔2021〕30号, rules/annual-report.md §2.3): 予以公开, 部分公开, 不予公开 with its 8
// reasons, 无法提供 with 3, 不予处理 with 5, 其他处理 with 3. Each carries the article of the regulation
// (《中华人民共和国政府信息公开条例》, 2019) it rests on; the mapping from articles to rows is the reasoned one
// of rules/regulation.md §1.8, kept here as data. Labels are the table's own, verbatim.

export const RESULT_GROUPS = ['disclosed', 'partial', 'withheld', 'unable', 'not_processed', 'other'] as const;
export type ResultGroup = (typeof RESULT_GROUPS)[number];

/** The group rows of the table, verbatim. */
export const RESULT_GROUP_LABELS: Record<ResultGroup, string> = {
  disclosed: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld: '（三）不予公开',
  unable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
};

export interface ReplyResult {
  code: string;
  group: ResultGroup;
  /** The row's label in the table, verbatim (for a group without sub-rows, the group's label). */
  label: string;
  /** A short name for lists and letters. */
  short: string;
  /** The legal ground, cited in the reply letter. */
  ground: string;
  /** Information is provided to the applicant with this reply (in full or in part). */
  provides: boolean;
  /** The reply must give the applicant the reasons (Arts. 36(三)(五), 37). */
  reasonRequired: boolean;
  /** Chosen by the system, not by a handler (a deemed abandonment, a withdrawal). */
  systemOnly?: boolean;
}

export const REPLY_RESULTS = [
  { code: 'disclosed', group: 'disclosed', label: '（一）予以公开', short: '予以公开', ground: '《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项', provides: true, reasonRequired: false },
  { code: 'partial', group: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '部分公开', ground: '《中华人民共和国政府信息公开条例》第三十七条', provides: true, reasonRequired: true },
  { code: 'withheld.state_secret', group: 'withheld', label: '1.属于国家秘密', short: '不予公开（属于国家秘密）', ground: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.law_prohibited', group: 'withheld', label: '2.其他法律行政法规禁止公开', short: '不予公开（法律行政法规禁止公开）', ground: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.security_stability', group: 'withheld', label: '3.危及“三安全一稳定”', short: '不予公开（危及“三安全一稳定”）', ground: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.third_party', group: 'withheld', label: '4.保护第三方合法权益', short: '不予公开（保护第三方合法权益）', ground: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.internal_affairs', group: 'withheld', label: '5.属于三类内部事务信息', short: '不予公开（内部事务信息）', ground: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.process_info', group: 'withheld', label: '6.属于四类过程性信息', short: '不予公开（过程性信息）', ground: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.enforcement_files', group: 'withheld', label: '7.属于行政执法案卷', short: '不予公开（行政执法案卷信息）', ground: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项', provides: false, reasonRequired: true },
  { code: 'withheld.administrative_query', group: 'withheld', label: '8.属于行政查询事项', short: '不予公开（属于行政查询事项）', ground: '《中华人民共和国政府信息公开条例》第三十六条第（七）项', provides: false, reasonRequired: true },
  { code: 'unable.not_held', group: 'unable', label: '1.本机关不掌握相关政府信息', short: '无法提供（本机关不掌握）', ground: '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项', provides: false, reasonRequired: true },
  { code: 'unable.needs_creation', group: 'unable', label: '2.没有现成信息需要另行制作', short: '无法提供（需另行制作）', ground: '《中华人民共和国政府信息公开条例》第三十八条', provides: false, reasonRequired: true },
  { code: 'unable.unclear_after_correction', group: 'unable', label: '3.补正后申请内容仍不明确', short: '无法提供（补正后仍不明确）', ground: '《中华人民共和国政府信息公开条例》第三十条', provides: false, reasonRequired: true },
  { code: 'not_processed.petition', group: 'not_processed', label: '1.信访举报投诉类申请', short: '不予处理（信访举报投诉类申请）', ground: '《中华人民共和国政府信息公开条例》第三十九条第一款', provides: false, reasonRequired: true },
  { code: 'not_processed.repeat', group: 'not_processed', label: '2.重复申请', short: '不予处理（重复申请）', ground: '《中华人民共和国政府信息公开条例》第三十六条第（六）项', provides: false, reasonRequired: true },
  { code: 'not_processed.publication', group: 'not_processed', label: '3.要求提供公开出版物', short: '不予处理（要求提供公开出版物）', ground: '《中华人民共和国政府信息公开条例》第三十九条第二款', provides: false, reasonRequired: true },
  { code: 'not_processed.excessive', group: 'not_processed', label: '4.无正当理由大量反复申请', short: '不予处理（无正当理由大量反复申请）', ground: '《中华人民共和国政府信息公开条例》第三十五条', provides: false, reasonRequired: true },
  { code: 'not_processed.confirm_obtained', group: 'not_processed', label: '5.要求行政机关确认或重新出具已获取信息', short: '不予处理（要求确认或重新出具已获取信息）', ground: '《中华人民共和国政府信息公开条例》第三十六条、第三十八条', provides: false, reasonRequired: true },
  { code: 'other.no_correction', group: 'other', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', short: '逾期不补正，不再处理', ground: '《中华人民共和国政府信息公开条例》第三十条', provides: false, reasonRequired: false, systemOnly: true },
  { code: 'other.fee_unpaid', group: 'other', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', short: '逾期未缴费，不再处理', ground: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', provides: false, reasonRequired: false, systemOnly: true },
  { code: 'other.other', group: 'other', label: '3.其他', short: '其他处理', ground: '《中华人民共和国政府信息公开条例》', provides: false, reasonRequired: true },
] as const satisfies readonly ReplyResult[];

export type ResultCode = (typeof REPLY_RESULTS)[number]['code'];
export const RESULT_CODES = REPLY_RESULTS.map((r) => r.code) as ResultCode[];

const BY_CODE = new Map<string, ReplyResult>(REPLY_RESULTS.map((r) => [r.code, r]));

export function isResultCode(v: unknown): v is ResultCode {
  return typeof v === 'string' && BY_CODE.has(v);
}

export function replyResult(code: ResultCode): ReplyResult {
  return BY_CODE.get(code)!;
}

/** Results a handler may choose in a reply (the system ones come from deemed abandonment and the fee rule). */
export const HANDLER_RESULTS = REPLY_RESULTS.filter((r) => !('systemOnly' in r && r.systemOnly)).map((r) => r.code) as ResultCode[];
