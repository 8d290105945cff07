import { describe, expect, it } from 'vitest';
import type { Cell, NoticeDocument, TableBlock } from './document.ts';
import { extractTasks, NOTICE_MESSAGES, stripEnumeration } from './extract.ts';
import { noticeJson, parseNoticeText } from './notice.ts';

const tasksOf = (text: string) => noticeJson(parseNoticeText(text)).tasks;
const lines = (...ls: string[]) => ls.join('\n');
const tab = (...rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
const doc = (rows: Array<Array<string | Cell>>, extra: Partial<TableBlock> = {}): NoticeDocument => ({
  format: 'html',
  blocks: [
    { kind: 'paragraph', text: '示范县2025年政务公开工作任务分解表' },
    { kind: 'table', source: 'html', mergeKnown: true, rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? { text: c } : c))), ...extra },
  ],
});
const UP: Cell = { text: '', merged: 'up' };
const LEFT: Cell = { text: '', merged: 'left' };

describe('tables: columns by header, in any order', () => {
  it('序号/工作任务/工作要求/责任单位/时限要求', () => {
    const t = tasksOf(
      tab(['序号', '工作任务', '工作要求', '责任单位', '时限要求'], ['1', '信息发布', '及时发布常务会议议定事项', '县政府办公室', '会议后1个工作日内'], ['2', '', '按月发布统计数据', '县统计局', '每月']),
    );
    expect(t).toEqual([
      { category: '信息发布', requirement: '及时发布常务会议议定事项', units: ['县政府办公室'], lead_units: [], deadline_text: '会议后1个工作日内' },
      { category: '信息发布', requirement: '按月发布统计数据', units: ['县统计局'], lead_units: [], deadline_text: '每月' },
    ]);
  });
  it('columns in another order', () => {
    const t = tasksOf(tab(['责任单位', '时限要求', '工作要求', '序号'], ['县财政局', '年底前', '公开预决算信息', '1'], ['县审计局、县财政局', '6月底前', '公开审计整改情况', '2']));
    expect(t.map((x) => [x.requirement, x.units, x.deadline_text])).toEqual([
      ['公开预决算信息', ['县财政局'], '年底前'],
      ['公开审计整改情况', ['县审计局', '县财政局'], '6月底前'],
    ]);
  });
  it('separate 牵头单位 and 配合单位 columns', () => {
    const t = tasksOf(tab(['序号', '工作要求', '牵头单位', '配合单位'], ['1', '公开预决算信息', '县财政局', '县审计局、各乡镇（街道）'], ['2', '公开审计整改情况', '县审计局', '']));
    expect(t[0]).toMatchObject({ units: ['县财政局', '县审计局', '各乡镇（街道）'], lead_units: ['县财政局'] });
    expect(t[1]).toMatchObject({ units: ['县审计局'], lead_units: ['县审计局'] });
  });
  it('a table with only 工作任务 (no 要求 column) uses it as the requirement', () => {
    expect(tasksOf(tab(['序号', '工作任务', '责任单位'], ['1', '公开预决算信息', '县财政局']))[0]).toMatchObject({ requirement: '公开预决算信息', category: null });
  });
});

