import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createCatalogueItem } from '../../core/catalogue/index.ts';
import type { CatalogueItem, CatalogueItemInput } from '../../core/catalogue/index.ts';
import { domainNameFromTitle, exportCatalogueXlsx, formatChannels, importCatalogueXlsx, parseChannels, parseMark } from './xlsx.ts';

const base: Omit<CatalogueItemInput, 'seq' | 'level1' | 'level2' | 'content' | 'timeLimitText' | 'channels'> = {
  basis: '《政府信息公开条例》第二十条',
  responsibleText: '县发改局',
  audiencePublic: true,
  audienceSpecific: false,
  modeProactive: true,
  modeRequest: false,
  levelCounty: true,
  levelTownship: false,
};

const items: CatalogueItem[] = [
  createCatalogueItem({
    ...base,
    seq: 1,
    level1: '审批服务',
    level2: '申报要求',
    content: '1.申报材料清单\n2.办理流程',
    timeLimitText: '自信息形成或者变更之日起20个工作日内',
    channels: ['政府网站', '投资项目在线审批监管平台', '示范县发布公众号'],
  }),
  createCatalogueItem({
    ...base,
    seq: 2,
    level1: '审批服务',
    level2: '审批结果',
    content: '项目名称、审批文号、审批结果',
    timeLimitText: '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
    channels: ['政府网站', '两微一端', '发布会/听证会', '社区/企事业单位/村公示栏（电子屏）'],
    modeRequest: true,
  }),
  createCatalogueItem({
    ...base,
    seq: 3,
    level1: '审批服务',
    level2: '批复文件',
    content: '批复文件全文',
    basis: '',
    timeLimitText: '每季度',
    channels: ['其他'],
    levelCounty: false,
    levelTownship: true,
  }),
  createCatalogueItem({
    ...base,
    seq: 4,
    level1: '招标投标',
    level2: '中标结果',
    content: '中标人、中标金额',
    timeLimitText: '及时公开',
    responsibleText: '县发改局、县公共资源交易中心',
    channels: ['公共资源交易平台', '招投标公共服务平台'],
    audienceSpecific: true,
    levelTownship: true,
  }),
  createCatalogueItem({
    ...base,
    seq: 5,
    level1: '施工管理',
    level2: '质量安全监督',
    content: '监督检查结果',
    timeLimitText: '每年3月31日前',
    channels: STANDARD_ALL(),
    audiencePublic: false,
    audienceSpecific: true,
    modeProactive: false,
    modeRequest: true,
  }),
];

function STANDARD_ALL(): string[] {
  return ['政府网站', '两微一端', '广播电视', '公开查阅点', '便民服务站', '政府公报', '发布会/听证会', '纸质媒体', '政务服务中心', '入户/现场', '社区/企事业单位/村公示栏（电子屏）', '精准推送'];
}

async function load(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb.worksheets[0]!;
}

type Cell = string | number | boolean | null;

