// The unit list, loaded once per page and reloadable.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from './api';
import type { Unit } from './types';
import { indexUnits, type UnitIndex } from './unitTree';
import { useApiError } from './useApiError';

export function useUnits(includeAbolished = false): { units: Unit[]; index: UnitIndex; loading: boolean; reload: () => Promise<Unit[]> } {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(true);
  const report = useApiError();

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const list = await api.get<Unit[]>('/units', { includeAbolished: includeAbolished || undefined });
      setUnits(list);
      return list;
    } catch (e) {
      report(e);
      return [];
    } finally {
      setLoading(false);
    }
  }, [includeAbolished, report]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const index = useMemo(() => indexUnits(units), [units]);
  return { units, index, loading, reload };
}
