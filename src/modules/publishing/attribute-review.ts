// Art. 18 of the regulation: information not proactively disclosed is reviewed periodically, and released
// when circumstances change. Each on-request or withheld record carries a yearly review date; a review keeps
// the attribute with a reason, or converts the record to proactive (and publishes it when it is approved).
// Historical records imported without an attribute get one here, in bulk.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { assertCan, type Caller } from '../../core/auth/caller.ts';
import { todayLocal } from '../../core/calendar/index.ts';
import { badRequest, staleVersion } from '../../core/errors.ts';
import { ATTRIBUTE_LABELS, attributeProblem, type DisclosureAttribute } from '../../core/publishing/disclosure.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { requireUnit } from '../org/units.ts';
import { guardForRecord } from './guard.ts';
import { addEvent, afterPublication, assertPublishable, dueFields, publicationFields, recordView, reviewOn, visibleRecord, type RecordView } from './records.ts';
import { records } from './schema.ts';

export async function reviewAttribute(exec: Executor, caller: Caller, id: string, input: { decision: 'keep' | 'convert'; reason: string; version: number }): Promise<RecordView> {
  const tenantId = caller.actor.tenantId;
  return exec.transaction(async (tx) => {
    const { row: before, unit } = await visibleRecord(tx, caller, id, true);
    assertCan(caller, 'records.review', unit, unit.name);
    if (before.version !== input.version) throw staleVersion(`《${before.title}》`);
    if (before.attribute !== 'on_request' && before.attribute !== 'withheld') throw badRequest('只有依申请公开和不予公开的信息需要复核公开属性');
    const today = todayLocal();
    const now = new Date();
    let set: Partial<typeof records.$inferInsert>;
    if (input.decision === 'keep') {
      set = { attributeReviewOn: reviewOn(before.attribute, today) };
    } else {
      // The change of attribute is a change of the information: the Art. 26 clock runs from today.
      set = { attribute: 'proactive', attributeGround: null, attributeReviewOn: null, formedOn: today, ...(await dueFields(tx, tenantId, 'proactive', today)) };
      if (before.state === 'approved') {
        const converted = { ...before, ...set } as typeof before;
        assertPublishable(converted, await guardForRecord(tx, converted));
        Object.assign(set, { state: 'published' as const }, await publicationFields(tx, tenantId, converted, now));
      }
    }
    const [row] = await tx
      .update(records)
      .set({ ...set, version: before.version + 1, updatedAt: now })
      .where(and(eq(records.tenantId, tenantId), eq(records.id, id), eq(records.version, input.version)))
      .returning();
    if (!row) throw staleVersion(`《${before.title}》`);
    await addEvent(tx, caller, id, 'attribute_review', {
      comment: input.reason,
      ...(row.state !== before.state ? { from: before.state, to: row.state } : {}),
      data: { decision: input.decision, from: before.attribute, to: row.attribute, nextReviewOn: row.attributeReviewOn },
    });
    await recordAudit(tx, caller.actor, {
      action: 'record.attribute_review',
      entityType: 'record',
      entityId: id,
      summary: `《${before.title}》公开属性复核：${input.decision === 'keep' ? `维持“${ATTRIBUTE_LABELS[before.attribute]}”` : '转为主动公开'}${row.state === 'published' && before.state !== 'published' ? '并发布' : ''}，理由：${input.reason}`,
      before: { attribute: before.attribute, attributeReviewOn: before.attributeReviewOn },
      after: { attribute: row.attribute, attributeReviewOn: row.attributeReviewOn, state: row.state },
    });
    if (row.state === 'published' && before.state !== 'published') await afterPublication(tx, caller, row);
    return recordView(row, unit.name);
  });
}

export async function assignAttributes(
  exec: Executor,
  caller: Caller,
  input: { ids: string[]; attribute: DisclosureAttribute; attributeGround?: string | null; attributeReason?: string | null },
): Promise<{ updated: number }> {
  const tenantId = caller.actor.tenantId;
  const problem = attributeProblem(input.attribute, input.attributeGround);
  if (problem) throw badRequest(problem, { field: 'attributeGround' });
  return exec.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(records)
      .where(and(eq(records.tenantId, tenantId), inArray(records.id, input.ids)))
      .for('update');
    if (rows.length !== new Set(input.ids).size) throw badRequest('部分信息不存在或不在您的管辖范围内，未做任何修改');
    for (const r of rows) {
      const unit = await requireUnit(tx, tenantId, r.unitId);
      assertCan(caller, 'records.edit', unit, unit.name);
      if (r.attribute) throw badRequest(`《${r.title}》已认定为“${ATTRIBUTE_LABELS[r.attribute]}”；已认定的请在信息中修改，未做任何修改`);
    }
    const today = todayLocal();
    for (const r of rows) {
      await tx
        .update(records)
        .set({
          attribute: input.attribute,
          attributeGround: input.attributeGround ?? null,
          attributeReason: input.attributeReason ?? null,
          attributeReviewOn: reviewOn(input.attribute, today),
          version: r.version + 1,
          updatedAt: new Date(),
        })
        .where(and(eq(records.tenantId, tenantId), eq(records.id, r.id), isNull(records.attribute)));
      await addEvent(tx, caller, r.id, 'attribute', { comment: input.attributeReason ?? null, data: { from: null, to: input.attribute, toGround: input.attributeGround ?? null } });
    }
    await recordAudit(tx, caller.actor, {
      action: 'record.attribute.assign',
      entityType: 'record',
      summary: `为 ${rows.length} 条存量信息认定公开属性为“${ATTRIBUTE_LABELS[input.attribute]}”`,
      after: { ids: input.ids, attribute: input.attribute, attributeGround: input.attributeGround ?? null },
    });
    return { updated: rows.length };
  });
}