describe('tables: merged cells in plain text', () => {
  const head = ['序号', '工作任务', '工作要求', '责任单位', '时限要求'];
  it('an empty unit cell repeats the units above, and then the time limit too', () => {
    const t = tasksOf(tab(head, ['1', '执法公示', '公开行政处罚信息', '县司法局牵头、各行政执法部门具体落实', '处罚结果作出后7个工作日内'], ['2', '', '更新执法公示平台', '', '']));
    expect(t[1]).toEqual({ category: '执法公示', requirement: '更新执法公示平台', units: ['县司法局', '各行政执法部门'], lead_units: ['县司法局'], deadline_text: '处罚结果作出后7个工作日内' });
  });
  it('a row with its own units but an empty time limit has none (blank)', () => {
    const t = tasksOf(tab(head, ['1', '执法公示', '公开行政处罚信息', '县司法局', '长期坚持'], ['2', '', '更新执法公示平台', '县司法局', '']));
    expect(t[1]!.deadline_text).toBeNull();
  });
  it('a time limit of its own under repeated units', () => {
    const t = tasksOf(tab(head, ['1', '住房保障', '公开棚改政策', '县住建局', '长期坚持'], ['2', '', '公开保障性住房分配结果', '', '分配结果确定后20个工作日内']));
    expect(t[1]).toMatchObject({ units: ['县住建局'], deadline_text: '分配结果确定后20个工作日内' });
  });
  it('a header repeated on every page keeps the categories and units above', () => {
    const t = tasksOf(
      [tab(head, ['1', '信息发布', '发布常务会议议定事项', '县政府办公室', '长期坚持']), '', tab(head, ['2', '', '发布重要会议信息', '', ''])].join('\n'),
    );
    expect(t[1]).toMatchObject({ category: '信息发布', units: ['县政府办公室'], deadline_text: '长期坚持' });
  });
  it('a row without serial number continuing a requirement cut by a page break', () => {
    const t = tasksOf(tab(head, ['1', '平台建设', '推进政府网站适老化改造，完成', '县政府办公室', '年底前'], ['', '', '首页和重点栏目的改造', '', ''], ['2', '', '做好政府公报发行', '县政府办公室', '']));
    expect(t).toHaveLength(2);
    expect(t[0]!.requirement).toBe('推进政府网站适老化改造，完成首页和重点栏目的改造');
  });
  it('a row without serial number after a finished sentence is a task of its own', () => {
    const t = tasksOf(tab(head, ['1', '平台建设', '推进政府网站适老化改造。', '县政府办公室', '年底前'], ['', '', '做好政府公报发行。', '县政府办公室', '']));
    expect(t).toHaveLength(2);
  });
});

describe('tables: cells shifted out of their columns (kaiping)', () => {
  const head = ['序号', '工作任务', '具体要求', '牵头及责任单位', ''];
  it('a sub-task row whose requirements follow one column to the right', () => {
    const t = tasksOf(
      tab(
        head,
        ['1', '深化政务服务公开', '推进网上办事服务公开。', '县行政审批服务局牵头，各乡镇（街道）负责', ''],
        ['2', '', '', '', '公开政务服务事项清单和办事指南。'],
        ['3', '', '', '', '及时公开改革进展和成效。'],
        ['4', '', '优化审批办事服务。', '开展办事服务信息专项检查。', '县行政审批服务局负责'],
        ['5', '', '', '办事条件变化后1个工作日内公开变更信息。', ''],
      ),
    );
    expect(t.map((x) => [x.category, x.requirement, x.units, x.lead_units])).toEqual([
      ['推进网上办事服务公开。', '公开政务服务事项清单和办事指南。', ['县行政审批服务局', '各乡镇（街道）'], ['县行政审批服务局']],
      ['推进网上办事服务公开。', '及时公开改革进展和成效。', ['县行政审批服务局', '各乡镇（街道）'], ['县行政审批服务局']],
      ['优化审批办事服务。', '开展办事服务信息专项检查。', ['县行政审批服务局'], []],
      ['优化审批办事服务。', '办事条件变化后1个工作日内公开变更信息。', ['县行政审批服务局'], []],
    ]);
  });
  it('a requirement standing in the unit column: the units come from above', () => {
    const t = tasksOf(
      tab(['序号', '工作任务', '具体要求', '牵头及责任单位'], ['1', '提升政务服务', '完善权责清单动态调整机制。', '县编办负责'], ['2', '', '推进网上办事服务公开。', '根据改革情况及时调整本部门权责清单，并对外公开。']),
    );
    expect(t).toEqual([{ category: '完善权责清单动态调整机制。', requirement: '根据改革情况及时调整本部门权责清单，并对外公开。', units: ['县编办'], lead_units: [], deadline_text: null }].map((x) => ({ ...x, category: '推进网上办事服务公开。' })));
  });
});

