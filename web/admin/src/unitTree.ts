// Building the unit tree from the flat list the API returns.
import type { Unit } from './types';

export interface UnitIndex {
  byId: Map<string, Unit>;
  roots: Unit[];
  children: Map<string, Unit[]>;
}

const collator = new Intl.Collator('zh-CN');

export function compareUnits(a: Unit, b: Unit): number {
  return a.sortOrder - b.sortOrder || collator.compare(a.name, b.name);
}

export function indexUnits(units: readonly Unit[]): UnitIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string, Unit[]>();
  const roots: Unit[] = [];
  for (const u of units) {
    // A unit whose parent is not in the list (e.g. hidden because abolished) is shown at the top.
    if (u.parentId && byId.has(u.parentId)) {
      const list = children.get(u.parentId) ?? [];
      list.push(u);
      children.set(u.parentId, list);
    } else {
      roots.push(u);
    }
  }
  roots.sort(compareUnits);
  for (const list of children.values()) list.sort(compareUnits);
  return { byId, roots, children };
}

/** Does the unit's name, short name, code or one of its aliases contain the search text? */
export function unitMatches(unit: Unit, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  return (
    unit.name.toLowerCase().includes(q) ||
    unit.shortName.toLowerCase().includes(q) ||
    unit.code.toLowerCase().includes(q) ||
    unit.aliases.some((a) => a.alias.toLowerCase().includes(q))
  );
}

/** The ids of the matching units and of all their ancestors (which must stay visible). */
export function visibleForSearch(index: UnitIndex, text: string): { visible: Set<string>; matched: Set<string> } {
  const visible = new Set<string>();
  const matched = new Set<string>();
  for (const u of index.byId.values()) {
    if (!unitMatches(u, text)) continue;
    matched.add(u.id);
    let cur: Unit | undefined = u;
    while (cur && !visible.has(cur.id)) {
      visible.add(cur.id);
      cur = cur.parentId ? index.byId.get(cur.parentId) : undefined;
    }
  }
  return { visible, matched };
}

/** The unit and everything below it. */
export function subtreeIds(index: UnitIndex, id: string): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    if (out.has(cur)) continue;
    out.add(cur);
    for (const c of index.children.get(cur) ?? []) stack.push(c.id);
  }
  return out;
}

export interface UnitSelectNode {
  value: string;
  title: string;
  label: string;
  disabled?: boolean;
  children?: UnitSelectNode[];
}

/**
 * TreeSelect data: every unit, searchable by its name and short name. With `allow`, only the allowed units
 * can be chosen: the others stay (disabled) where they lead to an allowed unit, and go where they do not.
 */
export function unitSelectData(index: UnitIndex, options: { exclude?: Set<string>; disableAbolished?: boolean; allow?: (unit: Unit) => boolean } = {}): UnitSelectNode[] {
  const build = (u: Unit): UnitSelectNode | null => {
    if (options.exclude?.has(u.id)) return null;
    const kids = (index.children.get(u.id) ?? []).map(build).filter((n): n is UnitSelectNode => n !== null);
    const allowed = options.allow ? options.allow(u) : true;
    if (!allowed && !kids.length) return null;
    const label = u.abolished ? `${u.name}（已撤销）` : u.name;
    return {
      value: u.id,
      title: u.shortName && u.shortName !== u.name ? `${label} ${u.shortName}` : label,
      label,
      disabled: !allowed || (options.disableAbolished ? u.abolished : false) ? true : undefined,
      children: kids.length ? kids : undefined,
    };
  };
  return index.roots.map(build).filter((n): n is UnitSelectNode => n !== null);
}
