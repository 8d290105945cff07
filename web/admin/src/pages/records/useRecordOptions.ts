// The drafting options (genres, legal grounds, override bases): loaded once per console session.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { RecordOptions } from '../../types';
import { useApiError } from '../../useApiError';

let cached: RecordOptions | null = null;
let pending: Promise<RecordOptions> | null = null;

const EMPTY: RecordOptions = { genres: [], grounds: [], overrideBases: [] };

export function useRecordOptions(): RecordOptions {
  const [options, setOptions] = useState<RecordOptions>(cached ?? EMPTY);
  const report = useApiError();
  useEffect(() => {
    if (cached) return;
    let live = true;
    pending ??= api.get<RecordOptions>('/records/options');
    pending
      .then((o) => {
        cached = o;
        if (live) setOptions(o);
      })
      .catch((e: unknown) => {
        pending = null;
        if (live) report(e);
      });
    return () => {
      live = false;
    };
  }, [report]);
  return options;
}

/** A legal ground as shown to people: 第十五条：涉及个人隐私… */
export function groundLabel(g: { article: string; label: string }): string {
  return `${g.article}：${g.label}`;
}
