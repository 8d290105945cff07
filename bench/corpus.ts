// The records the benchmarks load: a county's back catalogue as its old CMS would export it (a fixed seed,
// so every run loads the same rows), and the demo county's units that publish them.
import type pg from 'pg';
import { LEGAL_GROUNDS } from '../src/core/publishing/disclosure.ts';
import { GENRE_LABELS, type Genre } from '../src/core/publishing/genres.ts';

/** A small deterministic PRNG (mulberry32): the same rows on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['重点项目申报', '安全生产大检查', '农村人居环境整治', '营商环境优化', '秋冬季森林防火', '城乡居民医疗保险参保', '义务教育招生入学', '防汛抗旱', '耕地保护', '消费券发放', '老旧小区改造', '河长制工作', '政务公开工作要点', '财政预算执行', '就业创业补贴'];
const FORMS: [Genre, string][] = [
  ['notice', '关于做好{y}年{s}工作的通知'],
  ['notice', '关于印发《{y}年{s}实施方案》的通知'],
  ['announcement', '关于{s}有关事项的公告'],
  ['announcement', '{y}年{s}情况公示'],
  ['plan', '{y}年{s}工作计划'],
  ['report', '{y}年{s}工作总结'],
  ['statistics', '{y}年第{q}季度{s}统计数据'],
  ['budget', '{y}年部门预算公开说明'],
  ['normative_document', '关于进一步规范{s}管理的办法'],
  ['opinion', '关于加快推进{s}的实施意见'],
  ['reply', '关于{s}有关问题的批复'],
  ['meeting_minutes', '{s}专题会议纪要'],
];
const SENTENCES = [
  '为认真贯彻落实上级有关决策部署，进一步做好相关工作，结合本地实际，现就有关事项通知如下。',
  '各单位要提高思想认识，加强组织领导，明确责任分工，确保各项任务按期完成。',
  '对工作中发现的问题，要建立台账，逐项整改，整改情况于每季度末报县政府办公室。',
  '本办法自发布之日起施行，有效期五年。此前有关规定与本办法不一致的，以本办法为准。',
  '联系人：县政务公开办公室，联系电话：0000-12345678（工作日 8:30—17:30）。',
  '申请人应当如实提供申请材料，并对材料的真实性负责；材料不全的，受理单位应当一次性告知需要补正的全部内容。',
  '资金使用情况接受审计部门和社会公众监督，任何单位和个人不得截留、挤占、挪用。',
  '各乡镇人民政府、街道办事处要及时将本通知精神传达到村（社区），做到家喻户晓。',
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export interface BenchUnit {
  code: string;
  name: string;
  shortName: string;
  prefix: string;
}

/** `rows` metadata rows as a county's old CMS would export them, in UTF-8 CSV. */
export function generateSheet(units: BenchUnit[], rows: number): Buffer {
  const rnd = prng(20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const header = ['标题', '发布机构', '发文机关', '文号', '索引号', '体裁', '主题分类', '主题词', '成文日期', '发布日期', '公开属性', '公开属性依据', '有效性', '正文'];
  const lines: string[] = [header.join(',')];
  const docSeq = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const u = units[i % units.length]!;
    const year = 2012 + Math.floor(rnd() * 14);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const written = `${year}-${pad(month)}-${pad(day)}`;
    const lag = Math.floor(rnd() * 25);
    const pub = new Date(Date.UTC(year, month - 1, day + lag));
    const published = pub.toISOString().slice(0, 10) > '2026-10-31' ? '2026-10-31' : pub.toISOString().slice(0, 10);
    const [genre, form] = pick(FORMS);
    const subject = pick(SUBJECTS);
    const title = `${u.name}${form.replace('{y}', String(year)).replace('{s}', subject).replace('{q}', String(1 + (month - 1) / 3 | 0))}（${i + 1}）`;
    let docNo = '';
    if (rnd() < 0.4) {
      const key = `${u.prefix}|${year}`;
      const seq = (docSeq.get(key) ?? 0) + 1;
      docSeq.set(key, seq);
      docNo = `${u.prefix}〔${year}〕${seq}号`;
    }
    const indexNo = rnd() < 0.05 ? `${u.code.toUpperCase()}-${year}-${pad(i, 6)}` : '';
    const r = rnd();
    const attribute = r < 0.9 ? '主动公开' : r < 0.93 ? '依申请公开' : r < 0.95 ? '不予公开' : '';
    const g = pick(LEGAL_GROUNDS);
    const ground = attribute === '依申请公开' || attribute === '不予公开' ? (rnd() < 0.5 ? g.code : `《政府信息公开条例》${g.article}：${g.label}`) : '';
    const paragraphs = Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => pick(SENTENCES));
    const b = rnd();
    const body = b < 0.6 ? paragraphs.join('\n') : b < 0.85 ? paragraphs.map((p) => `<p style="text-indent:2em">${p}</p>`).join('') : '';
    const unitText = i % 3 === 0 ? u.name : i % 3 === 1 ? u.shortName : u.code;
    const validity = genre === 'normative_document' && rnd() < 0.3 ? '已废止' : '';
    lines.push(
      [title, unitText, '', docNo, indexNo, GENRE_LABELS[genre], pick(['综合政务', '国民经济管理、国有资产监管', '城乡建设、环境保护', '劳动、人事、监察']), `${subject} ${year}`, written, attribute === '主动公开' ? published : '', attribute, ground, validity, body]
        .map(csvCell)
        .join(','),
    );
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The demo county's units that publish, with a 文号 prefix each. */
export async function benchUnits(pool: pg.Pool, tenantId: string): Promise<BenchUnit[]> {
  const { rows } = await pool.query<{ code: string; name: string; short_name: string }>(
    "SELECT code, name, short_name FROM units WHERE tenant_id = $1 AND kind NOT IN ('village', 'community') AND abolished_at IS NULL ORDER BY code",
    [tenantId],
  );
  return rows.map((u, i) => ({ code: u.code, name: u.name, shortName: u.short_name, prefix: `示${u.short_name.replace(/^县/, '').slice(0, 2)}${'字函发'[i % 3]}` }));
}
