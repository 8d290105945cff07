import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeCsv, formatIssue, importBody, indexNoProblem, matchGround, parseDateCell, parseImportFile, splitFileNames, splitTopics } from './import-rows.ts';

const opts = { today: '2026-11-20', now: new Date('2026-11-20T00:00:00+08:00') };
const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

describe('import rows: cells', () => {
  it('reads dates in the forms offices type them, Excel dates included', () => {
    const ok = (v: string | number | Date) => parseDateCell(v, '成文日期');
    for (const v of ['2024-03-01', '2024/3/1', '2024.3.1', '2024年3月1日', '２０２４年３月１日', '20240301', 45352, '45352', new Date(Date.UTC(2024, 2, 1))]) {
      expect(ok(v), String(v)).toEqual({ ok: true, date: '2024-03-01', time: null });
    }
    expect(ok('2024-03-01 10:30')).toEqual({ ok: true, date: '2024-03-01', time: '10:30:00' });
    expect(ok(45352.4375)).toEqual({ ok: true, date: '2024-03-01', time: '10:30:00' });
    expect(ok('2024-02-30')).toMatchObject({ ok: false, message: expect.stringContaining('成文日期') });
    expect(ok('三月一日')).toMatchObject({ ok: false, message: expect.stringContaining('格式不正确') });
    expect(parseDateCell(null, '成文日期')).toBeNull();
    expect(ok('  ')).toBeNull();
  });

  it('matches the legal ground by code, by article and text, and refuses an ambiguous or inconsistent one', () => {
    expect(matchGround('art15-privacy')).toEqual({ ok: true, code: 'art15-privacy' });
    expect(matchGround('《政府信息公开条例》第十五条：涉及个人隐私，公开会对第三方合法权益造成损害的政府信息')).toEqual({ ok: true, code: 'art15-privacy' });
    expect(matchGround('过程性信息（讨论记录、过程稿、磋商信函、请示报告等）')).toEqual({ ok: true, code: 'art16-process' });
    expect(matchGround('第十六条第一款')).toEqual({ ok: true, code: 'art16-internal' });
    expect(matchGround('第十四条')).toMatchObject({ ok: false, message: expect.stringContaining('3 项') });
    expect(matchGround('第十四条 内部事务信息（人事管理、后勤管理、内部工作流程等）')).toMatchObject({ ok: false, message: expect.stringContaining('不符') });
    expect(matchGround('保密')).toMatchObject({ ok: false });
  });

  it('splits topics on 、 but keeps standard topics that contain one, and file names on ; or 、', () => {
    expect(splitTopics('国民经济管理、国有资产监管、综合政务')).toEqual(['国民经济管理、国有资产监管', '综合政务']);
    expect(splitTopics('城乡建设、环境保护；其他')).toEqual(['城乡建设、环境保护', '其他']);
    expect(splitTopics('')).toEqual([]);
    expect(splitFileNames('a.pdf; b.docx、c.pdf\na.pdf')).toEqual(['a.pdf', 'b.docx', 'c.pdf']);
  });

  it('keeps 索引号 that look like one', () => {
    for (const ok of ['000014349/2017-00110', '11341702486344515H/202110-00013', '0142768-8/2022-00185', 'fgj/2026-00012']) expect(indexNoProblem(ok), ok).toBeNull();
    for (const bad of ['abc', '2024 001', '索引/2024-1', 'x'.repeat(101)]) expect(indexNoProblem(bad), bad).toMatch(/索引号/);
  });

  it('turns plain text into paragraphs without a parser, and sanitises HTML', () => {
    expect(importBody('第一段\r\n\r\n 第二段 a<b&c ')).toEqual({ html: '<p>第一段</p><p>第二段 a&lt;b&amp;c</p>', text: '第一段\n第二段 a<b&c' });
    expect(importBody('<p onclick="x()">正文<script>alert(1)</script></p>')).toEqual({ html: '<p>正文</p>', text: '正文' });
    expect(importBody('')).toEqual({ html: '', text: '' });
  });

  it('reads CSV as UTF-8 (with or without BOM), else as GB18030', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('标题')]))).toEqual({ text: '标题', encoding: 'utf-8' });
    expect(decodeCsv(new TextEncoder().encode('标题'))).toEqual({ text: '标题', encoding: 'utf-8' });
    expect(decodeCsv(Uint8Array.of(0xb1, 0xea, 0xcc, 0xe2))).toEqual({ text: '标题', encoding: 'gb18030' });
  });
});