describe('tables with merge information (HTML, DOCX, XLSX)', () => {
  it('a merged cell repeats; an empty unmerged cell is blank', () => {
    const r = extractTasks(
      doc([
        ['序号', '工作任务', '工作要求', '责任单位', '时限要求'],
        ['1', '执法公示', '公开行政处罚信息', '县司法局', '长期坚持'],
        ['2', UP, '更新执法公示平台', UP, UP],
        ['3', UP, '开展执法监督检查', '', ''],
      ]),
    );
    expect(r.tasks.map((t) => [t.category, t.units, t.deadlineText, t.unitsFrom])).toEqual([
      ['执法公示', ['县司法局'], '长期坚持', 'own'],
      ['执法公示', ['县司法局'], '长期坚持', 'above'],
      ['执法公示', [], null, 'none'],
    ]);
    expect(r.warnings.join()).toContain('有 1 项任务没有识别出责任单位');
  });
  it('a table that marks merges but has no vertical merge at all is read like plain text (flattened)', () => {
    const r = extractTasks(
      doc([
        ['序号', '工作任务', '工作要求', '责任单位'],
        ['1', '执法公示', '公开行政处罚信息', '县司法局'],
        ['2', '', '更新执法公示平台', ''],
      ]),
    );
    expect(r.tasks[1]).toMatchObject({ category: '执法公示', units: ['县司法局'], unitsFrom: 'above' });
  });
  it('a row spanning the table is a section heading: the category of the rows below', () => {
    const r = extractTasks(
      doc([
        ['序号', '工作要求', '责任单位', '时限要求'],
        ['一、推进决策公开', LEFT, LEFT, LEFT],
        ['1', '公布重大行政决策事项目录', '县司法局', '年底前'],
        ['二、推进管理服务公开', LEFT, LEFT, LEFT],
        ['2', '公开权责清单', '县委编办', '动态调整'],
      ]),
    );
    expect(r.tasks.map((t) => t.category)).toEqual(['推进决策公开', '推进管理服务公开']);
  });
  it('title rows above the header are skipped', () => {
    const r = extractTasks(doc([['示范县任务分解表', LEFT, LEFT], ['序号', '工作要求', '责任单位'], ['1', '公开预决算', '县财政局']]));
    expect(r.tasks).toHaveLength(1);
  });
  it('a table without a header is read by its content', () => {
    const r = extractTasks(
      doc([
        ['1', '全面公开县级预决算和部门预决算信息', '县财政局'],
        ['2', '做好审计发现问题整改情况公开', '县审计局、县财政局'],
        ['3', '公开政府债务限额和余额', '县财政局'],
      ]),
    );
    expect(r.tasks.map((t) => t.units)).toEqual([['县财政局'], ['县审计局', '县财政局'], ['县财政局']]);
  });
});

describe('tables: more shapes', () => {
  it('a two-row header: 责任单位 over 牵头单位 | 配合单位', () => {
    const r = extractTasks(
      doc([
        ['序号', '工作任务', '责任单位', LEFT, '完成时限'],
        [UP, UP, '牵头单位', '配合单位', UP],
        ['1', '公开预决算信息', '县财政局', '县审计局', '年底前'],
        ['2', '发布统计数据', '县统计局', '/', '每月'],
      ]),
    );
    expect(r.tasks.map((t) => [t.requirement, t.units, t.leadUnits, t.supportingUnits, t.deadlineText])).toEqual([
      ['公开预决算信息', ['县财政局', '县审计局'], ['县财政局'], ['县审计局'], '年底前'],
      ['发布统计数据', ['县统计局'], ['县统计局'], [], '每月'],
    ]);
  });
  it('"/", "—" and "无" are empty cells', () => {
    const t = tasksOf(tab(['序号', '工作要求', '责任单位', '时限要求'], ['1', '公开预决算信息', '县财政局', '/'], ['2', '发布统计数据', '县统计局', '无']));
    expect(t.map((x) => x.deadline_text)).toEqual([null, null]);
  });
  it('units on two lines of one cell, one per label', () => {
    const t = tasksOf(tab(['序号', '工作要求', '责任单位'], ['1', '公开预决算信息', '牵头单位：县财政局 配合单位：县审计局']));
    expect(t[0]).toMatchObject({ units: ['县财政局', '县审计局'], lead_units: ['县财政局'] });
  });
});

describe('tables that cannot be imported', () => {
  it('no unit column: refused with a message, no tasks', () => {
    const r = parseNoticeText(lines('示范县2025年政务公开工作任务分解表', tab(['序号', '工作任务', '工作要求', '时限要求'], ['1', '信息发布', '发布常务会议议定事项', '长期坚持'], ['2', '', '发布统计数据', '每月'])));
    expect(r).toMatchObject({ status: 'refused', problem: 'no_unit_column', tasks: [] });
    expect(r.message).toBe(NOTICE_MESSAGES.noUnitColumn(1));
    expect(noticeJson(r)).toEqual({ tasks: [] });
  });
  it('a ledger template beside the real table is skipped with a note', () => {
    const r = parseNoticeText(
      lines(tab(['序号', '工作要求', '责任单位'], ['1', '公开预决算', '县财政局']), '', tab(['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室'], ['1', '双随机', '督促公开', '4月底前', '', ''])),
    );
    expect(r.status).toBe('ok');
    expect(r.tasks).toHaveLength(1);
    expect(r.warnings[0]).toContain('没有责任单位列');
  });
});

