// Shared types of the personal-data guard (个人信息检查). Pure, no I/O.

export const PERSONAL_DATA_KINDS = ['id_card', 'mobile', 'landline', 'bank_card', 'email', 'personal_field'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** One piece of personal data found in a text. Offsets are UTF-16 code units into the scanned text. */
export interface Finding {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** The text exactly as it stands between `start` and `end`. */
  value: string;
  /** The customary masked form of `value` (see mask.ts). */
  masked: string;
  /** Chinese label for people, e.g. 身份证号码. */
  label: string;
  /** About 20 characters either side, whitespace collapsed, with this and any neighbouring finding masked. */
  context: string;
  /** For `personal_field`: the name of the field the value came from. */
  field?: string;
}

/** A value from a record field marked personal (e.g. the name of a penalised person, 被处罚人姓名). */
export interface PersonalValue {
  field: string;
  value: string;
}

export interface DetectOptions {
  personalValues?: readonly PersonalValue[];
  /** "Today" for the birth-date check of ID numbers; defaults to the current date in China. */
  now?: Date;
}

export const KIND_LABELS: Record<PersonalDataKind, string> = {
  id_card: '身份证号码',
  mobile: '手机号码',
  landline: '固定电话号码',
  bank_card: '银行卡号',
  email: '电子邮箱',
  personal_field: '个人信息字段',
};