/** A workbook of one sheet with these rows (1-based as in Excel) and merges ("B5:B7"). */
async function sheet(rows: Cell[][], merges: string[] = [], name = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => {
    r.forEach((v, k) => {
      if (v !== null) ws.getCell(i + 1, k + 1).value = v;
    });
  });
  for (const m of merges) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('channels and marks', () => {
  it('formats the checkbox list and the plain list', () => {
    expect(formatChannels(['两微一端', '政府网站', '示范发布'])).toBe(
      '■政府网站 ■两微一端 □广播电视 □公开查阅点 □便民服务站 □政府公报 □发布会/听证会 □纸质媒体 □政务服务中心 □入户/现场 □社区/企事业单位/村公示栏（电子屏） □精准推送 ■其他：示范发布',
    );
    expect(formatChannels(['公共资源交易平台'])).toMatch(/□精准推送 ■公共资源交易平台 □其他$/);
    expect(formatChannels(['两微一端', '政府网站', '示范发布'], 'list')).toBe('政府网站、两微一端、示范发布');
  });
  it('parses ■/□ lists, ticks, and plain lists', () => {
    expect(parseChannels('■政府网站 □两微一端 ■政务服务中心 □其他')).toEqual(['政府网站', '政务服务中心']);
    expect(parseChannels('■政府网站□两微一端■其他：示范发布、县电视台')).toEqual(['政府网站', '示范发布', '县电视台']);
    expect(parseChannels('☑政府网站\n☐政府公报\n☑其他（示范发布）')).toEqual(['政府网站', '示范发布']);
    expect(parseChannels('√政府网站 √公开查阅点')).toEqual(['政府网站', '公开查阅点']);
    expect(parseChannels('政府网站、政务服务中心，公共资源交易平台；示范发布')).toEqual(['政府网站', '政务服务中心', '公共资源交易平台', '示范发布']);
    expect(parseChannels('政府网站 两微一端')).toEqual(['政府网站', '两微一端']);
    expect(parseChannels('政府网站、其他：示范 发布')).toEqual(['政府网站', '示范 发布']);
    expect(parseChannels('')).toEqual([]);
    expect(parseChannels('□政府网站 □其他')).toEqual([]);
  });
  it('reads marks', () => {
    for (const t of ['√', '✓', '✔', '是', '●', '■', ' √ ', 'Y', 'TRUE']) expect(parseMark(t)).toBe(true);
    for (const t of ['', ' ', '×', '否', '□', 'N', 'FALSE', '/']) expect(parseMark(t)).toBe(false);
    for (const t of ['可能', '?', '县级']) expect(parseMark(t)).toBeUndefined();
  });
  it('finds the domain in a title', () => {
    expect(domainNameFromTitle('重大建设项目领域政务公开事项标准目录')).toBe('重大建设项目');
    expect(domainNameFromTitle('示范县生态环境领域基层政务公开标准目录')).toBe('生态环境');
    expect(domainNameFromTitle('示范县交通运输领域基层政务公开标准目录')).toBe('交通运输');
    expect(domainNameFromTitle('锡林浩特市城市综合执法领域基层政务公开标准目录')).toBe('城市综合执法');
    expect(domainNameFromTitle('环境保护（生态环境）领域政务公开事项标准目录')).toBe('环境保护（生态环境）');
    expect(domainNameFromTitle('青山镇社会救助政务公开事项标准目录')).toBe('社会救助');
    expect(domainNameFromTitle('附件1')).toBeUndefined();
  });
});

describe('exportCatalogueXlsx', () => {
  it('writes the standard layout', async () => {
    const ws = await load(await exportCatalogueXlsx('重大建设项目', items));
    expect(ws.name).toBe('重大建设项目');
    expect(ws.getCell('A1').value).toBe('重大建设项目领域政务公开事项标准目录');
    const row2 = Array.from({ length: 14 }, (_, i) => ws.getCell(2, i + 1).value);
    const row3 = Array.from({ length: 14 }, (_, i) => ws.getCell(3, i + 1).value);
    expect(row2).toEqual([
      '序号',
      '公开事项',
      '公开事项',
      '公开内容（要素）',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开对象',
      '公开对象',
      '公开方式',
      '公开方式',
      '公开层级',
      '公开层级',
    ]);
    expect(row3).toEqual([
      '序号',
      '一级事项',
      '二级事项',
      '公开内容（要素）',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '全社会',
      '特定群众',
      '主动',
      '依申请公开',
      '县级',
      '乡级',
    ]);
    const merges = (ws.model as ExcelJS.WorksheetModel).merges;
    for (const m of ['A1:N1', 'A2:A3', 'B2:C2', 'D2:D3', 'H2:H3', 'I2:J2', 'K2:L2', 'M2:N2', 'B4:B6']) expect(merges).toContain(m);
    expect(merges).not.toContain('B7:B8'); // 招标投标 and 施工管理 are single rows
    // Merged 一级事项: the covered cells are part of the merge.
    expect(ws.getCell('B5').isMerged).toBe(true);
    expect(ws.getCell('B5').master.address).toBe('B4');
    // Values, marks, channels.
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('D4').value).toBe('1.申报材料清单\n2.办理流程');
    expect(ws.getCell('I4').value).toBe('√');
    expect(ws.getCell('J4').value).toBeNull();
    expect(ws.getCell('L5').value).toBe('√');
    expect(String(ws.getCell('H4').value)).toMatch(/^■政府网站 □两微一端 .* ■投资项目在线审批监管平台 ■其他：示范县发布公众号$/);
    // Presentation.
    expect(ws.getCell('D4').font.name).toBe('宋体');
    expect(ws.getCell('A1').font).toMatchObject({ name: '黑体', bold: true });
    expect(ws.getCell('D4').alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
    expect(ws.getCell('D4').border.top?.style).toBe('thin');
    expect(ws.getCell('I3').border.bottom?.style).toBe('thin');
    expect(ws.getColumn(4).width).toBeGreaterThan(30);
    expect(ws.getColumn(9).width).toBeLessThan(10);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });
  it('keeps an empty catalogue valid and a custom title', async () => {
    const ws = await load(await exportCatalogueXlsx('就业', [], { title: '示范县就业领域基层政务公开标准目录' }));
    expect(ws.getCell('A1').value).toBe('示范县就业领域基层政务公开标准目录');
    expect(ws.getCell('B3').value).toBe('一级事项');
  });
});

