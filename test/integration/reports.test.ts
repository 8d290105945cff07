// The annual report through the HTTP API: a year of requests, replies, appeals and fees with known
// outcomes (carry-over both ways), records with their validity and the figures a unit enters, give the
// exact tables of sections 二, 三 and 四 (every cell checked); the checks refuse an inconsistent report
// naming the cell; the narrative's figures; publication as a record on the portal, and a new version of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counts } from '../../src/core/reports/model.ts';
import { RESULT_CODES } from '../../src/core/requests/results.ts';
import { extractText } from '../../src/modules/files/extract.ts';
import { getTenantByCode } from '../../src/modules/org/tenants.ts';
import { listUnits } from '../../src/modules/org/units.ts';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let office: Agent;
let secrecy: Agent;
let root: string;
/** 示范县年报测试局 (a department), its sub-unit, and the other departments' ids by code. */
let unitX: string;
let unitY: string;
let fgj: string;

type Req = { id: string; version: number };
const cnt = (o: Partial<Counts> = {}): Counts => {
  const c = { natural_person: 0, enterprise: 0, research: 0, public_interest: 0, legal_service: 0, other_org: 0, ...o } as Counts;
  c.total = c.natural_person + c.enterprise + c.research + c.public_interest + c.legal_service + c.other_org;
  return c;
};

