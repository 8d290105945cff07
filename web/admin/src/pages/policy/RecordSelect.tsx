// Choosing government records by title or document number (the records the user may read), for the
// records a Q&A answer cites or the policy an interpretation explains. Chosen records stay among the
// options while the user searches for more.
import { Select } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { Paged, RecordView } from '../../types';
import { useApiError } from '../../useApiError';

export interface RecordOption {
  id: string;
  title: string;
}

type Props = {
  id?: string;
  /** Only published records (what the public can open from an answer). */
  publishedOnly?: boolean;
  /** Records already chosen (their titles, for an entry being edited). */
  initial?: RecordOption[];
  placeholder?: string;
  'aria-label'?: string;
} & ({ multiple: true; value?: string[]; onChange?: (v: string[]) => void } | { multiple?: false; value?: string; onChange?: (v: string | undefined) => void });

export function RecordSelect(props: Props) {
  const { publishedOnly, initial } = props;
  const [options, setOptions] = useState<RecordOption[]>(initial ?? []);
  const [loading, setLoading] = useState(false);
  const report = useApiError();
  const chosen = useRef<string[]>([]);
  chosen.current = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];

  const search = useCallback(
    async (q: string) => {
      setLoading(true);
      try {
        const page = await api.get<Paged<RecordView>>('/records', { state: publishedOnly ? 'published' : undefined, q: q.trim() || undefined, pageSize: 20 });
        setOptions((prev) => {
          const keep = prev.filter((r) => chosen.current.includes(r.id));
          return [...keep, ...page.items.filter((r) => !keep.some((k) => k.id === r.id)).map((r) => ({ id: r.id, title: r.docNo ? `${r.title}（${r.docNo}）` : r.title }))];
        });
      } catch (e) {
        report(e);
      } finally {
        setLoading(false);
      }
    },
    [publishedOnly, report],
  );

  useEffect(() => {
    void search('');
  }, [search]);

  // Titles learnt later (a record chosen through the address): shown instead of the bare id.
  const initialKey = (initial ?? []).map((r) => `${r.id}\u0000${r.title}`).join('\u0001');
  useEffect(() => {
    if (!initialKey) return;
    const known = initialKey.split('\u0001').map((k) => {
      const [id, title] = k.split('\u0000');
      return { id: id!, title: title! };
    });
    setOptions((prev) => {
      const missing = known.filter((k) => !prev.some((p) => p.id === k.id));
      return missing.length ? [...missing, ...prev] : prev;
    });
  }, [initialKey]);

  const common = {
    id: props.id,
    'aria-label': props['aria-label'],
    showSearch: { filterOption: false, onSearch: (q: string) => void search(q) },
    placeholder: props.placeholder ?? '输入标题关键词或文号查找',
    options: options.map((r) => ({ value: r.id, label: r.title })),
    notFoundContent: loading ? '正在查找…' : '没有找到政府信息',
    loading,
    popupMatchSelectWidth: false,
    className: 'full-width',
  } as const;
  return props.multiple ? (
    <Select<string[]> mode="multiple" {...common} value={props.value} onChange={(v) => props.onChange?.(v)} />
  ) : (
    <Select<string> {...common} allowClear value={props.value} onChange={(v) => props.onChange?.(v)} />
  );
}
