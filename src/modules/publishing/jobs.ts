// Background work of publishing, run by every server process: scheduled publication and deadline warnings.
// The state lives in PostgreSQL, so a restart loses nothing; a transaction-level advisory lock lets only
// one process sweep at a time, and the dedupe keys and version checks make a repeated sweep harmless.
import { sql } from 'drizzle-orm';
import type { Caller } from '../../core/auth/caller.ts';
import { systemActor } from '../../core/auth/principal.ts';
import type { Db } from '../../db/client.ts';
import { sendDeadlineWarnings } from './deadlines.ts';
import { publishDueScheduled } from './records.ts';
import { sendInterpretationWarnings } from '../interpretation/service.ts';

const SWEEP_LOCK = 7310443;

export async function runPublishingSweep(db: Db, now = new Date()): Promise<{ published: number; warnings: number } | null> {
  return db.transaction(async (tx) => {
    const [got] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)).rows as { ok: boolean }[];
    if (!got?.ok) return null;
    const caller = (tenantId: string): Caller => ({ kind: 'system', actor: systemActor(tenantId, '系统（定时发布）') });
    const published = await publishDueScheduled(tx, caller, now);
    const warnings = (await sendDeadlineWarnings(tx)) + (await sendInterpretationWarnings(tx));
    return { published, warnings };
  });
}

