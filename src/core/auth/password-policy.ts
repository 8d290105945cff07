// Password rules for staff accounts, in line with the usual 等级保护 requirements: long enough, mixed
// character classes, not the user name, not a well-known weak password.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password',
  'password1',
  'passw0rd',
  'passwrd',
  'qwerty',
  'qwertyuiop',
  'abc123',
  'abcd1234',
  'admin',
  'admin123',
  'admin@123',
  'administrator',
  'root',
  '123456',
  '12345678',
  '1234567890',
  '123456789',
  '88888888',
  '11111111',
  'iloveyou',
  'welcome',
  'gongkai',
  'zhengwu',
  'woaini',
]);

export interface PasswordCheck {
  ok: boolean;
  problems: string[];
}

export function checkPassword(password: string, context: { username?: string; displayName?: string } = {}): PasswordCheck {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  if (password !== password.trim()) problems.push('密码首尾不能是空格');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
  const lower = password.toLowerCase();
  if (context.username && context.username.length >= 3 && lower.includes(context.username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  if (context.displayName && context.displayName.length >= 2 && password.includes(context.displayName)) {
    problems.push('密码不能包含姓名');
  }
  // Admin@123456, P@ssw0rd2026!, Qwerty!!99: a common word dressed up with digits, symbols and leet.
  const plain = lower.replace(/[^a-z]/g, '');
  const leet = lower.replace(/[@4]/g, 'a').replace(/0/g, 'o').replace(/[1!]/g, 'i').replace(/3/g, 'e').replace(/[$5]/g, 's').replace(/[^a-z]/g, '');
  const words = [lower, plain, leet, leet.replace(/i/g, 'l')];
  const digitsOnly = /^[^a-z]*$/i.test(password) && new Set(password.replace(/\D/g, '')).size <= 2;
  if (words.some((w) => COMMON.has(w)) || digitsOnly) problems.push('密码过于常见，容易被猜中');
  if (/^(.)\1+$/.test(password)) problems.push('密码不能由同一个字符重复组成');
  return { ok: problems.length === 0, problems };
}
