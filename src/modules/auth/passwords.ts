// Password hashing with argon2id (OWASP's first choice), parameters from the OWASP cheat sheet.
import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '../../core/auth/password-policy.ts';
import { badRequest } from '../../core/errors.ts';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the user does not exist so that timing does not tell. */
let dummy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('gongkai-no-such-user-' + Math.random());
  await verifyPassword(await dummy, password);
}

export function assertPasswordAcceptable(password: string, context: { username?: string; displayName?: string }): void {
  const check = checkPassword(password, context);
  if (!check.ok) throw badRequest(`密码不符合要求：${check.problems.join('；')}`, { problems: check.problems });
}
