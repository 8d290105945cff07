// The audit log's hash chain: intact after ordinary work, broken — and named — after a direct edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { verifyAudit } from '../../src/modules/audit/service.ts';
import { createTestApp, loginAs, type TestApp } from '../helpers/app.ts';
import { captureOutput } from '../helpers/output.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Some ordinary work, so that the chain has entries of several kinds.
  const office = await loginAs(t.app, 'office');
  await office.post('/api/v1/calendar/entries', { date: '2031-01-02', kind: 'OFF', name: '测试假日' });
  const units = (await office.get('/api/v1/units')).json() as { id: string; code: string; version: number }[];
  const fgj = units.find((u) => u.code === 'fgj')!;
  await office.patch(`/api/v1/units/${fgj.id}`, { sortOrder: 7, version: fgj.version });
});
afterAll(async () => {
  await t?.close();
});

const cli = (args: string[]) => captureOutput(() => runCli(args), { DATABASE_URL: t.database.dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' });

describe('audit log chain', () => {
  it('verifies a clean log, through the API and `gongkai audit verify`', async () => {
    const office = await loginAs(t.app, 'office');
    const res = await office.post('/api/v1/audit/verify');
    expect(res.json().ok).toBe(true);
    expect(res.json().entries).toBeGreaterThan(60);
    const { code, stdout } = await cli(['audit', 'verify']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ shifan：\d+ 条记录，哈希链完整/);
    expect(stdout).toMatch(/✓ duizhao/);
  });

  it('records before and after of a change', async () => {
    const office = await loginAs(t.app, 'office');
    const log = (await office.get('/api/v1/audit?action=unit.update')).json();
    const entry = log.items[0];
    expect(entry.before.sortOrder).not.toBe(7);
    expect(entry.after.sortOrder).toBe(7);
    expect(entry.actorLabel).toBe('李秀梅（office）');
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails after a row is altered in the database, naming the entry, and the entries before it stay good', async () => {
    const { rows } = await t.database.pool.query<{ tenant_id: string; seq: string }>(
      "SELECT a.tenant_id, a.seq FROM audit_log a JOIN tenants t USING (tenant_id) WHERE t.code = 'shifan' AND a.action = 'calendar.entry.add'",
    );
    const target = rows[0]!;
    await t.database.pool.query("UPDATE audit_log SET summary = summary || '（改）' WHERE tenant_id = $1 AND seq = $2", [target.tenant_id, target.seq]);
    const reports = await verifyAudit(t.database.db);
    const shifan = reports.find((r) => r.tenantCode === 'shifan')!;
    expect(shifan.ok).toBe(false);
    expect(shifan.problem!.seq).toBe(Number(target.seq));
    expect(shifan.entries).toBe(Number(target.seq) - 1);
    expect(reports.find((r) => r.tenantCode === 'duizhao')!.ok).toBe(true);
    const { code, stdout, stderr } = await cli(['audit', 'verify']);
    expect(code).toBe(2);
    expect(stdout).toContain(`✗ shifan：第 ${target.seq} 条记录异常`);
    expect(stderr).toContain('操作日志校验失败');
    const office = await loginAs(t.app, 'office');
    const api = (await office.post('/api/v1/audit/verify')).json();
    expect(api.ok).toBe(false);
    expect(api.problem.seq).toBe(Number(target.seq));
  });

  it('detects a deleted entry in the middle of the chain', async () => {
    const { rows } = await t.database.pool.query<{ tenant_id: string }>("SELECT tenant_id FROM tenants WHERE code = 'duizhao'");
    await t.database.pool.query('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2', [rows[0]!.tenant_id]);
    const report = (await verifyAudit(t.database.db)).find((r) => r.tenantCode === 'duizhao')!;
    expect(report.ok).toBe(false);
    expect(report.problem!.seq).toBe(3);
    expect(report.problem!.reason).toContain('序号不连续');
  });
});
