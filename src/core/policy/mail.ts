// The e-mails of 政策订阅, as plain text: the welcome (with the link to confirm the address and the link to
// manage the subscription), a fresh management link on request, and the notice of a new policy that fits.
// A policy notice carries no secret: it links the policy and the page where a lost management link is
// sent again, so it may sit in an outbox or a mailbox without giving anybody the subscription.

export interface Mail {
  subject: string;
  text: string;
}

const FOOTER = (site: string) => `\n\n——\n${site}\n本邮件由系统自动发送，请勿直接回复。`;

export function welcomeMail(p: { site: string; manageUrl: string; confirmUrl: string; profile: string }): Mail {
  return {
    subject: `${p.site}：请确认您的政策订阅`,
    text:
      `您好！\n\n您在${p.site}订阅了“政策找人”服务，订阅条件：${p.profile}。\n\n` +
      `请打开下面的链接确认这个邮箱，确认后，符合您条件的新政策发布时我们会发邮件告诉您：\n${p.confirmUrl}\n\n` +
      `查看为您推送的政策、修改订阅条件或者取消订阅，请使用您的专属管理链接（请妥善保存，不要转发给他人）：\n${p.manageUrl}\n\n` +
      `如果您没有订阅过，请忽略本邮件，我们不会再给您发送政策邮件。` +
      FOOTER(p.site),
  };
}

export function linksMail(p: { site: string; links: { manageUrl: string; profile: string }[] }): Mail {
  return {
    subject: `${p.site}：您的政策订阅管理链接`,
    text:
      `您好！\n\n根据您的请求，我们为这个邮箱的${p.links.length > 1 ? `${p.links.length}个` : ''}政策订阅生成了新的管理链接（原来的链接已失效）：\n\n` +
      p.links.map((l, i) => `${p.links.length > 1 ? `${i + 1}. ` : ''}订阅条件：${l.profile}\n${l.manageUrl}`).join('\n\n') +
      `\n\n如果您没有提出这个请求，可以忽略本邮件；新链接只发给这个邮箱。` +
      FOOTER(p.site),
  };
}

export function policyMail(p: { site: string; title: string; recordUrl: string; guideUrl: string; reasons: string[]; period: string | null; lostLinkUrl: string }): Mail {
  return {
    subject: `${p.site}：有一项新政策适合您——${p.title}`,
    text:
      `您好！\n\n${p.site}发布了一项新政策，根据您订阅时填写的条件，它可能适合您：\n\n《${p.title}》\n政策原文：${p.recordUrl}\n申报指南：${p.guideUrl}\n` +
      (p.period ? `办理期限：${p.period}\n` : '') +
      (p.reasons.length ? `\n推送原因：\n${p.reasons.map((r) => `· ${r}`).join('\n')}\n` : '') +
      `\n是否符合条件，以政策原文和主管部门的审核为准。\n\n` +
      `查看全部推送、修改条件或取消订阅，请使用订阅时获得的管理链接；链接遗失的，可以在这里让我们重新发送到本邮箱：\n${p.lostLinkUrl}` +
      FOOTER(p.site),
  };
}
