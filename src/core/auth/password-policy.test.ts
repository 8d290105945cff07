import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';

describe('password policy', () => {
  it('accepts a long password with three character classes', () => {
    expect(checkPassword('Gongkai-Demo-2026').ok).toBe(true);
    expect(checkPassword('qingshan-zhen-26X').ok).toBe(true);
  });

  it.each([
    ['Ab1!', '至少需要 10 个字符'],
    ['abcdefghijkl', '至少三类'],
    ['ABCDEFGH12', '至少三类'],
    [' Leading-Space-1', '首尾'],
    ['Password123!', '过于常见'],
    ['Admin@123456', '过于常见'],
  ])('refuses %s (%s)', (pw, problem) => {
    const r = checkPassword(pw);
    expect(r.ok).toBe(false);
    expect(r.problems.join('；')).toContain(problem);
  });

  it('refuses a password that contains the user name or the person\'s name', () => {
    expect(checkPassword('Xx-wangli-2026', { username: 'WangLi' }).problems).toContain('密码不能包含用户名');
    expect(checkPassword('王力Abc-12345', { displayName: '王力' }).problems).toContain('密码不能包含姓名');
  });

  it('refuses anything longer than 128 characters', () => {
    expect(checkPassword('Aa1-' + 'x'.repeat(130)).ok).toBe(false);
  });

  it('never accepts a password shorter than 10 characters, whatever it holds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 9 }), (pw) => !checkPassword(pw).ok));
  });
});
