// The consultation views of /api/v1/consultations (src/modules/participation/service.ts).
export type ConsultationState = 'draft' | 'open' | 'closed' | 'reported';
export type CommentState = 'pending' | 'approved' | 'rejected';

export const CONSULTATION_STATE_LABELS: Record<ConsultationState, string> = { draft: '草稿', open: '征集中', closed: '已结束', reported: '已公布采纳情况' };

export interface Consultation {
  id: string;
  unitId: string;
  unitName: string;
  kindLabel: string;
  title: string;
  draftHtml: string;
  explanationHtml: string;
  startsOn: string;
  endsOn: string;
  days: number;
  urgent: boolean;
  urgentReason: string | null;
  state: ConsultationState;
  phaseLabel: string;
  reportHtml: string | null;
  reportedAt: string | null;
  counts: Record<CommentState, number>;
  version: number;
}

export interface ConsultationComment {
  id: string;
  body: string;
  publicText: string;
  name: string | null;
  contact: string | null;
  state: CommentState;
  stateLabel: string;
  moderationNote: string | null;
  adopted: boolean | null;
  adoptionReason: string | null;
  submittedAt: string;
  version: number;
}

// The mailbox views of /api/v1/messages (src/modules/participation/messages.ts).
export type MessageState = 'received' | 'replied' | 'closed';

export const MESSAGE_STATE_LABELS: Record<MessageState, string> = { received: '办理中', replied: '已答复', closed: '已办结' };

export interface MessageEvent {
  at: string;
  actorLabel: string;
  event: string;
  comment: string | null;
  data: Record<string, unknown>;
}

export interface Message {
  id: string;
  number: string;
  kind: 'leader' | 'unit';
  kindLabel: string;
  category: string;
  categoryLabel: string;
  unitId: string;
  unitName: string;
  subject: string;
  body: string;
  writerName: string;
  phone: string | null;
  email: string | null;
  consentPublic: boolean;
  state: MessageState;
  stateLabel: string;
  receivedOn: string;
  dueOn: string;
  dueExplanation: string;
  overdue: boolean;
  reply: string | null;
  repliedOn: string | null;
  workingDaysLate: number | null;
  published: boolean;
  rating: number | null;
  ratingLabel: string | null;
  ratingComment: string | null;
  /** Empty in the list; the page has them. */
  events: MessageEvent[];
  version: number;
}

/** One row of /api/v1/messages/statistics: a unit's letters received in the period. */
export interface MessageStatisticsRow {
  unitId: string;
  unitName: string;
  received: number;
  replied: number;
  onTime: number;
  overdueOpen: number;
  rated: number;
  averageRating: number | null;
}

// The views of /api/v1/opinions (src/modules/participation/opinions.ts).
export type OpinionLevel = 'particularly_major' | 'major' | 'general';
export type ReleaseKind = 'authoritative_info' | 'press_conference' | 'response' | 'follow_up';

export const OPINION_LEVEL_LABELS: Record<OpinionLevel, string> = { particularly_major: '特别重大', major: '重大', general: '一般' };
export const RELEASE_KIND_LABELS: Record<ReleaseKind, string> = { authoritative_info: '发布权威信息', press_conference: '举行新闻发布会', response: '回应', follow_up: '持续发布' };

export interface OpinionDeadline {
  kind: string;
  label: string;
  hours: number;
  due: string;
  explanation: string;
  met: boolean;
  late: boolean;
  at: string | null;
}

export interface OpinionRelease {
  id: string;
  kind: ReleaseKind;
  kindLabel: string;
  at: string;
  content: string;
  recordId: string | null;
  url: string | null;
}

export interface Opinion {
  id: string;
  title: string;
  source: string;
  level: OpinionLevel;
  levelLabel: string;
  detectedAt: string;
  unitId: string;
  unitName: string;
  summary: string | null;
  state: 'open' | 'closed';
  closingNote: string | null;
  deadlines: OpinionDeadline[];
  overdue: boolean;
  releases: OpinionRelease[];
  version: number;
}
