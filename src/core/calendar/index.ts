// The working-day calendar (工作日): public API. Pure, no I/O.
export { MAX_WORKING_DAYS, WorkingCalendar } from './calendar.ts';
export type { CalendarEntry, DayInfo, DayKind, Deadline, Pause, PauseOptions, SkippedDay } from './calendar.ts';
export { explainDeadline, formatDateZh, formatRangeZh, WEEKDAY_ZH } from './explain.ts';
export { BUILTIN_CALENDAR, BUILTIN_SOURCES, BUILTIN_YEARS } from './holidays-cn.ts';
export {
  addDays,
  CHINA_TIME_ZONE,
  compareLocalDate,
  dateParts,
  diffDays,
  eachDay,
  fromEpochDay,
  isLocalDate,
  parseLocalDate,
  toEpochDay,
  todayLocal,
  toLocalDate,
  weekday,
  weekdayOfEpochDay,
} from './local-date.ts';
export type { LocalDate } from './local-date.ts';
