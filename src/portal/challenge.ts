// A simple challenge against automated abuse of the public forms, working without JavaScript: a sum in
// Chinese numerals with its answer bound to a signed, expiring token (the answer itself is not in the
// page). Together with a hidden honeypot field and per-address rate limits it stops careless bots, never a
// person; a determined one is slowed down by the rate limit.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A page left open this long may still be submitted. */
const LIFETIME_MS = 2 * 3600_000;

export interface Challenge {
  question: string;
  token: string;
}

function sign(secret: string, answer: number, exp: number, nonce: string): string {
  return createHmac('sha256', secret).update(`challenge|${answer}|${exp}|${nonce}`).digest('base64url').slice(0, 32);
}

export function newChallenge(secret: string, now = Date.now()): Challenge {
  const a = 1 + (randomBytes(1)[0]! % 9);
  const b = 1 + (randomBytes(1)[0]! % 9);
  const exp = now + LIFETIME_MS;
  const nonce = randomBytes(6).toString('base64url');
  return { question: `${DIGITS[a]}加${DIGITS[b]}等于几？`, token: `${exp}.${nonce}.${sign(secret, a + b, exp, nonce)}` };
}

export type ChallengeResult = { ok: true } | { ok: false; message: string };

export function checkChallenge(secret: string, token: unknown, answer: unknown, now = Date.now()): ChallengeResult {
  if (typeof token !== 'string' || typeof answer !== 'string') return { ok: false, message: '请回答验证问题' };
  const [expText, nonce, mac] = token.split('.');
  const exp = Number(expText);
  if (!nonce || !mac || !Number.isFinite(exp)) return { ok: false, message: '验证问题已失效，请回答新的问题' };
  if (now > exp) return { ok: false, message: '页面停留时间过长，验证问题已失效，请回答新的问题' };
  const n = Number(answer.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  if (!Number.isInteger(n) || n < 0 || n > 100) return { ok: false, message: '验证问题的答案请填写阿拉伯数字，如 12' };
  const expected = Buffer.from(sign(secret, n, exp, nonce));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, message: '验证问题回答不正确，请重新计算' };
  return { ok: true };
}
