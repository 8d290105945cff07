// Working days left to a reply deadline, for the list (the detail page has the server's own count): the
// tenant's calendar (built-in holidays and the office's own entries) for the years around today, through
// the same pure calendar the server uses (src/core/calendar).
import { useEffect, useState } from 'react';
import { WorkingCalendar, type CalendarEntry } from '../../../../../src/core/calendar/calendar.ts';
import { api } from '../../api';
import { currentYear } from '../../format';
import type { CalendarYear } from '../../types';

let cached: WorkingCalendar | null = null;
let pending: Promise<WorkingCalendar> | null = null;

async function loadCalendar(): Promise<WorkingCalendar> {
  const year = currentYear();
  const years = await Promise.all([year - 1, year, year + 1].map((y) => api.get<CalendarYear>(`/calendar/years/${y}`)));
  const entries: CalendarEntry[] = years.flatMap((y) => y.entries.map((e) => ({ date: e.date, kind: e.kind as 'OFF' | 'WORK', name: e.name })));
  return new WorkingCalendar(entries);
}

/** The working calendar, or null while it loads (or when it could not be loaded: then no count is shown). */
export function useWorkingCalendar(): WorkingCalendar | null {
  const [cal, setCal] = useState<WorkingCalendar | null>(cached);
  useEffect(() => {
    if (cached) return;
    let live = true;
    pending ??= loadCalendar();
    pending
      .then((c) => {
        cached = c;
        if (live) setCal(c);
      })
      .catch(() => {
        pending = null;
      });
    return () => {
      live = false;
    };
  }, []);
  return cal;
}

/** As the server counts it: working days from today to the due date, negative when overdue. */
export function workingDaysLeft(cal: WorkingCalendar, today: string, dueOn: string): number {
  return today > dueOn ? -cal.workingDaysLate(dueOn, today) : cal.countWorkingDays(today, dueOn);
}
