import { describe, expect, it } from 'vitest';
import { grantsAnywhere, grantsCover, permissionsOf, ROLE_PERMISSIONS, ROLES, type Grant } from './roles.ts';

const root = { id: 'root', path: ['root'] };
const dept = { id: 'dept', path: ['root', 'dept'] };
const town = { id: 'town', path: ['root', 'town'] };
const village = { id: 'village', path: ['root', 'town', 'village'] };

describe('grants and scope', () => {
  it('a grant without subtree covers its own unit only', () => {
    const g: Grant[] = [{ role: 'office_admin', unitId: 'town', includeSubtree: false }];
    expect(grantsCover(g, 'org.units.manage', town)).toBe(true);
    expect(grantsCover(g, 'org.units.manage', village)).toBe(false);
    expect(grantsCover(g, 'org.units.manage', dept)).toBe(false);
  });

  it('a grant with subtree covers every descendant, but not siblings or ancestors', () => {
    const g: Grant[] = [{ role: 'office_admin', unitId: 'town', includeSubtree: true }];
    expect(grantsCover(g, 'org.units.manage', village)).toBe(true);
    expect(grantsCover(g, 'org.units.manage', root)).toBe(false);
    expect(grantsCover(g, 'org.units.manage', dept)).toBe(false);
  });

  it('a grant only gives the permissions of its role', () => {
    const g: Grant[] = [{ role: 'inspector', unitId: 'root', includeSubtree: true }];
    expect(grantsCover(g, 'audit.read', village)).toBe(true);
    expect(grantsCover(g, 'org.units.manage', village)).toBe(false);
    expect(grantsAnywhere(g, 'org.users.manage')).toBe(false);
  });

  it('every role can at least read the unit tree, and only the platform admin manages tenants', () => {
    for (const r of ROLES) expect(ROLE_PERMISSIONS[r]).toContain('org.units.read');
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('platform.tenants.manage'))).toEqual(['platform_admin']);
  });

  it('lists the permissions of several grants without duplicates', () => {
    const p = permissionsOf([
      { role: 'unit_editor', unitId: 'dept', includeSubtree: false },
      { role: 'inspector', unitId: 'root', includeSubtree: true },
    ]);
    expect(p).toEqual([...new Set(p)]);
    expect(p).toContain('audit.read');
  });
});
