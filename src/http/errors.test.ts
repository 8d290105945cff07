import { describe, expect, it } from 'vitest';
import { validationMessage } from './errors.ts';

const schema = {
  body: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '单位全称', minLength: 1 },
      code: { type: 'string', title: '编码', pattern: '^[a-z]+$', description: '小写字母' },
      kind: { enum: ['a', 'b'] },
      items: { type: 'array', items: { type: 'object', properties: { date: { type: 'string', title: '日期', format: 'date' } } } },
    },
  },
};

describe('validation messages', () => {
  it('names a missing field by its Chinese title', () => {
    expect(validationMessage([{ keyword: 'required', instancePath: '', params: { missingProperty: 'name' } }], 'body', schema)).toBe('缺少必填项「单位全称」（name）');
  });

  it('explains type, length, pattern, enum and format problems in Chinese', () => {
    expect(validationMessage([{ keyword: 'type', instancePath: '/name', params: { type: 'string' } }], 'body', schema)).toBe('「单位全称」（name）应当是文本');
    expect(validationMessage([{ keyword: 'minLength', instancePath: '/name', params: { limit: 1 } }], 'body', schema)).toBe('「单位全称」（name）不能为空');
    expect(validationMessage([{ keyword: 'pattern', instancePath: '/code', params: {} }], 'body', schema)).toBe('「编码」（code）格式不正确：小写字母');
    expect(validationMessage([{ keyword: 'enum', instancePath: '/kind', params: { allowedValues: ['a', 'b'] } }], 'body', schema)).toContain('a、b');
    expect(validationMessage([{ keyword: 'format', instancePath: '/items/0/date', params: { format: 'date' } }], 'body', schema)).toBe('「日期」（items.0.date）应当是YYYY-MM-DD 格式的日期');
  });

  it('speaks of the whole body when the body itself is wrong', () => {
    expect(validationMessage([{ keyword: 'type', instancePath: '', params: { type: 'object' } }], 'body', schema)).toBe('请求体应当是对象');
  });
});
