// What the public types into the policy pages: plain text only (markup and control characters removed,
// never interpreted), bounded, and e-mail addresses in a form a mail server accepts.

/** Plain text of what was typed: tags and control characters gone, line ends unified, trimmed, bounded. */
export function plainText(input: string, max: number): string {
  return input
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?[a-z!][^>]*>/gi, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max);
}

export const MAX_EMAIL_CHARS = 200;

/** A mailbox as people type it (full-width characters folded, spaces trimmed, domain lower-cased), or null. */
export function normaliseEmail(input: string): string | null {
  const s = input
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3002/g, '.')
    .trim();
  if (!s || s.length > MAX_EMAIL_CHARS) return null;
  const m = /^([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64})@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$/.exec(s);
  if (!m) return null;
  const [, local, domain] = m;
  if (local!.startsWith('.') || local!.endsWith('.') || local!.includes('..')) return null;
  return `${local}@${domain!.toLowerCase()}`;
}

/** An address shown back to its owner or to staff without giving it away whole: zh***@example.cn. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1) || 1)}***${email.slice(at)}`;
}
