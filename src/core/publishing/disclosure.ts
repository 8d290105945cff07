// 公开属性 (disclosure attribute), decided at the source when a record is drafted (源头认定). A record that is
// not proactively disclosed must cite its legal ground in the regulation (《政府信息公开条例》Arts. 14–16).

export const ATTRIBUTES = ['proactive', 'on_request', 'withheld'] as const;
export type DisclosureAttribute = (typeof ATTRIBUTES)[number];

export const ATTRIBUTE_LABELS: Record<DisclosureAttribute, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

export interface LegalGround {
  code: string;
  article: string;
  label: string;
}

/** The grounds of Arts. 14, 15 and 16, item by item (rules/regulation.md §1.4). */
export const LEGAL_GROUNDS: readonly LegalGround[] = [
  { code: 'art14-secret', article: '第十四条', label: '依法确定为国家秘密的政府信息' },
  { code: 'art14-prohibited', article: '第十四条', label: '法律、行政法规禁止公开的政府信息' },
  { code: 'art14-security', article: '第十四条', label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息' },
  { code: 'art15-trade-secret', article: '第十五条', label: '涉及商业秘密，公开会对第三方合法权益造成损害的政府信息' },
  { code: 'art15-privacy', article: '第十五条', label: '涉及个人隐私，公开会对第三方合法权益造成损害的政府信息' },
  { code: 'art16-internal', article: '第十六条第一款', label: '内部事务信息（人事管理、后勤管理、内部工作流程等）' },
  { code: 'art16-process', article: '第十六条第二款', label: '过程性信息（讨论记录、过程稿、磋商信函、请示报告等）' },
  { code: 'art16-enforcement', article: '第十六条第二款', label: '行政执法案卷信息' },
];

export function groundByCode(code: string): LegalGround | undefined {
  return LEGAL_GROUNDS.find((g) => g.code === code);
}

export function groundText(code: string): string {
  const g = groundByCode(code);
  return g ? `《政府信息公开条例》${g.article}：${g.label}` : code;
}

/** Problems with an attribute and its ground, as Chinese messages naming the field. */
export function attributeProblem(attribute: DisclosureAttribute, groundCode: string | null | undefined): string | null {
  if (attribute === 'proactive') return groundCode ? '主动公开的信息不需要选择不予主动公开的法律依据（公开属性依据）' : null;
  if (!groundCode) return `公开属性为“${ATTRIBUTE_LABELS[attribute]}”时，必须选择法律依据（条例第十四、十五、十六条）`;
  if (!groundByCode(groundCode)) return `公开属性依据“${groundCode}”不是条例第十四、十五、十六条中的一项`;
  return null;
}