describe('one cell per line (feicheng)', () => {
  const text = lines(
    '示范县2025年政务公开重点工作任务分解表',
    '',
    '工作任务及要求',
    '',
    '责任单位',
    '',
    '推进政策公开',
    '',
    '加强决策公开',
    '',
    '公布重大行政决策事项目录。',
    '',
    '各乡镇（街道）、县政府各部门（单位）',
    '',
    '做好决策草案公开征求意见。',
    '',
    '邀请公众代表列席常务会议。',
    '',
    '县政府办公室',
    '',
    '做好政策解读',
    '',
    '做好图解解读工作。',
    '',
    '',
    '公开解读材料。',
    '',
    '县政府各部门（单位）',
    '',
    '',
    '工作任务及要求',
    '',
    '责任单位',
    '',
    '推进政',
    '',
    '策公开',
    '',
    '做好政策解读',
    '',
    '建立政策问答库。',
    '',
    '',
    '',
    '编辑：县政府办公室',
    '打印',
  );
  it('headings, requirements and units by content; merged unit cells repeat', () => {
    const t = tasksOf(text);
    expect(t.map((x) => [x.category, x.requirement, x.units])).toEqual([
      ['加强决策公开', '公布重大行政决策事项目录。', ['各乡镇（街道）', '县政府各部门（单位）']],
      ['加强决策公开', '做好决策草案公开征求意见。', ['各乡镇（街道）', '县政府各部门（单位）']],
      ['加强决策公开', '邀请公众代表列席常务会议。', ['县政府办公室']],
      ['做好政策解读', '做好图解解读工作。', []],
      ['做好政策解读', '公开解读材料。', ['县政府各部门（单位）']],
      ['做好政策解读', '建立政策问答库。', ['县政府各部门（单位）']],
    ]);
  });
  it('joins heading fragments cut by a page break, and stops at the page footer', () => {
    const r = parseNoticeText(text);
    expect(r.layout?.kind).toBe('cell_lines');
    expect(r.tasks.at(-1)!.categories).toEqual(['推进政策公开', '做好政策解读']);
    expect(r.tasks.some((x) => x.requirement.includes('编辑'))).toBe(false);
  });
});

describe('one cell per line with a 序号 column (a table copied without its tabs)', () => {
  it('rows start at the serial numbers; cells are put back into their columns by content', () => {
    const text = lines(
      '示范县2025年政务公开重点工作任务分解表',
      '序号', '工作任务', '工作要求', '责任单位', '时限要求',
      '',
      '1', '重要部署', '定期公开重点工作任务进展情况', '县发改局、县财政局', '按季度公开',
      '',
      '2', '', '做好县级预决算公开', '县财政局', '每年年底前',
      '',
      '3', '执法公示', '及时公开行政处罚信息', '县司法局牵头、各行政执法部门具体落实', '长期坚持',
      '',
      '4', '', '督促各部门按时公示', '', '',
      '',
      '5', '', '组织政务公开培训，年内组织培训不少于1次', '', '6月底前',
    );
    expect(tasksOf(text).map((x) => [x.category, x.requirement, x.units, x.lead_units, x.deadline_text])).toEqual([
      ['重要部署', '定期公开重点工作任务进展情况', ['县发改局', '县财政局'], [], '按季度公开'],
      ['重要部署', '做好县级预决算公开', ['县财政局'], [], '每年年底前'],
      ['执法公示', '及时公开行政处罚信息', ['县司法局', '各行政执法部门'], ['县司法局'], '长期坚持'],
      ['执法公示', '督促各部门按时公示', ['县司法局', '各行政执法部门'], ['县司法局'], '长期坚持'],
      ['执法公示', '组织政务公开培训，年内组织培训不少于1次', ['县司法局', '各行政执法部门'], ['县司法局'], '6月底前'],
    ]);
  });
});

