import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { parseNoticeText } from './notice.ts';
import { noticeSummary } from './summary.ts';

const cal = WorkingCalendar.builtin();
const TEXT = [
  '示范县2022年政务公开重点工作任务分解表',
  '序号\t工作任务\t工作要求\t责任单位\t时限要求',
  '1\t重要部署\t公开重点任务进展情况\t县发改局牵头，县财政局配合\t按季度公开',
  '2\t\t公开执法信息\t县司法局\t处罚结果作出后7个工作日内',
  '3\t\t做好疫情信息发布\t\t疫情防控期间',
  '4\t\t做好解读工作\t县政府各部门\t视工作进展情况确定',
  '5\t\t编制年度报告\t县政府办公室\t',
].join('\n');

describe('noticeSummary', () => {
  const lines = noticeSummary(parseNoticeText(TEXT), cal, { fallbackYear: 2030 });
  const text = lines.join('\n');
  it('names the notice, the layout and the count', () => {
    expect(lines[0]).toBe('《示范县2022年政务公开重点工作任务分解表》（2022年）');
    expect(lines[1]).toContain('共 5 项任务');
  });
  it('each task with its units, roles and time limit read into dates of the plan year', () => {
    expect(text).toContain('1. 【重要部署】公开重点任务进展情况');
    expect(text).toContain('责任单位：县发改局、县财政局（牵头：县发改局；配合：县财政局）');
    expect(text).toContain('2022年截止日：2022-04-28（2022年第一季度）、2022-07-28（2022年第二季度）');
    expect(text).toContain('事件触发：自处罚结果作出之日起7个工作日内公开');
    expect(text).toContain('（同上一行，合并单元格）');
    expect(text).toContain('疫情防控期间持续落实');
    expect(text).toContain('2022年截止日：2022-12-30（未写时限，按年底计）');
  });
  it('flags what a person has to decide', () => {
    expect(text).toContain('需人工确定：未能识别的时限要求“视工作进展情况确定”');
    expect(text).toContain('有 1 项任务的时限要求需人工确定。');
    expect(lines.at(-1)).toContain('尚未导入');
  });
  it('a notice without tasks: its message', () => {
    const r = parseNoticeText('为进一步规范我县政务公开工作，制定本实施方案。\n一、指导思想\n坚持以人民为中心。');
    expect(noticeSummary(r, cal, { fallbackYear: 2030 })).toEqual([`这份通知：${r.message}`]);
  });
  it('no year in the notice: the fallback year', () => {
    const r = parseNoticeText('序号\t工作要求\t责任单位\t时限要求\n1\t公开预决算\t县财政局\t年底前');
    expect(noticeSummary(r, cal, { fallbackYear: 2024 }).join('\n')).toContain('2024年截止日：2024-12-31');
  });
});
