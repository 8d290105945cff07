// Policy push at scale: the SQL selection of the subscribers a policy reaches, and the sweep's announcement,
// agree exactly with the brute-force reference (src/core/policy/generate.testing.ts) on 10,000 generated
// subscribers, for many generated policies.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/core/auth/caller.ts';
import { systemActor } from '../../src/core/auth/principal.ts';
import { todayLocal } from '../../src/core/calendar/index.ts';
import { bruteForceFits, generateProfile, generateTarget, rng } from '../../src/core/policy/generate.testing.ts';
import type { Profile } from '../../src/core/policy/target.ts';
import { getTenantByCode } from '../../src/modules/org/tenants.ts';
import { listUnits } from '../../src/modules/org/units.ts';
import { policyInbox, policyOutbox, policySubscribers } from '../../src/modules/policy/schema.ts';
import { matchingSubscriberIds, policyAreas, putBenefit } from '../../src/modules/policy/service.ts';
import { announcePublished } from '../../src/modules/policy/sweep.ts';
import { actOnRecord, createRecord } from '../../src/modules/publishing/records.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const N = 10_000;
const YEAR = Number(todayLocal().slice(0, 4));

let t: TestApp;
let tenantId: string;
let caller: Caller;
let areas: string[];
const population: { id: string; profile: Profile; active: boolean; mail: boolean }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await getTenantByCode(t.database.db, 'shifan'))!.tenantId;
  caller = { kind: 'system', actor: systemActor(tenantId, '测试') };
  areas = (await policyAreas(t.database.db, tenantId)).map((a) => a.id);
  const r = rng(424242);
  const rows: { row: typeof policySubscribers.$inferInsert; profile: Profile }[] = [];
  for (let i = 0; i < N; i++) {
    const profile = generateProfile(r, areas, YEAR);
    // A few cancelled subscriptions keep their profile here, to prove the selection leaves them out.
    const active = r() > 0.03;
    const mail = r() < 0.7;
    rows.push({ profile, row: { tenantId, ...profile, email: `s${i}@example.cn`, emailConfirmedAt: mail ? new Date() : null, tokenHash: randomBytes(32).toString('hex'), status: active ? 'active' : 'cancelled', siteUrl: 'http://localhost' } });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = await t.database.db.insert(policySubscribers).values(rows.slice(i, i + 1000).map((x) => x.row)).returning({ id: policySubscribers.id });
    ids.forEach((x, k) => {
      const { row, profile } = rows[i + k]!;
      population.push({ id: x.id, profile, active: row.status === 'active', mail: row.emailConfirmedAt !== null });
    });
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('政策找人 on 10,000 generated subscribers', () => {
  it('selects in SQL exactly the subscribers the brute-force reference finds, for 40 generated policies', async () => {
    const r = rng(99);
    let total = 0;
    for (let i = 0; i < 40; i++) {
      const target = generateTarget(r, areas);
      const expected = population.filter((s) => s.active && bruteForceFits(target, s.profile, YEAR)).map((s) => s.id).sort();
      const got = await matchingSubscriberIds(t.database.db, tenantId, target, YEAR);
      expect(got.length, JSON.stringify(target)).toBe(expected.length);
      expect(got, JSON.stringify(target)).toEqual(expected);
      total += got.length;
    }
    // Neither nobody nor everybody: the rule was exercised.
    expect(total).toBeGreaterThan(400);
    expect(total).toBeLessThan(40 * N * 0.6);
  }, 120_000);

  it('announces a published policy to exactly those subscribers, e-mailing the confirmed ones, once', async () => {
    const r = rng(2026);
    const unitId = (await listUnits(t.database.db, tenantId)).find((u) => u.code === 'rsj')!.id;
    let target = generateTarget(r, areas);
    // A policy that reaches a fair share of the population.
    while (population.filter((s) => s.active && bruteForceFits(target, s.profile, YEAR)).length < 200) target = generateTarget(r, areas);
    let rec = await createRecord(t.database.db, caller, { unitId, title: '万人订阅测试政策', genre: 'notice', attribute: 'proactive', bodyHtml: '<p>测试</p>' });
    await putBenefit(t.database.db, caller, rec.id, { ...target, version: 0, unitId });
    for (const event of ['submit', 'pass_review', 'pass_confidentiality', 'publish'] as const) rec = await actOnRecord(t.database.db, caller, rec.id, { event, version: rec.version });
    const started = Date.now();
    const [a, b] = await Promise.all([announcePublished(t.database.db), announcePublished(t.database.db)]);
    const ms = Date.now() - started;
    expect(a.announced + b.announced).toBe(1);
    expect((await announcePublished(t.database.db)).announced).toBe(0);
    const expected = population.filter((s) => s.active && bruteForceFits(target, s.profile, YEAR));
    const inbox = await t.database.db.select({ id: policyInbox.subscriberId }).from(policyInbox).where(and(eq(policyInbox.tenantId, tenantId), eq(policyInbox.recordId, rec.id)));
    expect(inbox.map((x) => x.id).sort()).toEqual(expected.map((s) => s.id).sort());
    const mails = await t.database.db.select({ id: policyOutbox.subscriberId }).from(policyOutbox).where(and(eq(policyOutbox.tenantId, tenantId), eq(policyOutbox.recordId, rec.id)));
    expect(mails.map((x) => x.id).sort()).toEqual(expected.filter((s) => s.mail).map((s) => s.id).sort());
    console.log(`政策推送：${N} 位订阅者中 ${expected.length} 位符合，${mails.length} 封邮件入发件箱，用时 ${ms} ms`);
  }, 120_000);
});
