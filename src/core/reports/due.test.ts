import { describe, expect, it } from 'vitest';
import { boardStatus, isReportingKind, reportDue, reportReminder } from './due.ts';

describe('reportDue (Art. 49)', () => {
  it('gives departments 1月31日 and the government 3月31日 of the next year, with the rule', () => {
    expect(reportDue(2025, false)).toMatchObject({ due: '2026-01-31' });
    expect(reportDue(2025, true)).toMatchObject({ due: '2026-03-31' });
    expect(reportDue(2025, true).rule).toContain('第四十九条');
    expect(reportDue(2025, false).rule).toContain('2026年1月31日前');
  });

  it('knows which units report', () => {
    expect(isReportingKind('department')).toBe(true);
    expect(isReportingKind('township')).toBe(true);
    expect(isReportingKind('village')).toBe(false);
    expect(isReportingKind('open_gov_office')).toBe(false);
  });
});

describe('reportReminder', () => {
  it('warns at the nearest threshold, then once overdue', () => {
    expect(reportReminder('2026-01-31', '2025-12-01')).toBeNull();
    expect(reportReminder('2026-01-31', '2026-01-01')).toEqual({ kind: 'warn', threshold: 30, daysLeft: 30 });
    expect(reportReminder('2026-01-31', '2026-01-20')).toEqual({ kind: 'warn', threshold: 14, daysLeft: 11 });
    expect(reportReminder('2026-01-31', '2026-01-30')).toEqual({ kind: 'warn', threshold: 1, daysLeft: 1 });
    expect(reportReminder('2026-01-31', '2026-01-31')).toEqual({ kind: 'warn', threshold: 0, daysLeft: 0 });
    expect(reportReminder('2026-01-31', '2026-02-02')).toEqual({ kind: 'overdue', daysLate: 2 });
    expect(reportReminder('2026-01-31', '2026-04-01')).toEqual({ kind: 'overdue', daysLate: 60 });
    expect(reportReminder('2026-01-31', '2026-04-02')).toBeNull();
  });
});

describe('boardStatus', () => {
  it('is overdue only when the date has passed without publication', () => {
    expect(boardStatus(null, false, '2026-01-31', '2026-01-31')).toBe('none');
    expect(boardStatus('draft', false, '2026-01-31', '2026-02-01')).toBe('overdue');
    expect(boardStatus('checked', false, '2026-01-31', '2026-01-02')).toBe('checked');
    expect(boardStatus('draft', true, '2026-01-31', '2026-02-01')).toBe('published');
  });
});
