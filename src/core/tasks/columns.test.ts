import { describe, expect, it } from 'vitest';
import { hasUnitColumn, headerRole, isHeaderRow, readHeader } from './columns.ts';

describe('headerRole', () => {
  it.each([
    ['序号', 'serial'],
    ['编号', 'serial'],
    ['工作任务', 'category'],
    ['重点任务', 'category'],
    ['工作要求', 'requirement'],
    ['具体要求', 'requirement'],
    ['工作任务及要求', 'requirement'],
    ['具体措施', 'requirement'],
    ['工作举措', 'requirement'],
    ['责任单位', 'units'],
    ['牵头及责任单位', 'units'],
    ['责任部门', 'units'],
    ['承办单位', 'units'],
    ['牵头单位', 'lead'],
    ['牵头部门', 'lead'],
    ['配合单位', 'supporting'],
    ['协办单位', 'supporting'],
    ['时限要求', 'deadline'],
    ['完成时限', 'deadline'],
    ['完成时间', 'deadline'],
    ['时间节点', 'deadline'],
    ['单位分管领导', 'other'],
    ['责任科室', 'other'],
    ['备注', 'other'],
    [' 责 任 单 位 ', 'units'],
  ])('%s → %s', (label, role) => {
    expect(headerRole(label)).toBe(role);
  });
  it('long or unknown text is no header', () => {
    expect(headerRole('按照有关规定公开政府债务限额和使用安排等信息')).toBeNull();
    expect(headerRole('县财政局')).toBeNull();
    expect(headerRole('')).toBeNull();
  });
});

describe('readHeader', () => {
  it('maps every column, in any order', () => {
    const m = readHeader(['责任单位', '序号', '时限要求', '工作要求', '工作任务'])!;
    expect(m.roles).toEqual(['units', 'serial', 'deadline', 'requirement', 'category']);
    expect(hasUnitColumn(m)).toBe(true);
  });
  it('工作任务 is the requirement when there is no 要求 column', () => {
    expect(readHeader(['序号', '工作任务', '责任单位', '完成时限'])!.roles).toEqual(['serial', 'requirement', 'units', 'deadline']);
  });
  it('a ledger template has no unit column', () => {
    const m = readHeader(['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室'])!;
    expect(hasUnitColumn(m)).toBe(false);
  });
  it('is not a header: one known cell, a data row, long cells', () => {
    expect(readHeader(['序号', '县财政局'])).toBeNull();
    expect(isHeaderRow(['1', '任务', '做好预决算公开工作并按时发布', '县财政局'])).toBe(false);
    expect(readHeader(['时限要求', '备注'])).toBeNull();
  });
});
