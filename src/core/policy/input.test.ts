import { describe, expect, it } from 'vitest';
import { maskEmail, normaliseEmail, plainText } from './input.ts';
import { linksMail, policyMail, welcomeMail } from './mail.ts';

describe('what the public types', () => {
  it('keeps plain text only: scripts, tags and control characters removed, bounded', () => {
    expect(plainText('<script>alert(1)</script>高龄<b>津贴</b>\u0000怎么领？', 100)).toBe('高龄津贴怎么领？');
    expect(plainText('<img src=x onerror=alert(1)>问题', 100)).toBe('问题');
    expect(plainText('a\r\n\r\n\r\n\r\nb', 100)).toBe('a\n\nb');
    expect(plainText('x'.repeat(500), 10)).toHaveLength(10);
    expect(plainText('1 < 2 且 3 > 2', 100)).toBe('1 < 2 且 3 > 2');
  });

  it('accepts mailboxes as people type them, and refuses what a mail server would not take', () => {
    expect(normaliseEmail(' Zhang.San@Example.GOV.cn ')).toBe('Zhang.San@example.gov.cn');
    expect(normaliseEmail('ｚｓ＠ｅｘａｍｐｌｅ．ｃｎ')).toBe('zs@example.cn');
    for (const bad of ['', 'zs', 'zs@', '@example.cn', 'zs@example', 'z s@example.cn', 'zs..x@example.cn', '<a>@example.cn', 'zs@exa_mple.cn', `${'a'.repeat(200)}@example.cn`]) expect(normaliseEmail(bad), bad).toBeNull();
    expect(maskEmail('zhangsan@example.cn')).toBe('zh***@example.cn');
    expect(maskEmail('z@example.cn')).toBe('z***@example.cn');
  });
});

describe('the e-mails', () => {
  it('welcome a subscriber with the confirmation and management links', () => {
    const m = welcomeMail({ site: '示范县人民政府门户网站', manageUrl: 'https://x/zczr/my?t=T', confirmUrl: 'https://x/zczr/confirm?t=C', profile: '个人，青山镇' });
    expect(m.subject).toContain('确认');
    expect(m.text).toContain('https://x/zczr/confirm?t=C');
    expect(m.text).toContain('https://x/zczr/my?t=T');
  });

  it('announce a policy without any secret, with why it fits', () => {
    const m = policyMail({ site: '示范县', title: '高龄津贴', recordUrl: 'https://x/zfxxgk/info/1', guideUrl: 'https://x/zczr/zc/1', reasons: ['您2026年满92周岁'], period: null, lostLinkUrl: 'https://x/zczr/link' });
    expect(m.subject).toContain('高龄津贴');
    expect(m.text).toContain('· 您2026年满92周岁');
    expect(m.text).not.toContain('?t=');
    expect(linksMail({ site: '示范县', links: [{ manageUrl: 'u1', profile: 'p1' }, { manageUrl: 'u2', profile: 'p2' }] }).text).toContain('2. 订阅条件：p2');
  });
});