describe('import rows: the sheet', () => {
  it('finds the header below a title row by its text, in any order, with notes in brackets', async () => {
    const p = await parseImportFile(csv(['存量信息导入表,,', '发布日期,标题（必填）,发布单位,文号', '2024/3/5,关于某事的通知,县发改局,示发改字[2024]3号']), 'a.csv', opts);
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 2, errors: [] });
    expect(p.columns).toEqual({ publishedOn: '发布日期', title: '标题（必填）', unit: '发布单位', docNo: '文号' });
    expect(p.rows[0]).toMatchObject({ row: 3, title: '关于某事的通知', unit: '县发改局', publishedOn: '2024-03-05', formedOn: '2024-03-05', genre: 'other', attribute: null, docNo: { normalized: '示发改字〔2024〕3号' } });
  });

  it('reports a missing header, and every problem of a row with the column’s own header', async () => {
    expect((await parseImportFile(csv(['名称,单位', 'x,y']), 'a.csv', opts)).errors[0]!.message).toContain('没有找到表头');
    const p = await parseImportFile(
      csv([
        '标题,发布单位,文号,索引号,成文日期,发布日期,公开属性,公开属性依据,体裁,有效性',
        ',,发改委12号文,索引 1,2027-01-01,,主动,,,',
        '甲,县发改局,示发改字〔2024〕3号,fgj/2024-00001,2024-03-02,2024-03-01,不予公开,,规划,已废止',
        '乙,县发改局,示发改字（2024）3号,fgj/2024-00001,2024-03-01,,依申请公开,第十五条,行政规范性文件,作废',
      ]),
      'a.csv',
      opts,
    );
    const lines = p.errors.map(formatIssue);
    expect(lines).toEqual([
      '第2行「标题」：标题不能为空',
      '第2行「发布单位」：发布单位不能为空（填写单位全称、简称、别名或编码）',
      expect.stringMatching(/^第2行「文号」：文号“发改委12号文”格式不正确/),
      expect.stringMatching(/^第2行「索引号」：索引号“索引 1”格式不正确/),
      '第2行「成文日期」：成文日期 2027-01-01 晚于今天（2026-11-20），存量信息的日期不能在将来',
      '第3行「成文日期」：成文日期 2024-03-02 晚于发布日期 2024-03-01',
      expect.stringMatching(/^第3行「公开属性依据」：公开属性为“不予公开”时，公开属性依据必须填写/),
      '第4行「文号」：文号“示发改字〔2024〕3号”与第3行重复（同一发文机关同一年度的文号不能重复）',
      '第4行「索引号」：索引号“fgj/2024-00001”与第3行重复（索引号不能重复）',
      expect.stringMatching(/^第4行「公开属性依据」：公开属性依据“第十五条”只写了第十五条，该条有 2 项/),
      '第4行「有效性」：有效性“作废”不认识，应为“有效”“已修改”“已废止”或“已失效”',
    ]);
    expect(p.warnings.map(formatIssue)).toEqual(['第3行「有效性」：只有行政规范性文件和规章有有效性，本行体裁为“规划计划”，已忽略']);
    expect(p.rows.map((r) => r.ok)).toEqual([false, false, false]);
  });

  it('reads an XLSX: rich text, formulas and date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('信息');
    ws.addRow(['标题', '发布机构', '成文日期', '发布日期', '公开属性', '体裁']);
    ws.addRow([{ richText: [{ text: '关于' }, { text: '某事的通知' }] }, 'fgj', new Date(Date.UTC(2024, 2, 1)), { formula: 'C2+4', result: new Date(Date.UTC(2024, 2, 5)) }, '主动公开', '通知']);
    const p = await parseImportFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'a.xlsx', opts);
    expect(p).toMatchObject({ format: 'xlsx', sheetName: '信息', errors: [] });
    expect(p.rows[0]).toMatchObject({ title: '关于某事的通知', writtenOn: '2024-03-01', publishedOn: '2024-03-05', attribute: 'proactive', genre: 'notice' });
    expect(p.rows[0]!.publishedAt!.toISOString()).toBe('2024-03-04T16:00:00.000Z');
  });

  it('refuses .xls and damaged files with a message', async () => {
    await expect(parseImportFile(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), 'a.xls', opts)).rejects.toThrow('.xlsx');
    await expect(parseImportFile(new TextEncoder().encode('not a zip'), 'a.xlsx', opts)).rejects.toThrow('不是有效的 Excel 文件');
  });
});