const PERSON = { type: 'natural_person', name: '年报测试人', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000' };
const org = (type: string) => ({ type, name: `年报测试${type}`, idType: 'org_other', idNumber: `ORG-${type}`, contactPerson: '联系人', phone: '13800138001' });

async function request(unitId: string, applicant: object, arrivedOn: string): Promise<Req> {
  const res = await office.post('/api/v1/requests', { unitId, applicant, description: `年报测试申请（${arrivedOn}）：请公开有关文件`, infoForm: 'electronic', delivery: 'online', channel: 'in_person', arrivedOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().request as Req;
}

async function act(r: Req, body: Record<string, unknown>): Promise<Req> {
  const res = await office.post(`/api/v1/requests/${r.id}/actions`, { ...body, version: r.version });
  expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(200);
  return res.json() as Req;
}

async function appeal(r: Req, body: Record<string, unknown>) {
  const res = await office.post(`/api/v1/requests/${r.id}/appeals`, body);
  expect(res.statusCode, res.body).toBe(201);
}

/** A record of unit X through the whole workflow (office drafts and publishes, secrecy reviews). */
async function publishedRecord(unitId: string, title: string, genre: string, writtenOn: string) {
  let r = (await office.post('/api/v1/records', { unitId, title, genre, attribute: 'proactive', writtenOn, formedOn: writtenOn, bodyHtml: '<p>正文</p>' })).json() as Req;
  for (const [event, who] of [['submit', office], ['pass_review', office], ['pass_confidentiality', secrecy], ['publish', office]] as const) {
    const res = await who.post(`/api/v1/records/${r.id}/actions`, { event, version: r.version });
    expect(res.statusCode, res.body).toBe(200);
    r = res.json();
  }
  return r;
}

const FINISHED = { overview: '本年度工作已完成。\n（一）依申请公开\n共收到申请{{本年新收申请数}}件，结转下年{{结转下年申请数}}件。', problems: '（一）存在的主要问题\n暂无。', other: '本年度收取信息处理费{{信息处理费}}元。' };

beforeAll(async () => {
  t = await createTestApp();
  office = await loginAs(t.app, 'office');
  secrecy = await loginAs(t.app, 'secrecy');
  const tenant = (await getTenantByCode(t.database.db, 'shifan'))!;
  const units = await listUnits(t.database.db, tenant.tenantId);
  root = units.find((u) => !u.parentId)!.id;
  fgj = units.find((u) => u.code === 'fgj')!.id;
  unitX = (await office.post('/api/v1/units', { parentId: root, code: 'nbcs', name: '示范县年报测试局', kind: 'department' })).json().id;
  unitY = (await office.post('/api/v1/units', { parentId: unitX, code: 'nbcs-zx', name: '示范县年报测试局服务中心', kind: 'institution' })).json().id;

  // A: received 2024-12-20, answered 2025-01-10 (carried into 2025).  B: received 2024-12-23, answered 2025-01-15.
  const a = await act(await request(unitX, PERSON, '2024-12-20'), { event: 'reply', on: '2025-01-10', result: 'disclosed', comment: '予以公开' });
  await act(await request(unitX, org('enterprise'), '2024-12-23'), { event: 'reply', on: '2025-01-15', result: 'unable.not_held', referOrgan: '示范县自然资源局', comment: '本机关不掌握' });
  // C: partial, then 复议 upheld.
  const c = await act(await request(unitX, PERSON, '2025-03-03'), { event: 'reply', on: '2025-03-20', result: 'partial', comment: '区分处理后提供' });
  await appeal(c, { path: 'reconsideration', filedOn: '2025-04-01', outcome: 'upheld', decidedOn: '2025-05-30' });
  // D: a fee of 1700 元 (150 pages), paid in 2025, then disclosed.
  let d = await request(unitX, org('legal_service'), '2025-04-01');
  d = await act(d, { event: 'issue_fee_notice', on: '2025-04-03', feeBasis: 'per_page', pages: 150 });
  d = await act(d, { event: 'record_payment', on: '2025-04-10' });
  await act(d, { event: 'reply', on: '2025-04-20', result: 'disclosed', comment: '已提供' });
  // E: process information withheld; sued directly (corrected), and a reconsideration still pending.
  const e = await act(await request(unitX, org('research'), '2025-05-06'), { event: 'reply', on: '2025-05-20', result: 'withheld.process_info', comment: '属于过程性信息' });
  await appeal(e, { path: 'litigation', filedOn: '2025-06-01', outcome: 'corrected', decidedOn: '2025-11-01' });
  await appeal(e, { path: 'reconsideration', filedOn: '2025-06-02', outcome: 'pending' });
  // F: a repeated request, not processed; sued after reconsideration, decided in 2026 (known by now).
  const f = await act(await request(unitX, org('public_interest'), '2025-06-02'), { event: 'reply', on: '2025-06-10', result: 'not_processed.repeat', comment: '重复申请' });
  await appeal(f, { path: 'litigation_after_reconsideration', filedOn: '2025-12-01', outcome: 'other', decidedOn: '2026-02-01' });
  // G: a fee of 100 元 (40 pages) never paid: closed as such.
  let g = await request(unitX, org('other_org'), '2025-07-01');
  g = await act(g, { event: 'issue_fee_notice', on: '2025-07-02', feeBasis: 'per_page', pages: 40 });
  await act(g, { event: 'deem_fee_unpaid', on: '2025-08-15' });
  // H: received 2025-12-22, still open (carried into 2026).  I: received 2025-12-24, answered in 2026.
  await request(unitX, PERSON, '2025-12-22');
  await act(await request(unitX, org('enterprise'), '2025-12-24'), { event: 'reply', on: '2026-01-08', result: 'disclosed', comment: '予以公开' });
  // J: all in 2023, with an appeal filed in 2024: in none of 2025's tables.
  const j = await act(await request(unitX, PERSON, '2023-06-01'), { event: 'reply', on: '2023-06-10', result: 'disclosed', comment: '予以公开' });
  await appeal(j, { path: 'reconsideration', filedOn: '2024-01-05', outcome: 'upheld', decidedOn: '2024-02-05' });
  // K: withdrawn by the applicant (其他处理 3.其他).
  await act(await request(unitX, PERSON, '2025-08-01'), { event: 'withdraw', on: '2025-08-05', comment: '申请人撤回' });
  // Y (below X): one request, answered in 2025.
  await act(await request(unitY, PERSON, '2025-09-01'), { event: 'reply', on: '2025-09-10', result: 'disclosed', comment: '予以公开' });
  expect(a.id).toBeTruthy();

  // Section 二's records: a rule and a normative document of 2025; one of 2023 repealed in 2025; a 2025 draft.
  await publishedRecord(unitX, '示范县年报测试局规章（2025）', 'rule', '2025-05-01');
  await publishedRecord(unitX, '示范县年报测试局规范性文件（2025）', 'normative_document', '2025-02-01');
  const old = await publishedRecord(unitX, '示范县年报测试局规范性文件（2023）', 'normative_document', '2023-03-01');
  const repealed = await office.post(`/api/v1/records/${old.id}/validity`, { validity: 'repealed', on: '2025-06-30', version: old.version });
  expect(repealed.statusCode, repealed.body).toBe(200);
  await office.post('/api/v1/records', { unitId: unitX, title: '示范县年报测试局规范性文件（草稿）', genre: 'normative_document', attribute: 'proactive', writtenOn: '2025-03-01' });
  // The figures the unit enters.
  const fig = await office.put('/api/v1/reports/unit-figures', { unitId: unitX, year: 2025, licensing: 12, penalty: 5, enforcement: 2, feesWan: 3.25, version: 0 });
  expect(fig.statusCode, fig.body).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

let report2025: { id: string; version: number; recordId?: string | null };

describe('the 2025 report of one unit, generated from the data', () => {
  it('has every cell of sections 二, 三 and 四 as the year’s data give them', async () => {
    const res = await office.post('/api/v1/reports', { unitId: unitX, year: 2025 });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    report2025 = r;
    expect(r.title).toBe('示范县年报测试局2025年政府信息公开工作年度报告');
    expect(r.coverage).toBe('unit');
    expect(r.format).toBe('2021');
    expect(r.due).toBe('2026-01-31');
    expect(r.dueRule).toContain('第四十九条');

    expect(r.figures.section2).toEqual({
      rules: { issued: 1, repealed: 0, valid: 1 },
      normativeDocuments: { issued: 1, repealed: 1, valid: 1 },
      licensing: 12,
      penalty: 5,
      enforcement: 2,
      feesWan: 3.25,
    });

    const s3 = r.figures.section3;
    expect(s3.newThisYear).toEqual(cnt({ natural_person: 3, enterprise: 1, research: 1, public_interest: 1, legal_service: 1, other_org: 1 }));
    expect(s3.carriedOver).toEqual(cnt({ natural_person: 1, enterprise: 1 }));
    const expected: Record<string, Counts> = Object.fromEntries(RESULT_CODES.map((code) => [code, cnt()]));
    expected.disclosed = cnt({ natural_person: 1, legal_service: 1 });
    expected.partial = cnt({ natural_person: 1 });
    expected['withheld.process_info'] = cnt({ research: 1 });
    expected['unable.not_held'] = cnt({ enterprise: 1 });
    expected['not_processed.repeat'] = cnt({ public_interest: 1 });
    expected['other.fee_unpaid'] = cnt({ other_org: 1 });
    expected['other.other'] = cnt({ natural_person: 1 });
    expect(s3.results).toEqual(expected);
    expect(s3.resultsTotal).toEqual(cnt({ natural_person: 3, enterprise: 1, research: 1, public_interest: 1, legal_service: 1, other_org: 1 }));
    expect(s3.carriedForward).toEqual(cnt({ natural_person: 1, enterprise: 1 }));

    expect(r.figures.section4).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigation: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
    });
    expect(r.figures.fees).toEqual({ amountYuan: 1700, requests: 1 });
    // The figures pass every check; only the text, still the default's, is unfinished.
    expect(r.findings.every((f: { code: string }) => f.code.startsWith('NARRATIVE'))).toBe(true);
  });

  it('counts the unit with everything below it when asked to (and the unit alone by default)', async () => {
    const res = await office.post(`/api/v1/reports/${report2025.id}/generate`, { version: report2025.version, coverage: 'subtree' });
    expect(res.statusCode, res.body).toBe(200);
    const s3 = res.json().figures.section3;
    expect(s3.newThisYear).toEqual(cnt({ natural_person: 4, enterprise: 1, research: 1, public_interest: 1, legal_service: 1, other_org: 1 }));
    expect(s3.results.disclosed).toEqual(cnt({ natural_person: 2, legal_service: 1 }));
    const back = await office.post(`/api/v1/reports/${report2025.id}/generate`, { version: res.json().version, coverage: 'unit' });
    expect(back.json().figures.section3.newThisYear.total).toBe(8);
    report2025 = back.json();
  });

  it('offers the figures for the text, and fills them in', async () => {
    const res = await office.get(`/api/v1/reports/${report2025.id}/placeholders`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as { name: string; placeholder: string; value: string }[];
    const by = Object.fromEntries(list.map((p) => [p.name, p.value]));
    expect(by).toMatchObject({ 本年新收申请数: '8', 上年结转申请数: '2', 本年办结申请数: '8', 结转下年申请数: '2', 予以公开数: '2', 行政复议数: '2', 行政诉讼数: '2', 行政许可决定数: '12', 信息处理费: '1700' });
    const patch = await office.patch(`/api/v1/reports/${report2025.id}`, { version: report2025.version, narrative: FINISHED });
    expect(patch.statusCode, patch.body).toBe(200);
    report2025 = patch.json();
    expect(patch.json().html).toContain('<p>共收到申请8件，结转下年2件。</p>');
    expect(patch.json().findings).toEqual([]);
  });
});

describe('checks', () => {
  it('finds last year’s carry-forward against this year’s carry-over, cell by cell', async () => {
    const r2024 = (await office.post('/api/v1/reports', { unitId: unitX, year: 2024 })).json();
    expect(r2024.figures.section3.carriedForward).toEqual(cnt({ natural_person: 1, enterprise: 1 }));
    // Last year's report says two people's requests were carried on.
    const tampered = structuredClone(r2024.figures.section3);
    tampered.carriedForward = cnt({ natural_person: 2, enterprise: 1 });
    tampered.newThisYear = cnt({ natural_person: 2 + tampered.newThisYear.natural_person - 1, enterprise: tampered.newThisYear.enterprise });
    const adj = await office.put(`/api/v1/reports/${r2024.id}/figures`, { version: r2024.version, reason: '按台账更正', section3: tampered });
    expect(adj.statusCode, adj.body).toBe(200);
    expect(adj.json().figureSource).toBe('adjusted');
    const now = (await office.get(`/api/v1/reports/${report2025.id}`)).json();
    expect(now.findings.map((f: { cell: string }) => f.cell)).toEqual(['第三部分表格「二、上年结转政府信息公开申请数量」行「自然人」列', '第三部分表格「二、上年结转政府信息公开申请数量」行「总计」列']);
    expect(now.findings[0].message).toBe('第三部分表格「二、上年结转政府信息公开申请数量」行「自然人」列为 1，与2024年度报告「四、结转下年度继续办理」的 2 不一致');
    const refused = await office.post(`/api/v1/reports/${report2025.id}/publish`, { version: now.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('「二、上年结转政府信息公开申请数量」行「自然人」列');
    // Generated again from the data, last year's report agrees again.
    const regen = await office.post(`/api/v1/reports/${r2024.id}/generate`, { version: adj.json().version });
    expect(regen.json().adjustments).toHaveLength(1);
    expect((await office.get(`/api/v1/reports/${report2025.id}`)).json().findings).toEqual([]);
  });

  it('refuses a tampered report with the cell named: a result row, its 总计, （七）总计, the balance', async () => {
    const r = (await office.get(`/api/v1/reports/${report2025.id}`)).json();
    const s3 = structuredClone(r.figures.section3);
    s3.results.disclosed.natural_person += 1; // one more disclosed, nothing else changed
    const adj = await office.put(`/api/v1/reports/${r.id}/figures`, { version: r.version, reason: '测试：篡改', section3: s3 });
    expect(adj.statusCode, adj.body).toBe(200);
    expect(adj.json().adjustments.at(-1).cells).toEqual(['section3.results.disclosed.natural_person: 1 → 2']);
    const cells = adj.json().findings.map((f: { cell: string }) => f.cell);
    expect(cells).toEqual(['第三部分表格「（一）予以公开」行「总计」列', '第三部分表格「（七）总计」行「自然人」列']);
    const refused = await office.post(`/api/v1/reports/${r.id}/publish`, { version: adj.json().version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('REPORT_CHECK_FAILED');
    expect(refused.json().error.message).toBe('年度报告未通过校验，不能发布：第三部分表格「（一）予以公开」行「总计」列为 2，应等于自然人与法人或其他组织各列之和 2 + 0 + 0 + 0 + 1 + 0 = 3（另有1处不通过）');
    expect(refused.json().error.details.cell).toBe('第三部分表格「（一）予以公开」行「总计」列');

    // Made consistent inside the table but not with the requests received: the column no longer balances.
    s3.results.disclosed.total += 1;
    s3.resultsTotal.natural_person += 1;
    s3.resultsTotal.total += 1;
    const adj2 = await office.put(`/api/v1/reports/${r.id}/figures`, { version: adj.json().version, reason: '测试：篡改', section3: s3 });
    expect(adj2.json().findings.map((f: { cell: string }) => f.cell)).toEqual(['第三部分表格「自然人」列', '第三部分表格「总计」列']);
    expect(adj2.json().findings[0].message).toContain('不符合勾稽关系');

    // Section 四: a 总计 that is not its four parts.
    const s4 = structuredClone(r.figures.section4);
    s4.litigation.total = 3;
    const adj3 = await office.put(`/api/v1/reports/${r.id}/figures`, { version: adj2.json().version, reason: '测试', section3: r.figures.section3, section4: s4 });
    expect(adj3.json().findings.map((f: { cell: string }) => f.cell)).toEqual(['第四部分表格「行政诉讼—未经复议直接起诉」「总计」']);
    const check = await office.post(`/api/v1/reports/${r.id}/check`, { version: adj3.json().version });
    expect(check.json().state).toBe('draft');

    // Back to the data.
    const regen = await office.post(`/api/v1/reports/${r.id}/generate`, { version: check.json().version });
    expect(regen.json().findings).toEqual([]);
    const checked = await office.post(`/api/v1/reports/${r.id}/check`, { version: regen.json().version });
    expect(checked.json().state).toBe('checked');
    expect(checked.json().checkedBy).toContain('office');
    report2025 = checked.json();
  });

  it('refuses unfinished text, naming the section', async () => {
    const r = (await office.get(`/api/v1/reports/${report2025.id}`)).json();
    const res = await office.patch(`/api/v1/reports/${r.id}`, { version: r.version, narrative: { problems: '（请填写）{{没有这一项}}' } });
    expect(res.json().state).toBe('draft');
    expect(res.json().findings.map((f: { message: string }) => f.message)).toEqual([
      '第五部分「存在的主要问题及改进情况」还有标注“请填写”的内容没有写完',
      '第五部分「存在的主要问题及改进情况」中的“{{没有这一项}}”不是可插入的数据项（可用的见“插入数据”列表）',
    ]);
    const back = await office.patch(`/api/v1/reports/${r.id}`, { version: res.json().version, narrative: { problems: FINISHED.problems } });
    report2025 = back.json();
  });

  it('leaves a checked report as it is when a save changes nothing', async () => {
    const checked = await office.post(`/api/v1/reports/${report2025.id}/check`, { version: report2025.version });
    expect(checked.json().state).toBe('checked');
    const audits = async () => (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'report.update'`, [report2025.id])).rows[0]!.n;
    const before = await audits();
    const same = await office.patch(`/api/v1/reports/${report2025.id}`, { version: checked.json().version, title: checked.json().title, narrative: { problems: FINISHED.problems } });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ state: 'checked', version: checked.json().version });
    expect(await audits()).toBe(before);
    // A real change still sends it back to 编写中.
    const changed = await office.patch(`/api/v1/reports/${report2025.id}`, { version: same.json().version, narrative: { problems: FINISHED.problems + '（修改）' } });
    expect(changed.json()).toMatchObject({ state: 'draft', version: checked.json().version + 1 });
    const back = await office.patch(`/api/v1/reports/${report2025.id}`, { version: changed.json().version, narrative: { problems: FINISHED.problems } });
    report2025 = back.json();
  });
});

describe('documents and publication', () => {
  it('exports the DOCX and the PDF with the headings and the tables’ labels', async () => {
    const docx = await office.get(`/api/v1/reports/${report2025.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const dtext = (await extractText(new Uint8Array(docx.rawPayload), 'docx')).text;
    for (const s of ['示范县年报测试局2025年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '未经复议直接起诉', '本年收费金额（单位：万元）']) expect(dtext).toContain(s);
    const pdf = await office.get(`/api/v1/reports/${report2025.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const ptext = (await extractText(new Uint8Array(pdf.rawPayload), 'pdf')).text.replace(/\s+/g, '');
    for (const s of ['一、总体情况', '二、主动公开政府信息情况', '四、政府信息公开行政复议、行政诉讼情况', '六、其他需要报告的事项', '申请人情况', '结转下年度继续办理']) expect(ptext).toContain(s);
  });

  it('publishes the report as a record on the portal’s 政府信息公开年报 list, with the DOCX and PDF attached', async () => {
    const res = await office.post(`/api/v1/reports/${report2025.id}/publish`, { version: report2025.version });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.state).toBe('published');
    expect(r.publications).toBe(1);
    const rec = (await office.get(`/api/v1/records/${r.recordId}`)).json();
    expect(rec).toMatchObject({ title: '示范县年报测试局2025年政府信息公开工作年度报告', state: 'published', genre: 'report', attribute: 'proactive', unitId: unitX });
    expect(rec.bodyHtml).toContain('<caption>收到和处理政府信息公开申请情况</caption>');
    expect(rec.bodyHtml).toContain('<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>');
    const atts = (await office.get(`/api/v1/records/${r.recordId}/attachments`)).json() as { fileName: string; kind: string }[];
    expect(atts.map((a) => [a.fileName, a.kind])).toEqual([
      ['示范县年报测试局2025年政府信息公开工作年度报告.docx', 'docx'],
      ['示范县年报测试局2025年政府信息公开工作年度报告.pdf', 'pdf'],
    ]);
    const portal = await t.app.inject({ method: 'GET', url: '/zfxxgk/reports/', headers: { host: 'localhost' } });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('示范县年报测试局2025年政府信息公开工作年度报告');
    const page = await t.app.inject({ method: 'GET', url: `/zfxxgk/info/${r.recordId}`, headers: { host: 'localhost' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption>收到和处理政府信息公开申请情况</caption>');
    expect(page.body).toContain('结转下年度继续办理');
    report2025 = r;
  });

  it('publishes a revision as a new version that supersedes the old record', async () => {
    const edited = await office.patch(`/api/v1/reports/${report2025.id}`, { version: report2025.version, narrative: { other: '本年度收取信息处理费{{信息处理费}}元，已全部上缴国库。' } });
    expect(edited.json().state).toBe('draft');
    const status = (await office.get('/api/v1/reports/status?year=2025')).json();
    expect(status.rows.find((x: { unitId: string }) => x.unitId === unitX).status).toBe('published');
    const res = await office.post(`/api/v1/reports/${report2025.id}/publish`, { version: edited.json().version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().publications).toBe(2);
    expect(res.json().recordId).not.toBe(report2025.recordId);
    const old = (await office.get(`/api/v1/records/${report2025.recordId}`)).json();
    expect(old.state).toBe('superseded');
    expect(old.supersededById).toBe(res.json().recordId);
    report2025 = res.json();
  });

  it('needs reports.publish: the unit editor may draft its own unit’s report but not publish, nor see another unit’s', async () => {
    const editor = await loginAs(t.app, 'editor'); // 县发改局's editor
    const list = (await editor.get('/api/v1/reports?year=2025')).json() as { unitId: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.unitId === fgj)).toBe(true);
    expect((await editor.get(`/api/v1/reports/${report2025.id}`)).statusCode).toBe(404);
    expect((await editor.patch(`/api/v1/reports/${report2025.id}`, { version: report2025.version, title: '改' })).statusCode).toBe(404);
    expect((await editor.post('/api/v1/reports', { unitId: unitX, year: 2026 })).statusCode).toBe(403);
    const own = await editor.post('/api/v1/reports', { unitId: fgj, year: 2026 });
    expect(own.statusCode, own.body).toBe(201);
    const res = await editor.post(`/api/v1/reports/${own.json().id}/publish`, { version: own.json().version });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('审定并发布年度报告');
  });
});

describe('older reports, the status board, the roll-up', () => {
  it('imports a 2020 report in the 2019 layout and shows it in that layout', async () => {
    const zero7 = cnt();
    const body = {
      unitId: unitX,
      year: 2020,
      complete: true,
      section2v2019: {
        rules: { made: 0, published: 0, total: 0 },
        normativeDocuments: { made: 3, published: 3, total: 17 },
        licensing: { previous: 40, change: -2, decisions: 310 },
        otherServices: { previous: 5, change: 1, decisions: 22 },
        penalty: { previous: 12, change: 0, decisions: 45 },
        enforcement: { previous: 3, change: 0, decisions: 4 },
        fees: { previous: 2, change: -1 },
        procurement: { count: 6, amount: 128.5 },
      },
      section3: { newThisYear: cnt({ natural_person: 4, enterprise: 1 }), carriedOver: zero7, results: { disclosed: cnt({ natural_person: 3 }), 'other.other': cnt({ natural_person: 1, enterprise: 1 }) }, resultsTotal: zero7, carriedForward: zero7 },
      section4: { reconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }, litigation: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }, litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 } },
      narrative: FINISHED,
    };
    const res = await office.post('/api/v1/reports/import', body);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.format).toBe('2019');
    expect(r.figureSource).toBe('imported');
    expect(r.figures.section3.resultsTotal).toEqual(cnt({ natural_person: 4, enterprise: 1 }));
    expect(r.html).toContain('<caption>第二十条第（九）项</caption>');
    expect(r.html).toContain('<h2>五、政府信息公开工作存在的主要问题及改进情况</h2>');
    expect(r.html).toContain('<th scope="row" colspan="2">（六）其他处理</th>');
    expect(r.html).toContain('<td>-2</td>');
    // 信息处理费 was not a figure of the 2019 layout: its placeholder is unknown there.
    expect(r.findings.map((f: { code: string }) => f.code)).toEqual(['NARRATIVE_PLACEHOLDER']);
    const again = await office.post('/api/v1/reports/import', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('「示范县年报测试局」2020年度的报告已经存在');
    const wrong = await office.post('/api/v1/reports/import', { ...body, year: 2019, section2v2019: undefined, section2: { rules: { issued: 0, repealed: 0, valid: 0 }, normativeDocuments: { issued: 0, repealed: 0, valid: 0 }, licensing: 0, penalty: 0, enforcement: 0, feesWan: 0 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('第二部分表格的栏目');
    const live2020 = await office.post('/api/v1/reports', { unitId: unitX, year: 2020 });
    expect(live2020.statusCode).toBe(400);
    expect(live2020.json().error.message).toContain('2020年度的报告采用2019年格式，只能导入');
  });

  it('shows the office which units have published, with their due dates', async () => {
    const res = await office.get('/api/v1/reports/status?year=2025');
    expect(res.statusCode).toBe(200);
    const board = res.json();
    const row = (id: string) => board.rows.find((x: { unitId: string }) => x.unitId === id);
    expect(row(unitX)).toMatchObject({ status: 'published', due: '2026-01-31', report: { state: 'published' } });
    expect(row(root)).toMatchObject({ government: true, due: '2026-03-31' });
    expect(row(unitY)).toBeUndefined(); // an institution does not report
    const missing = board.rows.find((x: { unitName: string }) => x.unitName === '示范县教育和体育局');
    expect(missing).toMatchObject({ status: 'overdue', statusLabel: '逾期未发布', report: null });
    expect(board.counts.published).toBeGreaterThanOrEqual(1);
    const inspector = await loginAs(t.app, 'inspector');
    expect((await inspector.get('/api/v1/reports/status?year=2025')).json().rows.length).toBe(board.rows.length);
  });

  it('imports the section 二 figures of many units from XLSX, all or nothing', async () => {
    const sheet = await office.get('/api/v1/reports/unit-figures.xlsx?year=2024');
    expect(sheet.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toContain('行政许可（本年处理决定数量）');
    let xRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === '示范县年报测试局') xRow = n;
    });
    expect(xRow).toBeGreaterThan(2);
    ws.getRow(xRow).getCell(3).value = 7;
    ws.getRow(xRow).getCell(6).value = 1.5;
    const upload = async (bytes: Buffer) => {
      const boundary = '----reports';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="填报.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return office.send({ method: 'POST', url: '/api/v1/reports/unit-figures/import?year=2024', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await office.get('/api/v1/reports/unit-figures?year=2024')).json() as { unitId: string; licensing: number; feesWan: number; source: string }[];
    expect(list.find((x) => x.unitId === unitX)).toMatchObject({ licensing: 7, feesWan: 1.5, source: 'import' });
    ws.getRow(xRow).getCell(4).value = -1;
    ws.addRow(['', '不存在的局', 1, 1, 1, 1]);
    const bad = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems.map((p: { message: string }) => p.message)).toEqual([`第${xRow}行「行政处罚」应为不小于0的整数，现为“-1”`, `第${ws.rowCount}行的单位“不存在的局”在本站点的单位中找不到`]);
    expect((await office.get('/api/v1/reports/unit-figures?year=2024')).json().find((x: { unitId: string }) => x.unitId === unitX).penalty).toBe(0);
  });

  it('shows a city the published reports of its member governments and the sums of their tables', async () => {
    const { createTenant, updateTenant } = await import('../../src/modules/org/tenants.ts');
    const { createUser, grantRole } = await import('../../src/modules/org/users.ts');
    const { systemActor } = await import('../../src/core/auth/principal.ts');
    const platform = { kind: 'system' as const, actor: systemActor('00000000-0000-0000-0000-000000000000', '测试') };
    const city = await createTenant(t.database.db, platform, { code: 'shifanshi', name: '示范市人民政府', shortName: '示范市', root: { code: 'root', name: '示范市人民政府', shortName: '示范市政府' } });
    const cityCaller = { kind: 'system' as const, actor: systemActor(city.tenantId, '测试') };
    const cityRoot = (await listUnits(t.database.db, city.tenantId))[0]!;
    const u = await createUser(t.database.db, cityCaller, { username: 'city-office', displayName: '市公开办', unitId: cityRoot.id, password: 'Gongkai-Demo-2026', mustChangePassword: false });
    await grantRole(t.database.db, cityCaller, u.id, { role: 'office_admin', unitId: cityRoot.id, includeSubtree: true });
    const county = (await getTenantByCode(t.database.db, 'shifan'))!;
    await expect(updateTenant(t.database.db, platform, city.tenantId, { parentTenantId: city.tenantId, version: city.version })).rejects.toThrow('上级政府站点不能是它自己');
    // The platform admin makes the county a member of the city, through the API; a cycle is refused.
    const admin = await loginAs(t.app, 'admin');
    const joined = await admin.patch(`/api/v1/tenants/${county.tenantId}`, { parentTenantId: city.tenantId, version: county.version });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().parentTenantId).toBe(city.tenantId);
    const cycle = await admin.patch(`/api/v1/tenants/${city.tenantId}`, { parentTenantId: county.tenantId, version: city.version });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toContain('上级政府站点不能是它自己或它的下级站点');
    // Only the platform admin links governments: the county's own office may not.
    expect((await office.patch(`/api/v1/tenants/${county.tenantId}`, { parentTenantId: null, version: joined.json().version })).statusCode).toBe(403);

    const cityOffice = await loginAs(t.app, 'city-office', 'shifanshi');
    const res = await cityOffice.get('/api/v1/reports/rollup?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.members.map((m: { name: string }) => m.name)).toEqual(['示范县人民政府']);
    // The demo county's 2025 report, published (test/helpers/fixtures.ts loads the demo with a blob store).
    const member = r.members[0].report;
    expect(member.title).toBe('示范县人民政府2025年政府信息公开工作年度报告');
    expect(r.published).toBe(1);
    expect(r.summary.section3).toEqual(member.figures.section3);
    expect(r.summary.section3.newThisYear.total).toBe(57);
    expect(r.summary.section2.licensing).toBe(1256);
    const xlsx = await cityOffice.get('/api/v1/reports/rollup.xlsx?year=2025');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    // The county itself has no members; another tenant's office sees nothing of the county's.
    expect((await office.get('/api/v1/reports/rollup?year=2025')).json().members).toEqual([]);
    const other = await loginAs(t.app, 'other-office', 'duizhao');
    expect((await other.get('/api/v1/reports/rollup?year=2025')).body).not.toContain('示范县');
  });
});
