// 政务公开事项标准目录 (standard disclosure catalogue): public API. Pure, no I/O.
export { defaultDomains, domainNames, findDomain, findDomainInText, PILOT_DOMAINS } from './domains.ts';
export type { CatalogueDomain } from './domains.ts';
export {
  canonicalChannel,
  CHANNEL_TEXT_LIMIT,
  createCatalogueItem,
  DOMAIN_PLATFORM_CHANNELS,
  isStandardChannel,
  ITEM_FIELD_LABELS,
  ITEM_TEXT_LIMITS,
  normalizeChannels,
  OTHER_CHANNEL_LABEL,
  otherChannels,
  STANDARD_CHANNELS,
  validateCatalogueItem,
} from './item.ts';
export type { CatalogueItem, CatalogueItemInput, ItemIssue, StandardChannel } from './item.ts';
export { ART26_WORKING_DAYS, eventDue, obligationPeriods, periodsOfYear } from './obligations.ts';
export type { DueDate, EventDueOptions, Obligation, Period } from './obligations.ts';
export { chineseNumber, describeRule, isParsed, normalizeTimeText, parseTimeLimit, simpleRules } from './time-limit.ts';
export type {
  AfterEventNaturalRule,
  AfterEventRule,
  ByDateRule,
  CompoundTimeLimitRule,
  ContinuousRule,
  PeriodDueOn,
  PeriodicRule,
  PeriodUnit,
  SimpleTimeLimitRule,
  TimeLimitEvent,
  TimeLimitRule,
  UnparsedRule,
} from './time-limit.ts';
