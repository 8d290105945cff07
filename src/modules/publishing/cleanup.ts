// 规范性文件清理: a periodic review of every normative document of the tenant and its units, producing a list
// (继续有效 / 已修改 / 已废止 / 已失效) that is itself a record, drafted for review and publication.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { todayLocal } from '../../core/calendar/index.ts';
import { validityOn, VALIDITY_LABELS } from '../../core/publishing/validity.ts';
import type { Caller } from '../../core/auth/caller.ts';
import type { Executor } from '../../db/client.ts';
import { units } from '../org/schema.ts';
import { createRecord, type RecordView } from './records.ts';
import { records } from './schema.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export async function cleanupRows(exec: Executor, tenantId: string, asOf: string) {
  const rows = await exec
    .select({ r: records, publisher: units.name })
    .from(records)
    .innerJoin(units, and(eq(units.tenantId, records.tenantId), eq(units.id, records.unitId)))
    .where(and(eq(records.tenantId, tenantId), inArray(records.state, ['published', 'superseded']), inArray(records.genre, ['normative_document', 'rule'])))
    .orderBy(asc(records.issuer), asc(records.writtenOn));
  return rows.map(({ r, publisher }) => {
    const v = validityOn({ validity: r.validity ?? 'valid', expiresOn: r.expiresOn, effectiveOn: r.effectiveOn, changedOn: r.validityChangedOn, amendedById: r.amendedById }, asOf);
    return { id: r.id, title: r.title, docNo: r.docNo, issuer: r.issuer, publisher, writtenOn: r.writtenOn, validity: v, validityLabel: VALIDITY_LABELS[v], changedOn: r.validityChangedOn };
  });
}

/** Drafts the clean-up list as a record of the chosen unit, to go through review like any other. */
export async function draftCleanupList(exec: Executor, caller: Caller, input: { unitId: string; title?: string; asOf?: string }): Promise<RecordView> {
  const asOf = input.asOf ?? todayLocal();
  const rows = await cleanupRows(exec, caller.actor.tenantId, asOf);
  const groups = (['valid', 'amended', 'repealed', 'expired'] as const).map((v) => ({ v, items: rows.filter((r) => r.validity === v) }));
  const table = (items: typeof rows) =>
    `<table><thead><tr><th scope="col">序号</th><th scope="col">文件名称</th><th scope="col">文号</th><th scope="col">发文机关</th><th scope="col">成文日期</th></tr></thead><tbody>${items
      .map((r, i) => `<tr><td>${i + 1}</td><td>${esc(r.title)}</td><td>${esc(r.docNo ?? '')}</td><td>${esc(r.issuer)}</td><td>${r.writtenOn ?? ''}</td></tr>`)
      .join('')}</tbody></table>`;
  const heads: Record<string, string> = { valid: '一、继续有效的行政规范性文件', amended: '二、已修改的行政规范性文件', repealed: '三、已废止的行政规范性文件', expired: '四、已失效的行政规范性文件' };
  const body =
    `<p>截至 ${asOf}，对本级政府及所属单位制发的行政规范性文件进行了清理，共 ${rows.length} 件，结果如下。</p>` +
    groups.map((g) => `<h3>${heads[g.v]}（${g.items.length} 件）</h3>${g.items.length ? table(g.items) : '<p>无。</p>'}`).join('');
  return createRecord(exec, caller, {
    unitId: input.unitId,
    title: input.title?.trim() || `关于行政规范性文件清理结果的公告（截至${asOf}）`,
    bodyHtml: body,
    genre: 'announcement',
    attribute: 'proactive',
    formedOn: todayLocal(),
    topics: ['综合政务'],
  });
}