describe('round trip', () => {
  it('export then import gives the same items (checkbox channels)', async () => {
    const res = await importCatalogueXlsx(await exportCatalogueXlsx('重大建设项目', items));
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.domainName).toBe('重大建设项目');
    expect(res.items).toEqual(items);
  });
  it('the same with plain channel lists and a domain with an alternative name', async () => {
    const res = await importCatalogueXlsx(await exportCatalogueXlsx('环境保护（生态环境）', items, { channelStyle: 'list' }));
    expect(res.errors).toEqual([]);
    expect(res.domainName).toBe('环境保护（生态环境）');
    expect(res.items).toEqual(items);
  });
  it('accepts a Uint8Array and an ArrayBuffer', async () => {
    const buf = await exportCatalogueXlsx('重大建设项目', items.slice(0, 1));
    expect((await importCatalogueXlsx(new Uint8Array(buf))).items).toEqual(items.slice(0, 1));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    expect((await importCatalogueXlsx(ab)).items).toEqual(items.slice(0, 1));
  });
});

describe('import variants', () => {
  it('reordered and extra columns, merged 一级事项, marks of every kind, empty rows, notes and section rows', async () => {
    const buf = await sheet(
      [
        ['示范县生态环境领域基层政务公开标准目录'],
        [],
        ['公开事项', null, '公开主体', '备注', '公开内容（要素）', '公开时限', '公开依据', '公开渠道', '公开方式', null, '公开对象', null, '更新日期'],
        ['一级事项', '二级事项', null, null, null, null, null, null, '依申请公开', '主动', '特定群众', '全社会', null],
        ['一、环境质量'],
        ['环境质量', '空气质量', '县生态环境分局', '按日', '空气质量日报', '实时公开', '《环境保护法》', '政府网站、两微一端', '', '✓', '', '是', '2026-01-01'],
        [null, '水环境质量', '县生态环境分局', null, '水质月报', '每月10日前', '《水污染防治法》', '■政府网站 □两微一端 ■其他：县电视台', '×', '●', '否', '■', null],
        [],
        [null, '声环境质量', '县生态环境分局', null, '噪声监测结果', '每季度', '', '公开查阅点', '是', '√', '√', '□', null],
        ['环境执法', '行政处罚', '县生态环境分局', null, '处罚决定书', '行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示', '《行政处罚法》', '政府网站', '', '√', '', '√', null],
        ['注：本目录由县生态环境分局负责解释'],
      ],
      ['A1:M1', 'A3:B3', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4', 'I3:J3', 'K3:L3', 'M3:M4', 'A5:M5', 'A6:A9', 'A11:M11'],
    );
    const res = await importCatalogueXlsx(buf);
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.domainName).toBe('生态环境');
    expect(res.items.map((i) => [i.seq, i.level1, i.level2, i.responsibleText, i.content, i.basis])).toEqual([
      [1, '环境质量', '空气质量', '县生态环境分局', '空气质量日报', '《环境保护法》'],
      [2, '环境质量', '水环境质量', '县生态环境分局', '水质月报', '《水污染防治法》'],
      [3, '环境质量', '声环境质量', '县生态环境分局', '噪声监测结果', ''],
      [4, '环境执法', '行政处罚', '县生态环境分局', '处罚决定书', '《行政处罚法》'],
    ]);
    expect(res.items.map((i) => [i.modeRequest, i.modeProactive, i.audienceSpecific, i.audiencePublic])).toEqual([
      [false, true, false, true],
      [false, true, false, true],
      [true, true, true, false],
      [false, true, false, true],
    ]);
    // No 公开层级 columns: both false.
    expect(res.items.every((i) => !i.levelCounty && !i.levelTownship)).toBe(true);
    expect(res.items.map((i) => i.channels)).toEqual([['政府网站', '两微一端'], ['政府网站', '县电视台'], ['公开查阅点'], ['政府网站']]);
    expect(res.items.map((i) => i.timeLimitRule.kind)).toEqual(['continuous', 'periodic', 'periodic', 'after_event']);
  });

  it('a one-row header, single 公开对象/公开方式/公开层级 columns, its own 序号 numbers', async () => {
    const buf = await sheet([
      ['序号', '一级事项', '二级事项', '公开内容', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级'],
      [10, '资金发放', '补贴标准', '标准', '', '每年', '县农业农村局', '政府网站', '全社会', '主动', '县级、乡级'],
      [20, '资金发放', '发放结果', '名单', '', '年底前', '县农业农村局', '村公示栏', '特定群众', '主动、依申请公开', '乡级'],
    ]);
    const res = await importCatalogueXlsx(buf);
    expect(res.errors).toEqual([]);
    expect(res.domainName).toBeUndefined();
    expect(res.items.map((i) => [i.seq, i.audiencePublic, i.audienceSpecific, i.modeProactive, i.modeRequest, i.levelCounty, i.levelTownship, i.channels])).toEqual([
      [10, true, false, true, false, true, true, ['政府网站']],
      [20, false, true, true, true, false, true, ['社区/企事业单位/村公示栏（电子屏）']],
    ]);
  });

  it('序号 merged or missing: the rows are numbered in order; a blank 一级事项 takes the one above', async () => {
    const header = ['序号', '一级事项', '二级事项', '公开内容（要素）', '公开时限', '公开主体', '公开渠道和载体', '全社会', '主动'];
    const row = (seq: Cell, l1: Cell, l2: string): Cell[] => [seq, l1, l2, '内容', '每月', '县民政局', '政府网站', '√', '√'];
    const res = await importCatalogueXlsx(await sheet([header, row(1, '救助', 'a'), row(null, '救助', 'b'), row(2, null, 'c')], ['A2:A3']));
    expect(res.errors).toEqual([]);
    expect(res.items.map((i) => [i.seq, i.level1, i.level2])).toEqual([
      [1, '救助', 'a'],
      [2, '救助', 'b'],
      [3, '救助', 'c'],
    ]);
  });

  it('a row of column numbers under the header and an unmerged section heading are skipped', async () => {
    const res = await importCatalogueXlsx(
      await sheet([
        ['一级事项', '二级事项', '公开内容', '公开时限', '公开主体', '公开渠道', '全社会', '主动'],
        [1, 2, 3, 4, 5, 6, 7, 8],
        ['一、基本信息'],
        ['a', 'b', 'c', '每月', 'd', '政府网站', '√', '√'],
      ]),
    );
    expect(res.errors).toEqual([]);
    expect(res.items.map((i) => [i.seq, i.level1])).toEqual([[1, 'a']]);
  });

  it('cells only formatted (far right, far down) are not walked', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(['一级事项', '二级事项', '公开内容', '公开时限', '公开主体', '公开渠道', '全社会', '主动']);
    ws.addRow(['a', 'b', 'c', '每月', 'd', '政府网站', '√', '√']);
    ws.getCell(2, 16000).border = { top: { style: 'thin' } };
    for (let r = 3; r <= 60000; r += 997) ws.getCell(r, 3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    const started = Date.now();
    const res = await importCatalogueXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.errors).toEqual([]);
    expect(res.items.map((i) => i.level1)).toEqual(['a']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('the first sheet with a header is read', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '填表说明';
    const ws = wb.addWorksheet('目录');
    ws.addRow(['一级事项', '二级事项', '公开内容', '公开时限', '公开主体', '公开渠道', '全社会', '主动']);
    ws.addRow(['a', 'b', 'c', '每月', 'd', '政府网站', '√', '√']);
    const res = await importCatalogueXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.sheetName).toBe('目录');
    expect(res.items).toHaveLength(1);
  });
});

describe('import errors', () => {
  const header = [
    ['示范县就业领域基层政务公开标准目录'],
    ['序号', '公开事项', null, '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', null, '公开方式', null],
    [null, '一级事项', '二级事项', null, null, null, null, null, '全社会', '特定群众', '主动', '依申请公开'],
  ];
  const merges = ['A1:L1', 'A2:A3', 'B2:C2', 'D2:D3', 'E2:E3', 'F2:F3', 'G2:G3', 'H2:H3', 'I2:J2', 'K2:L2'];

  it('names the row and column of each problem, in Chinese; rows with errors are left out', async () => {
    const buf = await sheet(
      [
        ...header,
        [1, '就业服务', '招聘信息', '岗位', '', '及时公开', '县人社局', '政府网站', '√', '', '√', ''],
        [2, '就业服务', '', '补贴', '', '每季度', '县人社局', '政府网站', '√', '', '√', ''],
        [3, '就业服务', '培训', '培训计划', '', '每年', '县人社局', '政府网站', '可能', '', '√', ''],
        [4, '就业服务', '失业登记', '办事指南', '', '', '县人社局', '', '', '', '', ''],
        [5, '就业服务', '创业担保贷款', '贷款条件', '', '按有关规定', '县人社局', '政府网站', '√', '', '√', ''],
      ],
      merges,
    );
    const res = await importCatalogueXlsx(buf);
    expect(res.domainName).toBe('就业');
    expect(res.errors).toEqual([
      { row: 5, column: '二级事项', message: '第5行（C列）“二级事项”不能为空' },
      { row: 6, column: '公开对象（全社会）', message: '第6行（I列）“公开对象（全社会）”无法识别“可能”，应填√（是）或留空（否）' },
      { row: 6, column: '公开对象', message: '第6行（I列）“公开对象”至少选择一项（全社会或特定群众）' },
      { row: 7, column: '公开时限', message: '第7行（F列）“公开时限”不能为空' },
      { row: 7, column: '公开渠道和载体', message: '第7行（H列）“公开渠道和载体”至少选择一项' },
      { row: 7, column: '公开对象', message: '第7行（I列）“公开对象”至少选择一项（全社会或特定群众）' },
      { row: 7, column: '公开方式', message: '第7行（K列）“公开方式”至少选择一项（主动或依申请公开）' },
    ]);
    expect(res.warnings).toEqual([
      {
        row: 8,
        column: '公开时限',
        message: '第8行（F列）“公开时限”的“按有关规定”无法识别为期限规则，系统不会为该事项自动生成公开任务，请人工确认',
      },
    ]);
    // Rows 4 and 8 are imported; the 序号 column is complete and distinct, so its numbers are kept.
    expect(res.items.map((i) => [i.seq, i.level2])).toEqual([
      [1, '招聘信息'],
      [5, '创业担保贷款'],
    ]);
  });

  it('a missing column is reported once, at the header', async () => {
    const buf = await sheet([
      ['一级事项', '二级事项', '公开内容', '公开主体', '全社会', '主动'],
      ['a', 'b', 'c', 'd', '√', '√'],
    ]);
    const res = await importCatalogueXlsx(buf);
    expect(res.items).toEqual([]);
    expect(res.errors).toEqual([
      { row: 1, column: '公开时限', message: '第1行（表头）：未找到“公开时限”列' },
      { row: 1, column: '公开渠道和载体', message: '第1行（表头）：未找到“公开渠道和载体”列' },
    ]);
  });

  it('no header in the first 10 rows, or not an Excel file', async () => {
    const rows: Cell[][] = Array.from({ length: 10 }, (_, i) => [`说明${i + 1}`]);
    rows.push(['一级事项', '二级事项']);
    expect((await importCatalogueXlsx(await sheet(rows))).errors).toEqual([
      { row: 0, column: '', message: '未找到表头：各工作表的前10行中都没有“一级事项”或“二级事项”' },
    ]);
    expect(await importCatalogueXlsx(Buffer.from('not a spreadsheet'))).toEqual({
      items: [],
      errors: [{ row: 0, column: '', message: '文件无法读取，请上传 Excel（.xlsx）格式的标准目录' }],
      warnings: [],
    });
  });
});
