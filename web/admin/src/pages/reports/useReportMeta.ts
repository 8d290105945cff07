// The annual report's options (/api/v1/reports/meta), loaded once per console session.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { ReportMeta } from '../../types';
import { useApiError } from '../../useApiError';

let cached: ReportMeta | null = null;

export function useReportMeta(): ReportMeta | null {
  const [meta, setMeta] = useState<ReportMeta | null>(cached);
  const report = useApiError();
  useEffect(() => {
    if (cached) return;
    let live = true;
    api
      .get<ReportMeta>('/reports/meta')
      .then((m) => {
        cached = m;
        if (live) setMeta(m);
      })
      .catch(report);
    return () => {
      live = false;
    };
  }, [report]);
  return meta;
}

/** 还剩 12 天 / 今天到期 / 已逾期 3 天 (calendar days: the report's date is a date, not working days). */
export function daysText(daysLeft: number): string {
  if (daysLeft < 0) return `已逾期 ${-daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return `还剩 ${daysLeft} 天`;
}
