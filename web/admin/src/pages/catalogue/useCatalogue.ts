// The 公开目录 tree and the 标准目录 items, for the pickers of the record editor: loaded once per console
// session and loaded again after the catalogue pages change them (forgetCatalogue).
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { CatalogueDomain, CatalogueItem, CatalogueNode } from '../../types';
import { useApiError } from '../../useApiError';

export interface StandardItems {
  domains: CatalogueDomain[];
  items: Map<string, CatalogueItem[]>;
}

let nodesCache: Promise<CatalogueNode[]> | null = null;
let itemsCache: Promise<StandardItems> | null = null;

/** After a change on the catalogue pages: the pickers load the catalogue again when next used. */
export function forgetCatalogue(): void {
  nodesCache = null;
  itemsCache = null;
}

async function loadStandardItems(): Promise<StandardItems> {
  const domains = await api.get<CatalogueDomain[]>('/catalogue/domains');
  // Only domains with items are asked for theirs; when no domain reports any (an empty catalogue, or a
  // server that does not count them), every domain is asked.
  const counted = domains.some((d) => d.items > 0);
  const withItems = counted ? domains.filter((d) => d.items > 0) : domains;
  const lists = await Promise.all(withItems.map((d) => api.get<CatalogueItem[]>(`/catalogue/domains/${d.id}/items`)));
  return { domains, items: new Map(withItems.map((d, i) => [d.id, lists[i] ?? []])) };
}

function useCached<T>(get: () => Promise<T>, reset: () => void, empty: T, enabled = true): T {
  const [value, setValue] = useState<T>(empty);
  const report = useApiError();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    get()
      .then((v) => {
        if (live) setValue(v);
      })
      .catch((e: unknown) => {
        reset();
        if (live) report(e);
      });
    return () => {
      live = false;
    };
    // Loaded once for the component's life (once enabled); the cache is shared.
  }, [report, enabled]);
  return value;
}

const NO_NODES: CatalogueNode[] = [];

export function useCatalogueNodes(): CatalogueNode[] {
  return useCached(
    () => (nodesCache ??= api.get<CatalogueNode[]>('/catalogue/nodes')),
    () => {
      nodesCache = null;
    },
    NO_NODES,
  );
}

/** The standard catalogue's items; `enabled` false defers the requests until they are needed. */
export function useStandardItems(enabled = true): StandardItems | null {
  const value = useCached<StandardItems | null>(
    () => (itemsCache ??= loadStandardItems()),
    () => {
      itemsCache = null;
    },
    null,
    enabled,
  );
  return value;
}

export interface TreeOption {
  value: string;
  title: string;
  label: string;
  selectable?: boolean;
  children?: TreeOption[];
}

/** The 公开目录 as TreeSelect data: "02 政策文件", children under their parents, in their order. */
export function nodeTreeData(nodes: readonly CatalogueNode[]): TreeOption[] {
  const children = new Map<string | null, CatalogueNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const build = (n: CatalogueNode): TreeOption => {
    const kids = (children.get(n.id) ?? []).map(build);
    return { value: n.id, title: `${n.code} ${n.name}`, label: `${n.code} ${n.name}`, children: kids.length ? kids : undefined };
  };
  return (children.get(null) ?? []).map(build);
}

/** An item as people name it: 监督检查 / 安全生产执法检查情况. */
export function itemName(i: Pick<CatalogueItem, 'level1' | 'level2'>): string {
  return i.level2 ? `${i.level1} / ${i.level2}` : i.level1;
}

/** The 标准目录 as TreeSelect data: the domains (not selectable) with their items. */
export function itemTreeData(s: StandardItems): TreeOption[] {
  return s.domains
    .filter((d) => s.items.get(d.id)?.length)
    .map((d) => ({
      value: `domain:${d.id}`,
      title: d.name,
      label: d.name,
      selectable: false,
      children: (s.items.get(d.id) ?? []).map((i) => ({ value: i.id, title: `${d.name} ${itemName(i)}`, label: `${d.name}：${itemName(i)}` })),
    }));
}
