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
