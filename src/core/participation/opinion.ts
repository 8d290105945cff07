// Responding to matters of public concern (政务舆情), in hours, not working days:
// - 国办发〔2016〕80号 (实施细则): for 特别重大、重大突发事件, authoritative information within 5 hours at the
//   latest and a press conference within 24 hours at the latest;
// - 国办发〔2016〕61号: other 政务舆情, a response within 48 hours at the latest.
// Deadlines run from the moment the matter was detected (发现时间) and are shown with that rule.
export const OPINION_LEVELS = ['particularly_major', 'major', 'general'] as const;
export type OpinionLevel = (typeof OPINION_LEVELS)[number];

export const OPINION_LEVEL_LABELS: Record<OpinionLevel, string> = {
  particularly_major: '特别重大',
  major: '重大',
  general: '一般',
};

export const RELEASE_KINDS = ['authoritative_info', 'press_conference', 'response', 'follow_up'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

export const RELEASE_KIND_LABELS: Record<ReleaseKind, string> = {
  authoritative_info: '发布权威信息',
  press_conference: '举行新闻发布会',
  response: '回应',
  follow_up: '持续发布',
};

export interface OpinionDeadline {
  kind: 'authoritative_info' | 'press_conference' | 'response';
  label: string;
  hours: number;
  due: Date;
  basis: string;
  /** One sentence: the rule, the start and the moment it ends. */
  explanation: string;
}

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

/** The response deadlines of a matter detected at `detectedAt`, by its level. */
export function opinionDeadlines(level: OpinionLevel, detectedAt: Date): OpinionDeadline[] {
  const at = (hours: number) => new Date(detectedAt.getTime() + hours * 3_600_000);
  const make = (kind: OpinionDeadline['kind'], hours: number, basis: string): OpinionDeadline => {
    const due = at(hours);
    const label = kind === 'response' ? RELEASE_KIND_LABELS.response : RELEASE_KIND_LABELS[kind];
    return { kind, label, hours, due, basis, explanation: `${basis}：${OPINION_LEVEL_LABELS[level]}舆情，自发现时起（${fmt(detectedAt)}）${hours}小时内${label}，即${fmt(due)}前。` };
  };
  if (level === 'general') return [make('response', 48, '国办发〔2016〕61号')];
  return [make('authoritative_info', 5, '国办发〔2016〕80号'), make('press_conference', 24, '国办发〔2016〕80号')];
}

/** Which deadlines a set of releases has met (a release of the same kind, or any for a plain response). */
export function deadlineStatus(d: OpinionDeadline, releases: readonly { kind: ReleaseKind; at: Date }[], now: Date): { met: boolean; late: boolean; at: Date | null } {
  // Any release answers a plain response deadline; the 5-hour and 24-hour ones need their own kind.
  const counts = (r: { kind: ReleaseKind }) => d.kind === 'response' || r.kind === d.kind;
  const first = releases.filter(counts).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (first) return { met: true, late: first.at > d.due, at: first.at };
  return { met: false, late: now > d.due, at: null };
}
