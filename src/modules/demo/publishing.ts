// The demo county's publishing data: the proactive-disclosure catalogue tree, the 26 standard-catalogue
// domains with a few items, a year of obligations, and published records (one repealed, one withdrawn).
import { and, eq } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import type { Db } from '../../db/client.ts';
import { tenantCalendar } from '../calendar/service.ts';
import { createItem, generateObligations, listDomains, seedDomains } from '../catalogue/service.ts';
import { createNode, DEFAULT_NODES } from '../publishing/nodes.ts';
import ExcelJS from 'exceljs';
import type { BlobStore } from '../files/index.ts';
import { addAttachment } from '../publishing/attachments.ts';
import { actOnRecord, createRecord, getRecord, setValidity } from '../publishing/records.ts';
import { records } from '../publishing/schema.ts';
import { DEMO_RECORDS } from './data/records.ts';
import { createInterpretation, publishInterpretation } from '../interpretation/service.ts';

const ITEMS = [
  {
    domain: 'budget_final_accounts',
    level1: '财政预算',
    level2: '部门预算',
    content: '部门预算报表及说明（收支总表、财政拨款收支表、“三公”经费预算等）',
    basis: '《中华人民共和国预算法》第十四条；《地方预决算公开操作规程》',
    timeLimitText: '每年3月31日前',
    responsibleText: '县财政局、县发改局',
    channels: ['政府网站', '公开查阅点'],
  },
  {
    domain: 'major_construction_projects',
    level1: '批准服务信息',
    level2: '重点项目计划',
    content: '年度重点建设项目名称、建设内容、总投资、年度计划投资',
    basis: '《政府信息公开条例》第二十条第（十）项',
    timeLimitText: '自信息形成或者变更之日起20个工作日内',
    responsibleText: '县发改局',
    channels: ['政府网站', '两微一端'],
  },
  {
    domain: 'work_safety',
    level1: '监督检查',
    level2: '安全生产执法检查情况',
    content: '检查对象、检查时间、发现问题及整改情况',
    basis: '《中华人民共和国安全生产法》',
    timeLimitText: '每季度',
    responsibleText: '县应急局',
    channels: ['政府网站'],
  },
];

/** A subsidy table as villages publish it: names and ID numbers already masked (个人信息保护). */
async function subsidyTable(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('补贴发放明细');
  ws.addRow(['序号', '村', '户主', '身份证号码', '补贴面积（亩）', '补贴金额（元）']);
  const rows: [string, string, string, number][] = [
    ['青山村', '王**', '370983********1234', 6.2],
    ['青山村', '李**', '370983********2015', 4.8],
    ['石桥村', '张**', '370983********0427', 7.5],
    ['柳塘村', '赵**', '370983********3362', 3.1],
    ['大树村', '陈**', '370983********1859', 5.6],
  ];
  rows.forEach(([village, name, id, mu], i) => ws.addRow([i + 1, village, name, id, mu, Math.round(mu * 105.5 * 100) / 100]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function seedDemoPublishing(db: Db, caller: Caller, unitIds: Map<string, string>, blobs?: BlobStore): Promise<{ records: number }> {
  const tenantId = caller.actor.tenantId;
  const nodeIds = new Map<string, string>();
  for (const [i, n] of DEFAULT_NODES.entries()) nodeIds.set(n.code, (await createNode(db, caller, { code: n.code, name: n.name, sortOrder: (i + 1) * 10 })).id);
  await seedDomains(db, caller);
  const domains = await listDomains(db, tenantId);
  for (const it of ITEMS) {
    const d = domains.find((x) => x.code === it.domain)!;
    await createItem(db, caller, d.id, {
      level1: it.level1,
      level2: it.level2,
      content: it.content,
      basis: it.basis,
      timeLimitText: it.timeLimitText,
      responsibleText: it.responsibleText,
      channels: it.channels,
      audiencePublic: true,
      audienceSpecific: false,
      modeProactive: true,
      modeRequest: false,
      levelCounty: true,
      levelTownship: false,
    });
  }
  await generateObligations(db, caller, Number(todayLocal().slice(0, 4)));

  const calendar = await tenantCalendar(db, tenantId);
  const today = todayLocal();
  let n = 0;
  for (const d of DEMO_RECORDS) {
    let r = await createRecord(db, caller, {
      unitId: unitIds.get(d.unit)!,
      title: d.title,
      genre: d.genre,
      docNo: d.docNo ?? null,
      issuer: d.issuer,
      writtenOn: d.writtenOn,
      formedOn: d.writtenOn,
      attribute: 'proactive',
      topics: d.topics,
      catalogueNodeId: nodeIds.get(d.node) ?? null,
      bodyHtml: d.paragraphs.map((p) => `<p>${p}</p>`).join(''),
      needsInterpretation: !!d.interpretation,
    });
    const jd = d.interpretation ? await createInterpretation(db, caller, { recordId: r.id, form: d.interpretation.form, title: d.interpretation.title, bodyHtml: d.interpretation.paragraphs.map((p) => `<p>${p}</p>`).join('') }) : null;
    if (d.attachment && blobs) {
      await addAttachment(db, blobs, caller, r.id, { fileName: d.attachment, bytes: await subsidyTable() }, 10 * 1024 * 1024);
      r = await getRecord(db, caller, r.id);
    }
    for (const event of ['submit', 'pass_review', 'pass_confidentiality', 'publish'] as const) r = await actOnRecord(db, caller, r.id, { event, version: r.version });
    // Back-date the publication to when it happened in the story, with its lateness by the calendar.
    const publishedOn = calendar.addWorkingDays(d.writtenOn, d.publishedAfter).due;
    const on = publishedOn > today ? today : publishedOn;
    await db
      .update(records)
      .set({ publishedAt: new Date(`${on}T09:30:00+08:00`), workingDaysLate: r.dueOn ? calendar.workingDaysLate(r.dueOn, on) : null })
      .where(and(eq(records.tenantId, tenantId), eq(records.id, r.id)));
    r = { ...r, version: r.version };
    if (jd) await publishInterpretation(db, caller, jd.id, jd.version);
    if (d.validity === 'repealed') r = await setValidity(db, caller, r.id, { validity: 'repealed', on: '2025-12-31', note: '已被新办法代替', version: r.version });
    if (d.withdrawn) r = await actOnRecord(db, caller, r.id, { event: 'withdraw', version: r.version, comment: d.withdrawn });
    n++;
  }
  return { records: n };
}
