import { describe, expect, it } from 'vitest';
import { findPersonalData } from './detect.ts';
import { applyMasks, maskValue } from './mask.ts';

describe('maskValue: the customary shapes', () => {
  it('ID numbers', () => {
    expect(maskValue('id_card', '370983198001011234')).toBe('370983********1234');
    expect(maskValue('id_card', '11010519491231002X')).toBe('110105********002X');
    expect(maskValue('id_card', '370983800101123')).toBe('370983******123');
  });
  it('mobiles keep their prefix and grouping', () => {
    expect(maskValue('mobile', '13800138000')).toBe('138****8000');
    expect(maskValue('mobile', '138 0013 8000')).toBe('138 **** 8000');
    expect(maskValue('mobile', '138-0013-8000')).toBe('138-****-8000');
    expect(maskValue('mobile', '+86 13800138000')).toBe('+86 138****8000');
    expect(maskValue('mobile', '0086-138-0013-8000')).toBe('0086-138-****-8000');
  });
  it('landlines keep the area code and the last two digits', () => {
    expect(maskValue('landline', '0531-86123456')).toBe('0531-******56');
    expect(maskValue('landline', '(010)12345678')).toBe('(010)******78');
    expect(maskValue('landline', '0755-1234567转123')).toBe('0755-*****67转123');
  });
  it('bank cards: first 4, last 4', () => {
    expect(maskValue('bank_card', '6222021234567890123')).toBe('6222***********0123');
    expect(maskValue('bank_card', '4111 1111 1111 1111')).toBe('4111 **** **** 1111');
  });
  it('e-mail: first character, ***, @domain', () => {
    expect(maskValue('email', 'zhangsan@example.gov.cn')).toBe('z***@example.gov.cn');
    expect(maskValue('email', 'a@b.cn')).toBe('a***@b.cn');
  });
  it('personal fields: first character, a star for each other', () => {
    expect(maskValue('personal_field', '张三丰')).toBe('张**');
    expect(maskValue('personal_field', '欧阳娜娜')).toBe('欧***');
    expect(maskValue('personal_field', '𠮷野家')).toBe('𠮷**');
  });
});

describe('applyMasks', () => {
  it('replaces each finding by its mask, offsets from the original text', () => {
    const text = '张三丰，电话13800138000，邮箱zhangsanfeng@example.cn。';
    const f = findPersonalData(text, { personalValues: [{ field: '姓名', value: '张三丰' }] });
    expect(applyMasks(text, f)).toBe('张**，电话138****8000，邮箱z***@example.cn。');
    expect(applyMasks(text, [])).toBe(text);
  });
  it('refuses findings that no longer match the text', () => {
    const f = findPersonalData('电话13800138000');
    expect(() => applyMasks('电话13900139000', f)).toThrow(RangeError);
  });
});
