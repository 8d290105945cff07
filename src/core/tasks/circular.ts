// 通报: the circular the open-government office sends round on how the year's tasks are going, naming the
// units that are late and the good practice worth following. Pure: facts in, the text of the document out
// (src/modules/tasks/circular-docx.ts lays it out as an official document).
import { formatDateZh, type LocalDate } from '../calendar/index.ts';

export interface CircularLateUnit {
  unitName: string;
  /** Periods past their due date and not done. */
  overdue: { requirement: string; label: string; dueOn: LocalDate }[];
  /** Periods done after their due date. */
  lateDone: number;
}

export interface CircularFacts {
  organName: string;
  planTitle: string;
  year: number;
  asOf: LocalDate;
  issuedOn: LocalDate;
  title?: string | null;
  docNo?: string | null;
  addressee?: string | null;
  totals: { tasks: number; units: number; periodsDue: number; periodsDone: number; overduePeriods: number };
  lateUnits: CircularLateUnit[];
  goodPractice: { unitName: string; text: string }[];
  /** The best-scoring units (name and score), when scores are to be named. */
  topUnits: { unitName: string; score: number }[];
  /** 下一步工作要求: the office's own paragraphs; default ones are used when empty. */
  requirements?: string[];
}

export interface CircularSection {
  heading: string;
  paragraphs: string[];
}

export interface CircularDocument {
  organName: string;
  docNo: string | null;
  title: string;
  addressee: string;
  intro: string[];
  sections: CircularSection[];
  /** 2026年12月6日 */
  date: string;
}

const cut = (s: string, n: number) => {
  const t = s.replace(/\s+/g, '');
  return t.length > n ? `${t.slice(0, n)}……` : t;
};

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 1000) / 10}%` : '—');

export const DEFAULT_ADDRESSEE = '各乡镇人民政府、街道办事处，县政府各部门、各直属机构：';

export const DEFAULT_REQUIREMENTS = [
  '被通报的单位要认真对照任务清单查找原因，逐项明确整改措施和完成时限，于通报印发之日起10个工作日内将整改情况报送政务公开办。',
  '各单位要强化“管业务就要管公开”的理念，及时更新工作台账，按期报送工作进展并上传佐证材料，确保各项任务按时保质完成。',
  '政务公开办将持续跟踪督办，督查结果纳入年度政务公开工作考核。',
];

/** The circular's text from the facts. */
export function circularDocument(f: CircularFacts): CircularDocument {
  const title = f.title?.trim() || `关于${f.year}年政务公开重点工作任务落实情况的通报`;
  const intro = [
    `为推动《${f.planTitle.replace(/^《|》$/g, '')}》各项任务落实，政务公开办对截至${formatDateZh(f.asOf)}各单位任务完成情况进行了督查。现将有关情况通报如下。`,
  ];
  const sections: CircularSection[] = [];
  const t = f.totals;
  sections.push({
    heading: '总体情况',
    paragraphs: [
      `本年度共分解工作任务${t.tasks}项，涉及责任单位${t.units}个。截至${formatDateZh(f.asOf)}，已到期任务${t.periodsDue}项次，按要求完成${t.periodsDone}项次，完成率${pct(t.periodsDone, t.periodsDue)}；逾期未完成${t.overduePeriods}项次。`,
    ],
  });
  const good: string[] = [];
  if (f.topUnits.length) good.push(`${f.topUnits.map((u) => `${u.unitName}（${u.score}分）`).join('、')}等单位任务推进有力，到期任务均按期完成。`);
  for (const g of f.goodPractice) good.push(`${g.unitName}：${g.text.trim().replace(/[。.]?$/, '。')}`);
  if (good.length) sections.push({ heading: '工作成效较好的单位和典型做法', paragraphs: good });
  const late = f.lateUnits.filter((u) => u.overdue.length || u.lateDone);
  if (late.length) {
    const paras = [`以下单位存在任务逾期未完成或逾期完成的情况，予以通报：`];
    for (const u of late) {
      const items = u.overdue.slice(0, 5).map((o) => `“${cut(o.requirement, 24)}”（${o.label}，应于${formatDateZh(o.dueOn)}前完成）`);
      const more = u.overdue.length > 5 ? `等${u.overdue.length}项` : '';
      const parts = [u.overdue.length ? `逾期未完成${u.overdue.length}项次：${items.join('；')}${more}` : '', u.lateDone ? `逾期完成${u.lateDone}项次` : ''].filter(Boolean);
      paras.push(`${u.unitName}：${parts.join('；')}。`);
    }
    sections.push({ heading: '存在的问题', paragraphs: paras });
  } else {
    sections.push({ heading: '存在的问题', paragraphs: ['截至本次督查，各单位未发现逾期未完成的任务。'] });
  }
  const req = f.requirements?.map((r) => r.trim()).filter(Boolean);
  sections.push({ heading: '下一步工作要求', paragraphs: (req?.length ? req : DEFAULT_REQUIREMENTS).map((r, i) => `（${CN_NUM[i] ?? i + 1}）${r}`) });
  return {
    organName: f.organName,
    docNo: f.docNo?.trim() || null,
    title,
    addressee: f.addressee?.trim() || DEFAULT_ADDRESSEE,
    intro,
    sections: sections.map((s, i) => ({ heading: `${CN_NUM[i]}、${s.heading}`, paragraphs: s.paragraphs })),
    date: formatDateZh(f.issuedOn),
  };
}

/** The circular as plain text (the preview in the console, the search index, tests). */
export function circularText(d: CircularDocument): string {
  return [d.organName, ...(d.docNo ? [d.docNo] : []), '', d.title, '', d.addressee, ...d.intro.map((p) => `　　${p}`), ...d.sections.flatMap((s) => [`　　${s.heading}`, ...s.paragraphs.map((p) => `　　${p}`)]), '', d.organName, d.date].join('\n');
}
