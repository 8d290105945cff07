// The views of /api/v1/proposals and /api/v1/events (src/modules/engagement/proposals.ts, events.ts).
export type ProposalKind = 'npc_suggestion' | 'cppcc_proposal';
export type ProposalState = 'registered' | 'assigned' | 'replied' | 'published';
export type ProposalResult = 'A' | 'B' | 'C';
export type ProposalDisclosure = 'full' | 'summary' | 'none';

export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { npc_suggestion: '人大代表建议', cppcc_proposal: '政协委员提案' };
export const PROPOSAL_RESULT_LABELS: Record<ProposalResult, string> = { A: 'A类（已解决或基本解决）', B: 'B类（正在解决或列入计划解决）', C: 'C类（留作参考）' };
export const PROPOSAL_DISCLOSURE_LABELS: Record<ProposalDisclosure, string> = { full: '全文公开', summary: '摘要公开', none: '不公开' };

export interface Proposal {
  id: string;
  kind: ProposalKind;
  kindLabel: string;
  session: string;
  number: string;
  title: string;
  proposers: string[];
  content: string;
  unitId: string;
  unitName: string;
  coUnits: { id: string; name: string }[];
  assignedOn: string | null;
  dueOn: string | null;
  dueExplanation: string | null;
  overdue: boolean;
  state: ProposalState;
  stateLabel: string;
  reply: string | null;
  result: ProposalResult | null;
  resultLabel: string | null;
  disclosure: ProposalDisclosure | null;
  disclosureLabel: string | null;
  disclosureReason: string | null;
  summary: string | null;
  repliedOn: string | null;
  daysLate: number | null;
  published: boolean;
  version: number;
}

export type EventKind = 'press_conference' | 'online_interview' | 'open_day' | 'attended_meeting';
export type EventState = 'draft' | 'published' | 'held' | 'cancelled';
export type RegistrationState = 'pending' | 'selected' | 'declined';

export const EVENT_KIND_LABELS: Record<EventKind, string> = { press_conference: '新闻发布会', online_interview: '在线访谈', open_day: '政府开放日', attended_meeting: '列席会议' };
export const REGISTRATION_KINDS: EventKind[] = ['open_day', 'attended_meeting'];

export interface RepresentativeOpinion {
  representative: string;
  opinion: string;
  adopted: boolean;
  response: string;
}

export interface EngagementEvent {
  id: string;
  kind: EventKind;
  kindLabel: string;
  title: string;
  unitId: string;
  unitName: string;
  startsAt: string;
  place: string;
  speakers: { name: string; post: string }[];
  summary: string | null;
  transcriptHtml: string;
  videoUrl: string | null;
  interpretationIds: string[];
  capacity: number | null;
  registrationClosesAt: string | null;
  registrations: Record<RegistrationState, number>;
  state: EventState;
  stateLabel: string;
  heldOn: string | null;
  cancelReason: string | null;
  opinions: RepresentativeOpinion[];
  opinionsDueOn: string | null;
  opinionsDueExplanation: string | null;
  opinionsPublishedOn: string | null;
  opinionsWorkingDaysLate: number | null;
  opinionsOverdue: boolean;
  version: number;
}

export interface EventRegistration {
  id: string;
  name: string;
  phone: string;
  organisation: string | null;
  reason: string;
  state: RegistrationState;
  stateLabel: string;
  decisionNote: string | null;
  submittedAt: string;
  version: number;
}

/** A time as the console shows it: 2026-05-20 09:30 (the browser's time zone). */
export const when = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
