// The personal-data and secrecy guard (个人信息与保密检查): public API. Pure, no I/O.
export { BANK_IIN_FIRST_DIGITS, findPersonalData, MIN_PERSONAL_VALUE_LENGTH, normalizeForDetection } from './detect.ts';
export { applyMasks, kindLabel, maskValue } from './mask.ts';
export type { Maskable } from './mask.ts';
export { findPersonalDataInHtml, htmlToText, maskHtml } from './html.ts';
export type { HtmlFinding } from './html.ts';
export { findClassificationMarks } from './secrecy.ts';
export type { ClassificationLevel, ClassificationMark } from './secrecy.ts';
export { guardReport } from './guard.ts';
export type { GuardField, GuardFinding, GuardInput, GuardMark, GuardReport, GuardWhere } from './guard.ts';
export {
  chinaToday,
  ID_PROVINCE_CODES,
  isValidCreditCode,
  isValidResidentId,
  luhnCheckDigit,
  luhnValid,
  residentIdCheckChar,
} from './checks.ts';
export { KIND_LABELS, PERSONAL_DATA_KINDS } from './types.ts';
export type { DetectOptions, Finding, PersonalDataKind, PersonalValue } from './types.ts';
