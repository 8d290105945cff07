// The option lists of 依申请公开 (GET /requests/meta: units that take requests, channels, applicant and
// document types, states, reply types grouped as in the annual report …): loaded once per console session.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { RequestMeta, RequestResultOption } from '../../types';
import { useApiError } from '../../useApiError';

let cached: RequestMeta | null = null;
let pending: Promise<RequestMeta> | null = null;

export function useRequestMeta(): RequestMeta | null {
  const [meta, setMeta] = useState<RequestMeta | null>(cached);
  const report = useApiError();
  useEffect(() => {
    if (cached) return;
    let live = true;
    pending ??= api.get<RequestMeta>('/requests/meta');
    pending
      .then((m) => {
        cached = m;
        if (live) setMeta(m);
      })
      .catch((e: unknown) => {
        pending = null;
        if (live) report(e);
      });
    return () => {
      live = false;
    };
  }, [report]);
  return meta;
}

/** The label of a value in one of the meta lists, or the value itself. */
export function labelOf(list: { value: string; label: string }[] | undefined, value: string | null | undefined): string {
  if (!value) return '';
  return list?.find((o) => o.value === value)?.label ?? value;
}

export interface ResultGroup {
  group: string;
  groupLabel: string;
  results: RequestResultOption[];
}

/** The reply types in the annual report's order, grouped: （一）予以公开 …（六）其他处理. */
export function groupResults(results: RequestResultOption[]): ResultGroup[] {
  const groups: ResultGroup[] = [];
  for (const r of results) {
    let g = groups.find((x) => x.group === r.group);
    if (!g) groups.push((g = { group: r.group, groupLabel: r.groupLabel, results: [] }));
    g.results.push(r);
  }
  return groups;
}

/** A group without sub-rows (（一）予以公开, （二）部分公开): its one row carries the group's label. */
export function isSingleRow(g: ResultGroup): boolean {
  return g.results.length === 1 && g.results[0]!.label === g.groupLabel;
}
