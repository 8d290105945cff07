// Art. 49 at work: units whose report on the past year is not published are reminded before their date
// (departments 1月31日, the government 3月31日) and once it has passed, each reminder once; the status board
// says the same for any day.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import { notifications } from '../../src/modules/notify/schema.ts';
import { getTenantByCode } from '../../src/modules/org/tenants.ts';
import { listUnits } from '../../src/modules/org/units.ts';
import { runReportSweep } from '../../src/modules/reports/reminders.ts';
import { statusBoard } from '../../src/modules/reports/service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let county: string;
let other: string;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  county = (await getTenantByCode(t.database.db, 'shifan'))!.tenantId;
  other = (await getTenantByCode(t.database.db, 'duizhao'))!.tenantId;
  for (const u of [...(await listUnits(t.database.db, county)), ...(await listUnits(t.database.db, other))]) ids.set(`${u.code}@${u.id}`, u.id);
});

afterAll(async () => {
  await t?.close();
});

const unit = async (tenantId: string, code: string) => (await listUnits(t.database.db, tenantId)).find((u) => u.code === code)!.id;

async function reminders(unitId: string) {
  return t.database.db
    .select({ kind: notifications.kind, title: notifications.title, body: notifications.body, dedupeKey: notifications.dedupeKey })
    .from(notifications)
    .where(and(eq(notifications.unitId, unitId), like(notifications.kind, 'report.%')))
    .orderBy(notifications.createdAt);
}

describe('runReportSweep', () => {
  it('warns each reporting unit once per threshold before its date, and once when it has passed', async () => {
    const jyj = await unit(county, 'jyj');
    const fgj = await unit(county, 'fgj');
    const village = (await listUnits(t.database.db, county)).find((u) => u.kind === 'village')!.id;
    const otherRoot = await unit(other, 'root');

    expect(await runReportSweep(t.database.db, '2025-12-20')).toEqual({ reminders: 0 }); // more than 30 days before
    const first = await runReportSweep(t.database.db, '2026-01-17');
    expect(first!.reminders).toBeGreaterThan(10);
    let got = await reminders(jyj);
    expect(got).toEqual([
      {
        kind: 'report.due',
        title: '示范县教育和体育局2025年度政府信息公开工作年度报告还有 14 天到发布期限',
        body: expect.stringContaining('应于2026年1月31日前发布（尚未开始编写报告）。《条例》第四十九条'),
        dedupeKey: `report:${jyj}:2025:warn14`,
      },
    ]);
    // 县发改局 has written its 2025 report (the demo) but not published it; villages do not report; the
    // governments' date is far off.
    expect((await reminders(fgj)).map((r) => r.body)).toEqual([expect.stringContaining('（报告已在编写，尚未发布）')]);
    expect(await reminders(village)).toEqual([]);
    expect(await reminders(otherRoot)).toEqual([]);

    // The same day again, or a day still within the same threshold: nothing new.
    expect((await runReportSweep(t.database.db, '2026-01-17'))!.reminders).toBe(0);
    expect((await runReportSweep(t.database.db, '2026-01-20'))!.reminders).toBe(0);
    await runReportSweep(t.database.db, '2026-01-24');
    await runReportSweep(t.database.db, '2026-02-03');
    got = await reminders(jyj);
    expect(got.map((r) => r.dedupeKey)).toEqual([`report:${jyj}:2025:warn14`, `report:${jyj}:2025:warn7`, `report:${jyj}:2025:overdue`]);
    expect(got[2]!.title).toBe('示范县教育和体育局2025年度政府信息公开工作年度报告已逾期未发布');
    expect(got[2]!.body).toContain('已逾期 3 天');
    expect((await runReportSweep(t.database.db, '2026-02-10'))!.reminders).toBe(0);

    // A government: 3月31日.
    await runReportSweep(t.database.db, '2026-03-01');
    expect((await reminders(otherRoot)).map((r) => r.title)).toEqual(['对照县人民政府2025年度政府信息公开工作年度报告还有 30 天到发布期限']);
  });
});

describe('statusBoard', () => {
  it('tells, for any day, who has published, who is writing and who is late', async () => {
    const caller: Caller = { kind: 'system', actor: systemActor(county, '测试') };
    const before = await statusBoard(t.database.db, caller, 2025, '2026-01-20');
    const row = (b: typeof before, code: string) => b.rows.find((r) => r.unitName === code)!;
    expect(row(before, '示范县发展和改革局')).toMatchObject({ status: 'checked', statusLabel: '已校验待发布', due: '2026-01-31', daysLeft: 11, report: { state: 'checked', daysLate: null } });
    expect(row(before, '示范县教育和体育局')).toMatchObject({ status: 'none', statusLabel: '未开始', report: null });
    expect(row(before, '示范县人民政府')).toMatchObject({ government: true, due: '2026-03-31', status: 'published', report: { daysLate: 0 } });
    const after = await statusBoard(t.database.db, caller, 2025, '2026-02-01');
    expect(row(after, '示范县教育和体育局')).toMatchObject({ status: 'overdue', statusLabel: '逾期未发布' });
    expect(row(after, '示范县发展和改革局')).toMatchObject({ status: 'overdue', report: { state: 'checked' } });
    expect(after.counts.overdue).toBe(before.counts.none + before.counts.draft + before.counts.checked);
    const thisYear = await statusBoard(t.database.db, caller, 2026, '2026-12-06');
    expect(row(thisYear, '示范县人民政府')).toMatchObject({ status: 'draft', statusLabel: '编写中', due: '2027-03-31' });
  });
});
