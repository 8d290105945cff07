// 存量政府信息导入: the dry run names every bad row and why (and saves nothing), a good file imports with its
// attachments, a re-run imports nothing new, imported records are on the portal with their 索引号, XLSX and a
// GB18030 CSV both work through the console's upload, and a user without records.import is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import { makeDocx, makePdf } from '../../src/core/files/fixtures.testing.ts';
import { formatIssue } from '../../src/core/publishing/import-rows.ts';
import { createUser, grantRole } from '../../src/modules/org/users.ts';
import { dryRunImport, importCallerFor, ImportInvalidError, runImport, type ImportInput } from '../../src/modules/publishing/import.ts';
import { importRoutes } from '../../src/modules/publishing/import-routes.ts';
import { blobStoreFromConfig } from '../../src/modules/files/index.ts';
import { buildApp, type App } from '../../src/server.ts';
import { Agent, testConfig } from '../helpers/app.ts';
import { createFixtureDatabase, type TestDatabase } from '../helpers/db.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

const HEADER = ['标题', '发布机构', '发文机关', '文号', '索引号', '体裁', '主题分类', '主题词', '成文日期', '发布日期', '形成日期', '公开属性', '公开属性依据', '有效性', '正文', '附件'];
type Row = Partial<Record<(typeof HEADER)[number], string>>;

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const toCsv = (rows: Row[], header = HEADER) => [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** GB18030 (GBK part) bytes of a text, by inverting the platform's decoder over every two-byte code. */
function encodeGb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

let database: TestDatabase;
let app: App;
let tenantId: string;
let office: Caller;
let filesDir: string;
const blobs = () => blobStoreFromConfig(testConfig());

const multipart = (fileName: string, bytes: Uint8Array) => {
  const boundary = '----gongkai-import';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

async function login(username: string): Promise<Agent> {
  const a = new Agent(app);
  await a.login(username, PASSWORD);
  return a;
}

const upload = (who: Agent, fileName: string, bytes: Uint8Array, dryRun: boolean) => who.send({ method: 'POST', url: `/api/v1/records/import?dryRun=${dryRun}`, ...multipart(fileName, bytes) });

async function count(table: string, where = 'true'): Promise<number> {
  const { rows } = await database.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return rows[0].n;
}

const input = (fileName: string, text: string | Uint8Array, withFiles = true): ImportInput => ({
  fileName,
  bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
  filesDir: withFiles ? filesDir : null,
  maxFileBytes: 10 * 1024 * 1024,
});

beforeAll(async () => {
  database = await createFixtureDatabase();
  const config = testConfig();
  app = await buildApp({ config, database });
  importRoutes(app, { db: database.db, blobs: blobStoreFromConfig(config), config });
  await app.ready();
  const { rows } = await database.pool.query("SELECT tenant_id FROM tenants WHERE code = 'shifan'");
  tenantId = rows[0].tenant_id;
  office = await importCallerFor(database.db, tenantId, 'office');
  filesDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-files-'));
  writeFileSync(path.join(filesDir, '实施方案.pdf'), await makePdf(['Plan 2024']));
  writeFileSync(path.join(filesDir, '名单.docx'), await makeDocx(['附件：名单', '王某某']));
  writeFileSync(path.join(filesDir, '扫描件.docx'), await makePdf(['scan'])); // a PDF named .docx
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  if (filesDir) rmSync(filesDir, { recursive: true, force: true });
});

const good: Row[] = [
  {
    标题: '示范县发展和改革局关于做好2024年重点项目申报工作的通知',
    发布机构: '县发改局',
    文号: '示发改字〔2024〕11号',
    体裁: '通知',
    主题分类: '国民经济管理、国有资产监管、综合政务',
    主题词: '重点项目 申报',
    成文日期: '2024/3/1',
    发布日期: '2024年3月5日',
    公开属性: '主动公开',
    正文: '各有关单位：\n现将有关事项通知如下。',
    附件: '实施方案.pdf;名单.docx',
  },
  {
    标题: '示范县农村集体资产管理办法（2019年）',
    发布机构: 'root',
    发文机关: '示范县人民政府',
    文号: '示政规[2019]2号',
    索引号: 'root/2019-00042',
    体裁: '行政规范性文件',
    成文日期: '2019-06-10',
    发布日期: '2019-06-12 10:30',
    公开属性: '主动公开',
    有效性: '已废止',
    正文: '<p style="color:red">第一条 为规范管理，制定本办法。<script>alert(1)</script></p>',
  },
  { 标题: '县发改局党组会议纪要（2023年第5期）', 发布机构: '示范县发展和改革局', 体裁: '会议纪要', 成文日期: '2023-05-08', 公开属性: '不予公开', 公开属性依据: '第十六条第一款' },
  { 标题: '2018年度项目申报材料汇编', 发布机构: 'fgj', 成文日期: '2018-12-01', 发布日期: '2018-12-20' },
];

describe('dry run', () => {
  it('lists every bad row with its reason, and saves nothing', async () => {
    const before = { records: await count('records'), batches: await count('import_batches'), events: await count('record_events'), audit: await count('audit_log') };
    const bad: Row[] = [
      { 标题: '文号写错的通知', 发布机构: '县发改局', 文号: '发改委12号文', 成文日期: '2024-01-02', 公开属性: '主动公开' },
      { 标题: '成文晚于发布', 发布机构: '县发改局', 成文日期: '2024-03-10', 发布日期: '2024-03-01', 公开属性: '主动公开' },
      { 标题: '不予公开但没有依据', 发布机构: '县发改局', 成文日期: '2024-01-02', 公开属性: '不予公开' },
      { 标题: '单位不存在', 发布机构: '示范县宇宙开发局', 成文日期: '2024-01-02' },
      { 标题: '文号在表内第一次', 发布机构: '县发改局', 文号: '示发改字〔2024〕90号', 成文日期: '2024-01-02' },
      { 标题: '文号在表内重复', 发布机构: '县发改局', 文号: '示发改字（2024）90号', 成文日期: '2024-01-03' },
      { 标题: '文号与库中已有的重复', 发布机构: '县政府', 文号: '示政发〔2026〕3号', 成文日期: '2026-03-16' },
      { 标题: '附件找不到', 发布机构: '县发改局', 成文日期: '2024-01-02', 附件: '不存在的文件.pdf' },
      { 标题: '附件内容与扩展名不符', 发布机构: '县发改局', 成文日期: '2024-01-02', 附件: '扫描件.docx' },
      { 标题: '日期不对', 发布机构: '县发改局', 成文日期: '2024-02-30' },
      { 标题: '体裁不认识', 发布机构: '县发改局', 成文日期: '2024-01-02', 体裁: '诗歌' },
      good[0]!,
    ];
    const s = await dryRunImport(database.db, office, input('坏表.csv', toCsv(bad)));
    const by = (row: number) => s.errors.filter((e) => e.row === row);
    // Row numbers are the sheet's: the header is row 1.
    expect(by(2)).toEqual([expect.objectContaining({ column: '文号', message: expect.stringContaining('格式不正确') })]);
    expect(by(3)).toEqual([expect.objectContaining({ column: '成文日期', message: expect.stringMatching(/成文日期 2024-03-10 晚于发布日期 2024-03-01/) })]);
    expect(by(4)).toEqual([expect.objectContaining({ column: '公开属性依据', message: expect.stringContaining('必须填写') })]);
    expect(by(5)).toEqual([expect.objectContaining({ column: '发布机构', message: expect.stringContaining('示范县宇宙开发局') })]);
    expect(by(6)).toEqual([]);
    expect(by(7)).toEqual([expect.objectContaining({ column: '文号', message: expect.stringContaining('与第6行重复') })]);
    expect(by(8)).toEqual([expect.objectContaining({ column: '文号', message: expect.stringMatching(/示政发〔2026〕3号.*已被《.*》使用/) })]);
    expect(by(9)).toEqual([expect.objectContaining({ column: '附件', message: expect.stringContaining('找不到') })]);
    expect(by(10)).toEqual([expect.objectContaining({ column: '附件', message: expect.stringMatching(/扩展名是 \.docx，但内容是PDF/) })]);
    expect(by(11)).toEqual([expect.objectContaining({ column: '成文日期', message: expect.stringContaining('不是有效的日期') })]);
    expect(by(12)).toEqual([expect.objectContaining({ column: '体裁', message: expect.stringContaining('诗歌') })]);
    expect(by(13)).toEqual([]);
    expect(formatIssue(by(2)[0]!)).toMatch(/^第2行「文号」：/);
    expect(s).toMatchObject({ rows: 12, toImport: 2, attachments: 2 });

    // A real run refuses to start, saying the same.
    const refused = await runImport(database.db, blobs(), office, input('坏表.csv', toCsv(bad))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportInvalidError);
    expect((refused as ImportInvalidError).summary.errors).toEqual(s.errors);
    expect({ records: await count('records'), batches: await count('import_batches'), events: await count('record_events'), audit: await count('audit_log') }).toEqual(before);
  });

  it('refuses units outside the caller’s scope', async () => {
    const system: Caller = { kind: 'system', actor: systemActor(tenantId, '测试') };
    const { rows } = await database.pool.query("SELECT id FROM units WHERE tenant_id = $1 AND code = 'qsz'", [tenantId]);
    const user = await createUser(database.db, system, { username: 'qsz-office', displayName: '青山镇公开办', unitId: rows[0].id, password: PASSWORD, mustChangePassword: false });
    await grantRole(database.db, system, user.id, { role: 'office_admin', unitId: rows[0].id, includeSubtree: true });
    const town = await importCallerFor(database.db, tenantId, 'qsz-office');
    const s = await dryRunImport(database.db, town, input('范围.csv', toCsv([{ 标题: '县发改局的信息', 发布机构: '县发改局', 成文日期: '2024-01-02' }])));
    expect(s.errors).toEqual([expect.objectContaining({ row: 2, column: '发布机构', message: expect.stringContaining('示范县发展和改革局') })]);
  });
});

describe('import', () => {
  let ids: Map<string, { id: string; index_no: string; [column: string]: unknown }>;

  it('imports a good file with its attachments, one transaction per batch, each with its batch row and audit entry', async () => {
    const progress: number[] = [];
    const r = await runImport(database.db, blobs(), office, input('存量信息.csv', '\ufeff' + toCsv(good)), { batchSize: 3, onProgress: (p) => progress.push(p.imported) });
    expect(r).toMatchObject({ imported: 4, toImport: 4, alreadyImported: 0, attachments: 2, errors: [] });
    expect(progress).toEqual([3, 4]);
    expect(r.batches.map((b) => b.rows)).toEqual([3, 1]);
    const { rows } = await database.pool.query(
      'SELECT r.id, r.title, r.index_no, r.state, r.attribute, r.attribute_ground, r.doc_no, r.published_at, r.due_on, r.working_days_late, r.validity, r.body_html, r.topics, r.import_batch_id FROM records r WHERE r.import_batch_id IS NOT NULL',
    );
    ids = new Map(rows.map((x) => [x.title, x]));
    const notice = ids.get(good[0]!.标题!)!;
    expect(notice).toMatchObject({ state: 'published', attribute: 'proactive', doc_no: '示发改字〔2024〕11号', working_days_late: 0, topics: ['国民经济管理、国有资产监管', '综合政务'] });
    expect(notice.index_no).toMatch(/^fgj\/2024-\d{5}$/);
    expect(notice.due_on).toBeTruthy();
    const rule = ids.get(good[1]!.标题!)!;
    expect(rule).toMatchObject({ index_no: 'root/2019-00042', doc_no: '示政规〔2019〕2号', validity: 'repealed', state: 'published' });
    expect(rule.body_html).toBe('<p>第一条 为规范管理，制定本办法。</p>');
    expect(new Date(rule.published_at as string).toISOString()).toBe('2019-06-12T02:30:00.000Z');
    expect(ids.get(good[2]!.标题!)).toMatchObject({ state: 'approved', attribute: 'withheld', attribute_ground: 'art16-internal', published_at: null });
    expect(ids.get(good[3]!.标题!)).toMatchObject({ state: 'approved', attribute: null });
    // The kept 索引号 pushed its counter past it: the next one issued in that scope does not collide.
    const { rows: counter } = await database.pool.query("SELECT last_seq FROM index_counters WHERE tenant_id = $1 AND scope = 'root/2019-0000#'", [tenantId]);
    expect(counter[0].last_seq).toBeGreaterThanOrEqual(42);

    const batches = (await database.pool.query('SELECT id, status, rows, file_name FROM import_batches')).rows;
    expect(batches).toHaveLength(2);
    for (const b of batches) {
      expect(b).toMatchObject({ status: 'committed', file_name: '存量信息.csv' });
      expect(await count('records', `import_batch_id = '${b.id}'`)).toBe(b.rows);
      expect(await count('record_events', `data->>'importBatchId' = '${b.id}'`)).toBe(b.rows);
      expect(await count('audit_log', `action = 'record.import' AND entity_id = '${b.id}'`)).toBe(1);
    }
    const atts = (await database.pool.query('SELECT file_name, kind, text FROM record_attachments WHERE record_id = $1 ORDER BY sort_order', [notice.id])).rows;
    expect(atts.map((a) => [a.file_name, a.kind])).toEqual([
      ['实施方案.pdf', 'pdf'],
      ['名单.docx', 'docx'],
    ]);
    expect(atts[1].text).toContain('王某某');
    expect(warningsOf(r.warnings)).toContain('第5行「发布日期」');
  });

  it('imports nothing new when the same file is run again', async () => {
    const before = await count('records');
    const again = await runImport(database.db, blobs(), office, input('存量信息.csv', '\ufeff' + toCsv(good)));
    expect(again).toMatchObject({ imported: 0, toImport: 0, alreadyImported: 4, errors: [] });
    expect(await count('records')).toBe(before);
    expect(await count('import_batches')).toBe(2);
    // The dry run of the same file says so too.
    expect(await dryRunImport(database.db, office, input('存量信息.csv', toCsv(good)))).toMatchObject({ toImport: 0, alreadyImported: 4, errors: [] });
  });

  it('shows published imported records on the portal with their 索引号 and attachments; the others not', async () => {
    for (const t of [good[0]!.标题!, good[1]!.标题!]) {
      const rec = ids.get(t)!;
      const page = await app.inject({ url: `/zfxxgk/info/${rec.id}`, headers: { host: 'localhost' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(rec.index_no);
      expect(page.body).toContain(t);
    }
    expect((await app.inject({ url: `/zfxxgk/info/${ids.get(good[0]!.标题!)!.id}`, headers: { host: 'localhost' } })).body).toContain('实施方案.pdf');
    expect((await app.inject({ url: `/zfxxgk/info/${ids.get(good[2]!.标题!)!.id}`, headers: { host: 'localhost' } })).statusCode).toBe(404);
  });
});

function warningsOf(list: { row: number; column: string; message: string }[]): string {
  return list.map(formatIssue).join('\n');
}

describe('through the console (HTTP)', () => {
  it('imports an XLSX with Excel dates, and a CSV in GB18030', async () => {
    const office = await login('office');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('存量信息');
    ws.addRow(['示范县政府信息存量导入表']);
    ws.addRow(['标题（必填）', '发布机构', '文号', '体裁', '成文日期', '发布日期', '公开属性']);
    ws.addRow(['示范县2022年财政预算执行情况', '县财政局', '示财〔2022〕8号', '财政预决算', new Date(Date.UTC(2022, 6, 1)), new Date(Date.UTC(2022, 6, 8)), '主动公开']);
    ws.addRow(['示范县2021年统计公报', 'czj', '', '统计信息', 44300, '2021/04/30', '主动公开']);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const dry = await upload(office, '存量.xlsx', xlsx, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, format: 'xlsx', rows: 2, toImport: 2, errors: [] });
    expect(await count('records', "title IN ('示范县2022年财政预算执行情况', '示范县2021年统计公报')")).toBe(0);
    const res = await upload(office, '存量.xlsx', xlsx, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, imported: 2 });
    const { rows } = await database.pool.query("SELECT written_on::text, index_no FROM records WHERE title = '示范县2021年统计公报'");
    expect(rows[0].written_on).toBe('2021-04-14'); // Excel day 44300
    expect(rows[0].index_no).toMatch(/^czj\/2021-\d{5}$/);

    const gbRows: Row[] = [{ 标题: '示范县2020年政府信息公开工作年度报告', 发布机构: '示范县人民政府', 体裁: '工作报告总结', 成文日期: '2021年1月20日', 发布日期: '2021年1月25日', 公开属性: '主动公开', 正文: '一、总体情况' }];
    const gb = encodeGb18030(toCsv(gbRows));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    const gbDry = await upload(office, '年报.csv', gb, true);
    expect(gbDry.json()).toMatchObject({ encoding: 'gb18030', toImport: 1, errors: [] });
    expect((await upload(office, '年报.csv', gb, false)).json()).toMatchObject({ imported: 1 });
    const { rows: report } = await database.pool.query("SELECT id, body_text FROM records WHERE title = '示范县2020年政府信息公开工作年度报告'");
    expect(report[0].body_text).toBe('一、总体情况');
    expect((await app.inject({ url: `/zfxxgk/info/${report[0].id}`, headers: { host: 'localhost' } })).statusCode).toBe(200);

    // Attachments need the command line; a sheet with bad rows answers 400 with every problem.
    const withFile = await upload(office, '带附件.csv', new TextEncoder().encode(toCsv([{ 标题: '带附件', 发布机构: '县发改局', 成文日期: '2024-01-02', 附件: 'a.pdf' }])), false);
    expect(withFile.statusCode).toBe(400);
    expect(withFile.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: { errors: [expect.objectContaining({ row: 2, column: '附件', message: expect.stringContaining('命令行') })] } });
  });

  it('is documented in the OpenAPI description with its permission', async () => {
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    const op = spec.paths['/api/v1/records/import'].post;
    expect(op.description).toContain('records.import');
    expect(op.summary).toContain('multipart/form-data');
    expect(op.parameters).toEqual([expect.objectContaining({ in: 'query', name: 'dryRun' })]);
  });

  it('refuses a user without records.import', async () => {
    const editor = await login('editor');
    const res = await upload(editor, '存量.csv', new TextEncoder().encode(toCsv([good[3]!])), true);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('批量导入存量政府信息');
    // The service refuses it too, whoever calls it.
    const caller = await importCallerFor(database.db, tenantId, 'editor');
    await expect(dryRunImport(database.db, caller, input('x.csv', toCsv([good[3]!])))).rejects.toThrow('批量导入存量政府信息');
  });
});
