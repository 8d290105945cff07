// The participation sweep: overdue letters to the mailbox, and matters of public concern whose hour
// deadlines passed unmet (escalated to the office). One process at a time; each notice sent once.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sendMessageReminders } from './messages.ts';
import { escalateOpinions } from './opinions.ts';

const SWEEP_LOCK = 7310461;

export async function runParticipationSweep(db: Db, now = new Date()): Promise<{ messages: number; opinions: number } | null> {
  return db.transaction(async (tx) => {
    const [got] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)).rows as { ok: boolean }[];
    if (!got?.ok) return null;
    return { messages: await sendMessageReminders(tx), opinions: await escalateOpinions(tx, now) };
  });
}
