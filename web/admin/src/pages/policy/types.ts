// The views of /api/v1/policy (src/modules/policy/service.ts) and /api/v1/interpretations
// (src/modules/interpretation/service.ts).
export type QuestionState = 'open' | 'answered' | 'dismissed';

export const QUESTION_STATE_LABELS: Record<QuestionState, string> = { open: '待答复', answered: '已答复', dismissed: '已搁置' };

export interface PolicyQuestion {
  id: string;
  unitId: string;
  unitName: string;
  question: string;
  /** As the public would see it once answered: personal data masked. */
  maskedQuestion: string;
  state: QuestionState;
  entryId: string | null;
  note: string | null;
  askedAt: string;
  handledAt: string | null;
  version: number;
}

export interface CitedRecord {
  id: string;
  title: string;
  public: boolean;
}

export interface QaEntry {
  id: string;
  unitId: string;
  unitName: string;
  question: string;
  answer: string;
  records: CitedRecord[];
  published: boolean;
  sourceQuestionId: string | null;
  updatedAt: string;
  version: number;
}

export interface SubscriberSummary {
  active: number;
  cancelled: number;
  persons: number;
  enterprises: number;
  confirmed: number;
  byGroup: { group: string; label: string; count: number }[];
  byArea: { area: string | null; label: string; count: number }[];
}

export interface OutboxSummary {
  smtpConfigured: boolean;
  pending: number;
  sent: number;
  failed: number;
  cancelled: number;
  lastError: string | null;
}

export type InterpretationForm = 'text' | 'graphic' | 'audio' | 'video' | 'qa' | 'press_conference' | 'expert_article';
export type InterpretationState = 'draft' | 'published' | 'withdrawn';

export const FORM_LABELS: Record<InterpretationForm, string> = {
  text: '文字解读',
  graphic: '图解',
  audio: '音频解读',
  video: '视频解读',
  qa: '问答解读',
  press_conference: '新闻发布会',
  expert_article: '专家解读',
};

export interface Interpretation {
  id: string;
  recordId: string;
  recordTitle: string;
  recordState: string;
  unitId: string;
  unitName: string;
  form: InterpretationForm;
  formLabel: string;
  title: string;
  bodyHtml: string;
  mediaUrl: string | null;
  speaker: string | null;
  state: InterpretationState;
  stateLabel: string;
  checklist: { key: string; label: string; present: boolean }[];
  missing: string[];
  dueOn: string | null;
  dueExplanation: string | null;
  publishedAt: string | null;
  workingDaysLate: number | null;
  withdrawnNote: string | null;
  version: number;
}
