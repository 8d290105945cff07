// The unit tree, aliases, users and roles through the HTTP API, with scope, locking and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Agent, type TestApp } from '../helpers/app.ts';

interface Unit {
  id: string;
  parentId: string | null;
  path: string[];
  code: string;
  name: string;
  shortName: string;
  kind: string;
  aliases: { id: string; alias: string; source: string }[];
  version: number;
  abolished: boolean;
}

let t: TestApp;
let office: Agent;
let units: Unit[];
const byCode = (code: string) => units.find((u) => u.code === code)!;

beforeAll(async () => {
  t = await createTestApp();
  office = await loginAs(t.app, 'office');
  units = (await office.get('/api/v1/units')).json();
});
afterAll(async () => {
  await t?.close();
});

describe('unit tree', () => {
  it('holds the demo county: at least 40 units under one root, with aliases', () => {
    expect(units.length).toBeGreaterThanOrEqual(40);
    expect(units.filter((u) => !u.parentId)).toHaveLength(1);
    expect(byCode('fgj').shortName).toBe('县发改局');
    expect(byCode('fgj').aliases.map((a) => a.alias)).toContain('县发展和改革局');
    for (const u of units) expect(u.path[u.path.length - 1]).toBe(u.id);
  });

  it('adds a unit under a parent, with aliases, and records it in the audit log', async () => {
    const root = units.find((u) => !u.parentId)!;
    const res = await office.post('/api/v1/units', {
      parentId: root.id,
      code: 'lyj',
      name: '示范县林业局',
      shortName: '县林业局新',
      kind: 'department',
      aliases: ['林业局（新）'],
    });
    expect(res.statusCode).toBe(201);
    const created: Unit = res.json();
    expect(created.path).toEqual([root.id, created.id]);
    expect(created.aliases.map((a) => a.alias)).toEqual(['林业局（新）']);
    const log = (await office.get(`/api/v1/audit?entityId=${created.id}`)).json();
    expect(log.items[0].action).toBe('unit.create');
    expect(log.items[0].after.name).toBe('示范县林业局');
    expect(log.items[0].actorLabel).toContain('李秀梅');
  });

  it('refuses a duplicate name, code or alias with 409 and says which unit holds it', async () => {
    const root = units.find((u) => !u.parentId)!;
    const dupName = await office.post('/api/v1/units', { parentId: root.id, code: 'dup1', name: '示范县财政局', kind: 'department' });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.message).toContain('示范县财政局');
    const dupCode = await office.post('/api/v1/units', { parentId: root.id, code: 'fgj', name: '示范县某某局', kind: 'department' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.message).toContain('fgj');
    const fgjAlias = byCode('fgj').aliases[0]!.alias;
    const dupAlias = await office.post(`/api/v1/units/${byCode('czj').id}/aliases`, { alias: fgjAlias });
    expect(dupAlias.statusCode).toBe(409);
  });

  it('refuses a village directly under a department', async () => {
    const r = await office.post('/api/v1/units', { parentId: byCode('fgj').id, code: 'v1', name: '某某村民委员会', kind: 'village' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('乡镇、街道或开发区');
  });

  it('renames a unit and keeps the old name as an alias (last year\'s notices still use it)', async () => {
    const u = byCode('tjj');
    const r = await office.patch(`/api/v1/units/${u.id}`, { name: '示范县统计局（新名）', version: u.version });
    expect(r.statusCode).toBe(200);
    const after: Unit = r.json();
    expect(after.name).toBe('示范县统计局（新名）');
    expect(after.aliases.map((a) => a.alias)).toContain(u.name);
    expect(after.version).toBe(u.version + 1);
  });

  it('refuses a stale update (optimistic locking) and keeps what was saved', async () => {
    const u = byCode('sjj');
    const first = await office.patch(`/api/v1/units/${u.id}`, { shortName: '县审计局甲', version: u.version });
    expect(first.statusCode).toBe(200);
    const second = await office.patch(`/api/v1/units/${u.id}`, { shortName: '县审计局乙', version: u.version });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('STALE_VERSION');
    expect(second.json().error.message).toContain('刷新');
    const now: Unit = (await office.get(`/api/v1/units/${u.id}`)).json();
    expect(now.shortName).toBe('县审计局甲');
  });

  it('moves a unit with its subtree, updating every descendant\'s path, and refuses a cycle', async () => {
    const street = units.find((u) => u.kind === 'street' && units.some((c) => c.parentId === u.id))!;
    const children = units.filter((c) => c.parentId === street.id);
    const zone = units.find((u) => u.kind === 'development_zone')!;
    const cycle = await office.post(`/api/v1/units/${zone.id}/move`, { parentId: zone.id, version: zone.version });
    expect(cycle.statusCode).toBe(400);
    const child = children[0]!;
    const intoChild = await office.post(`/api/v1/units/${street.id}/move`, { parentId: child.id, version: street.version });
    expect(intoChild.statusCode).toBe(400);
    // A street under the development zone (as happens when a zone takes over a street's administration).
    const r = await office.post(`/api/v1/units/${street.id}/move`, { parentId: zone.id, version: street.version });
    expect(r.statusCode).toBe(200);
    const fresh: Unit[] = (await office.get('/api/v1/units')).json();
    const movedChild = fresh.find((u) => u.id === child.id)!;
    expect(movedChild.path).toEqual([...zone.path, street.id, child.id]);
    const log = (await office.get(`/api/v1/audit?action=unit.move`)).json();
    expect(log.items[0].summary).toContain(street.name);
  });

  it('abolishes an empty unit but not one with staff or children', async () => {
    const fgj = byCode('fgj');
    const withStaff = await office.post(`/api/v1/units/${fgj.id}/abolish`, { version: fgj.version });
    expect(withStaff.statusCode).toBe(400);
    expect(withStaff.json().error.message).toContain('账号');
    const created: Unit = (await office.post('/api/v1/units', { parentId: fgj.id, code: 'tmp-office', name: '示范县临时办', kind: 'institution' })).json();
    const r = await office.post(`/api/v1/units/${created.id}/abolish`, { version: created.version });
    expect(r.statusCode).toBe(200);
    expect(r.json().abolished).toBe(true);
    const listed: Unit[] = (await office.get('/api/v1/units')).json();
    expect(listed.some((u) => u.id === created.id)).toBe(false);
    const all: Unit[] = (await office.get('/api/v1/units?includeAbolished=true')).json();
    expect(all.some((u) => u.id === created.id)).toBe(true);
  });
});

describe('scope', () => {
  it('lets a unit editor read the tree but not change it', async () => {
    const editor = await loginAs(t.app, 'editor');
    expect((await editor.get('/api/v1/units')).statusCode).toBe(200);
    const r = await editor.patch(`/api/v1/units/${byCode('fgj').id}`, { shortName: 'x', version: 1 });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toMatch(/权限/);
  });

  it('limits an office admin granted on one township to that township', async () => {
    const qsz = byCode('qsz');
    const created = await office.post('/api/v1/users', { username: 'town-admin', displayName: '镇管理员', unitId: qsz.id, password: 'Qingshan-Zhen-26' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await office.post(`/api/v1/users/${id}/grants`, { role: 'office_admin', unitId: qsz.id, includeSubtree: true })).statusCode).toBe(200);
    const { Agent } = await import('../helpers/app.ts');
    const town = new Agent(t.app);
    await town.login('town-admin', 'Qingshan-Zhen-26');
    await town.post('/api/v1/auth/password', { oldPassword: 'Qingshan-Zhen-26', newPassword: 'Qingshan-Zhen-27' });
    // Inside its township: allowed.
    const inside = await town.post('/api/v1/units', { parentId: qsz.id, code: 'qsz-new', name: '示范县青山镇新村民委员会', shortName: '新村', kind: 'village' });
    expect(inside.statusCode).toBe(201);
    // Elsewhere: refused.
    const outside = await town.post('/api/v1/units', { parentId: byCode('fgj').id, code: 'fgj-x', name: '示范县发改局某科', kind: 'institution' });
    expect(outside.statusCode).toBe(403);
    // Users: only those of the township are listed.
    const listed = (await town.get('/api/v1/users')).json().items as { unitId: string; username: string }[];
    expect(listed.length).toBeGreaterThan(0);
    const townUnits = new Set(units.filter((u) => u.path.includes(qsz.id)).map((u) => u.id));
    townUnits.add(inside.json().id);
    for (const u of listed) expect(townUnits.has(u.unitId)).toBe(true);
    // Granting itself (or anyone) a role outside its scope is refused.
    const escalate = await town.post(`/api/v1/users/${id}/grants`, { role: 'office_admin', unitId: units.find((u) => !u.parentId)!.id, includeSubtree: true });
    expect(escalate.statusCode).toBe(403);
  });

  it('refuses the platform role to anyone but a platform admin', async () => {
    const editor = (await office.get('/api/v1/users?q=editor2')).json().items[0];
    const r = await office.post(`/api/v1/users/${editor.id}/grants`, { role: 'platform_admin', unitId: byCode('qsz').id });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('平台管理员');
  });

  it('never shows another tenant\'s units or users', async () => {
    const other = await loginAs(t.app, 'other-office', 'duizhao');
    const theirs: Unit[] = (await other.get('/api/v1/units')).json();
    expect(theirs.some((u) => u.name.includes('示范县'))).toBe(false);
    expect((await other.get(`/api/v1/units/${byCode('fgj').id}`)).statusCode).toBe(404);
    const users = (await other.get('/api/v1/users')).json().items as { username: string }[];
    expect(users.map((u) => u.username).sort()).toEqual(['other-editor', 'other-office']);
  });
});

describe('users and roles', () => {
  it('creates a user, grants and revokes a role, disables the account, all in the audit log', async () => {
    const fgj = byCode('fgj');
    const created = await office.post('/api/v1/users', { username: 'Wang.Li', displayName: '王力', unitId: fgj.id, password: 'Wang-Li-2026x', phone: '0000-1234' });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user.username).toBe('wang.li');
    expect(user.mustChangePassword).toBe(true);
    expect(JSON.stringify(user)).not.toContain('argon2');
    const granted = await office.post(`/api/v1/users/${user.id}/grants`, { role: 'unit_editor', unitId: fgj.id });
    expect(granted.json().grants).toHaveLength(1);
    const again = await office.post(`/api/v1/users/${user.id}/grants`, { role: 'unit_editor', unitId: fgj.id });
    expect(again.statusCode).toBe(409);
    const revoked = await office.delete(`/api/v1/users/${user.id}/grants/${granted.json().grants[0].id}`);
    expect(revoked.json().grants).toHaveLength(0);
    const disabled = await office.patch(`/api/v1/users/${user.id}`, { active: false, version: granted.json().version });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    const log = (await office.get(`/api/v1/audit?entityId=${user.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['user.disable', 'user.role.revoke', 'user.role.grant', 'user.create']);
    // No secret ever reaches the log.
    expect(JSON.stringify(log)).not.toMatch(/argon2|passwordHash/);
  });

  it('refuses a weak initial password and an invalid user name with Chinese messages', async () => {
    const fgj = byCode('fgj');
    const weak = await office.post('/api/v1/users', { username: 'weak', displayName: '弱', unitId: fgj.id, password: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码不符合要求');
    const badName = await office.post('/api/v1/users', { username: '中文名', displayName: '弱', unitId: fgj.id, password: 'Strong-Pass-2026' });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.message).toContain('用户名');
  });
});

describe('tenants', () => {
  it('lets a platform admin create a government with its portal host, and nobody else', async () => {
    const platform = await loginAs(t.app, 'admin');
    const body = { code: 'xinxian', name: '新县人民政府', shortName: '新县', hosts: ['xinxian.gongkai.localhost'], root: { code: 'root', name: '新县人民政府', shortName: '新县政府' } };
    expect((await office.post('/api/v1/tenants', body)).statusCode).toBe(403);
    const r = await platform.post('/api/v1/tenants', body);
    expect(r.statusCode).toBe(201);
    expect(r.json().hosts).toEqual(['xinxian.gongkai.localhost']);
    const taken = await platform.post('/api/v1/tenants', { ...body, code: 'xinxian2' });
    expect(taken.statusCode).toBe(409);
    const home = await t.app.inject({ method: 'GET', url: '/', headers: { host: 'xinxian.gongkai.localhost', accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('新县人民政府');
  });

  it('lets an office admin edit its own site settings but not its hosts', async () => {
    const tenant = (await office.get('/api/v1/tenant')).json();
    const r = await office.patch('/api/v1/tenant', { settings: { phone: '0000-7654321' }, version: tenant.version });
    expect(r.statusCode).toBe(200);
    expect(r.json().settings.phone).toBe('0000-7654321');
    const hosts = await office.patch(`/api/v1/tenants/${tenant.tenantId}`, { hosts: ['evil.example'], version: r.json().version });
    expect(hosts.statusCode).toBe(403);
  });
});
