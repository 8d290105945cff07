// 体裁 (genre) of a record. A normative document (行政规范性文件) carries a validity (有效性).

export const GENRES = [
  'notice',
  'decision',
  'opinion',
  'plan',
  'normative_document',
  'rule',
  'report',
  'statistics',
  'budget',
  'announcement',
  'reply',
  'letter',
  'meeting_minutes',
  'personnel',
  'other',
] as const;
export type Genre = (typeof GENRES)[number];

export const GENRE_LABELS: Record<Genre, string> = {
  notice: '通知',
  decision: '决定',
  opinion: '意见',
  plan: '规划计划',
  normative_document: '行政规范性文件',
  rule: '规章',
  report: '工作报告总结',
  statistics: '统计信息',
  budget: '财政预决算',
  announcement: '公告公示',
  reply: '批复',
  letter: '函',
  meeting_minutes: '会议纪要',
  personnel: '人事信息',
  other: '其他',
};

/** Genres whose documents have a validity (有效性) to maintain: normative documents and rules. */
export function hasValidity(genre: Genre): boolean {
  return genre === 'normative_document' || genre === 'rule';
}

/** Default topics (主题分类), in the customary classification of government portals; tenants may add. */
export const DEFAULT_TOPICS = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '港澳台侨工作',
  '国防',
  '其他',
] as const;