describe('numbered prose with （责任单位：…）', () => {
  const text = lines(
    '示范县2025年政务公开工作实施方案',
    '一、工作任务',
    '（一）加强政策解读',
    '1.深入解读重要政策。政策文件与解读材料同步组织。（责任单位：县政府各部门、各乡镇人民政府）',
    '2.积极回应社会关切。及时发布权威信息。(牵头单位:县委宣传部;配合单位:县公安局;完成时限:长期坚持)',
    '（二）深化重点领域信息公开',
    '1.做好财政信息公开。全面公开预决算信息。',
    '责任单位：县财政局',
    '完成时限：每年年底前',
    '2.做好执法信息公开。（责任单位：各行政执法部门）。',
    '二、保障措施',
    '（一）加强组织领导。各单位要高度重视政务公开工作。',
  );
  it('each numbered paragraph with units is a task, under its heading', () => {
    expect(tasksOf(text)).toEqual([
      { category: '加强政策解读', requirement: '深入解读重要政策。政策文件与解读材料同步组织。', units: ['县政府各部门', '各乡镇人民政府'], lead_units: [], deadline_text: null },
      { category: '加强政策解读', requirement: '积极回应社会关切。及时发布权威信息。', units: ['县委宣传部', '县公安局'], lead_units: ['县委宣传部'], deadline_text: '长期坚持' },
      { category: '深化重点领域信息公开', requirement: '做好财政信息公开。全面公开预决算信息。', units: ['县财政局'], lead_units: [], deadline_text: '每年年底前' },
      { category: '深化重点领域信息公开', requirement: '做好执法信息公开。', units: ['各行政执法部门'], lead_units: [], deadline_text: null },
    ]);
    expect(parseNoticeText(text).layout?.kind).toBe('prose');
  });
  it('units in brackets without a label, at the end of a numbered item', () => {
    const t = tasksOf(
      lines(
        '示范县2025年政务公开工作要点',
        '一、推进决策公开',
        '1.公布重大行政决策事项目录。（县司法局牵头，县政府各部门配合）',
        '2.全面公开预决算信息。（2025年6月底前完成）',
        '3.做好依申请公开工作（鲁政办发〔2020〕11号）。',
        '4.做好规划公开。',
        '牵头单位：县发改局',
        '配合单位：县自然资源局',
        '完成时限：年底前',
      ),
    );
    expect(t.map((x) => [x.requirement, x.units, x.lead_units, x.deadline_text])).toEqual([
      ['公布重大行政决策事项目录。', ['县司法局', '县政府各部门'], ['县司法局'], null],
      ['做好规划公开。', ['县发改局', '县自然资源局'], ['县发改局'], '年底前'],
    ]);
  });
  it('stripEnumeration', () => {
    expect(stripEnumeration('1.做好')).toBe('做好');
    expect(stripEnumeration('（一）加强')).toBe('加强');
    expect(stripEnumeration('二、保障')).toBe('保障');
    expect(stripEnumeration('2022年底前')).toBe('2022年底前');
  });
});

describe('notices without tasks, and text that is not a notice', () => {
  it('a prose plan without units: no tasks and a clear message (linyi)', () => {
    const r = parseNoticeText(lines('为进一步规范我县政务公开工作，制定本实施方案。', '一、指导思想', '坚持以人民为中心深化政务公开。', '二、组织实施', '(一)推动政务公开事项标准化', '1.编制标准目录。全面梳理政务公开事项。'));
    expect(r).toMatchObject({ status: 'no_tasks', problem: 'no_tasks', tasks: [], message: NOTICE_MESSAGES.noTasks });
  });
  it('not a notice: refused', () => {
    const r = parseNoticeText('今天天气很好，我们去公园散步。\n晚上吃了饺子。');
    expect(r).toMatchObject({ status: 'refused', problem: 'not_notice', tasks: [] });
    expect(parseNoticeText('Lorem ipsum dolor sit amet.').problem).toBe('not_notice');
  });
  it('empty: refused', () => {
    expect(parseNoticeText('')).toMatchObject({ status: 'refused', problem: 'empty' });
    expect(parseNoticeText(' \n \n')).toMatchObject({ status: 'refused', problem: 'empty' });
  });
});

describe('title and plan year', () => {
  it('the title of the notice, even over several lines, and its year', () => {
    const r = parseNoticeText(lines('示政办字〔2025〕12号', '示范县人民政府办公室', '关于印发2025年示范县政务公开工作方案', '的通知', '各乡镇：', tab(['序号', '工作要求', '责任单位'], ['1', '公开预决算', '县财政局'])));
    expect(r.title).toBe('示范县人民政府办公室关于印发2025年示范县政务公开工作方案的通知');
    expect(r.planYear).toBe(2025);
  });
  it('no year: null', () => {
    expect(parseNoticeText(tab(['序号', '工作要求', '责任单位'], ['1', '公开预决算', '县财政局'])).planYear).toBeNull();
  });
});
