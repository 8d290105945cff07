// 收到申请之日: the day the statutory clock runs from depends on how the request arrived (Art. 31 of the
// regulation, 2019):
//   (一) handed in person → the day it is handed in;
//   (二) by post → the day the organ signs for it; an ordinary letter that needs no signature is confirmed
//        with the applicant by the 工作机构 on the day it arrives, and that confirmation date counts;
//   (三) through an internet channel or the 工作机构's fax → the day both sides confirm (双方确认之日).
import type { LocalDate } from '../calendar/index.ts';
import { formatDateZh } from '../calendar/explain.ts';

export const CHANNELS = ['in_person', 'post', 'post_ordinary', 'online', 'email', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  in_person: '当面提交',
  post: '邮寄（签收）',
  post_ordinary: '平常信函（无需签收）',
  online: '网上申请（门户网站）',
  email: '电子邮件',
  fax: '传真',
};

/** Channels whose receipt date is a confirmation with the applicant (Art. 31(二) ordinary letters, (三)). */
export function needsConfirmation(c: Channel): boolean {
  return c === 'post_ordinary' || c === 'online' || c === 'email' || c === 'fax';
}

export interface ReceiptInput {
  channel: Channel;
  /** The day it was handed in, signed for, or arrived (sent online, fax received, letter found in the mail). */
  arrivedOn: LocalDate;
  /** The day the office confirmed receipt with the applicant (the channels of needsConfirmation). */
  confirmedOn?: LocalDate | null;
}

export type ReceiptResult = { ok: true; receivedOn: LocalDate; rule: string; warnings: string[] } | { ok: false; field: string; message: string };

export function receiptDate(r: ReceiptInput, today: LocalDate): ReceiptResult {
  if (r.arrivedOn > today) return { ok: false, field: 'arrivedOn', message: `收到日期 ${r.arrivedOn} 晚于今天，不能登记未来的日期` };
  const arrived = formatDateZh(r.arrivedOn);
  switch (r.channel) {
    case 'in_person':
      return { ok: true, receivedOn: r.arrivedOn, rule: `当面提交，以提交之日（${arrived}）为收到申请之日（《条例》第三十一条第（一）项）`, warnings: [] };
    case 'post':
      return { ok: true, receivedOn: r.arrivedOn, rule: `邮寄提交，以签收之日（${arrived}）为收到申请之日（《条例》第三十一条第（二）项）`, warnings: [] };
    default: {
      if (!r.confirmedOn) return { ok: false, field: 'confirmedOn', message: `${CHANNEL_LABELS[r.channel]}的申请，须填写与申请人确认收到的日期（《条例》第三十一条）` };
      if (r.confirmedOn > today) return { ok: false, field: 'confirmedOn', message: `确认日期 ${r.confirmedOn} 晚于今天` };
      if (r.confirmedOn < r.arrivedOn) return { ok: false, field: 'confirmedOn', message: `确认日期 ${r.confirmedOn} 早于申请到达的日期 ${r.arrivedOn}` };
      const confirmed = formatDateZh(r.confirmedOn);
      if (r.channel === 'post_ordinary') {
        const warnings = r.confirmedOn !== r.arrivedOn ? [`平常信函应于收到当日（${arrived}）与申请人确认，实际确认于${confirmed}`] : [];
        return { ok: true, receivedOn: r.confirmedOn, rule: `平常信函，以政府信息公开工作机构与申请人确认之日（${confirmed}）为收到申请之日（《条例》第三十一条第（二）项）`, warnings };
      }
      return { ok: true, receivedOn: r.confirmedOn, rule: `${CHANNEL_LABELS[r.channel]}，以双方确认之日（${confirmed}）为收到申请之日（《条例》第三十一条第（三）项）`, warnings: [] };
    }
  }
}
