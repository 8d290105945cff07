// The background work every server process runs. The state of each job lives in PostgreSQL and each sweep
// takes a transaction-level advisory lock, so any number of processes may run them: one does the work, a
// repeated sweep finds nothing left to do, and a restart loses nothing.
import type { Db } from './db/client.ts';
import { runPublishingSweep } from './modules/publishing/jobs.ts';
import { runRequestSweep } from './modules/requests/reminders.ts';
import { indexPending } from './modules/search/indexer.ts';
import { runParticipationSweep } from './modules/participation/jobs.ts';
import { runTaskSweep } from './modules/tasks/sweep.ts';
import { runReportSweep } from './modules/reports/reminders.ts';
import { runPolicySweep } from './modules/policy/sweep.ts';

type Log = { error: (o: unknown, msg: string) => void; info?: (o: unknown, msg: string) => void; warn?: (o: unknown, msg: string) => void };

/**
 * Runs `work` every `everyMs` (and once now), never twice at once, logging rather than throwing. The stop
 * function waits for a run in progress: the server closes its pool only after the last query of a sweep.
 */
function every(everyMs: number, work: () => Promise<unknown>, log: Log, what: string): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = (async () => {
      try {
        await work();
      } catch (err) {
        log.error({ err }, `${what} failed`);
      } finally {
        current = null;
      }
    })();
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}

export function startJobs(db: Db, log: Log, everyMs = 60_000): () => Promise<void> {
  const stops = [
    // Scheduled publication and the Art. 26 warnings.
    every(everyMs, () => runPublishingSweep(db), log, 'publishing sweep'),
    // Disclosure requests: the Art. 33 reminders, expired correction, fee and consultation periods, 协查.
    every(everyMs, () => runRequestSweep(db), log, 'request sweep'),
    // The mailbox's overdue letters; 舆情 deadlines in hours, escalated to the office when missed.
    every(everyMs, () => runParticipationSweep(db), log, 'participation sweep'),
    // Work-plan tasks: published records counted as evidence, reminders before due dates, unacknowledged 催办.
    every(everyMs, () => runTaskSweep(db), log, 'task sweep'),
    // Art. 49: reminders before the annual reports' dates (1月31日, 3月31日).
    every(everyMs, () => runReportSweep(db), log, 'report sweep'),
    // Benefit policies announced to the enterprises they fit; the e-mail outbox drained to SMTP_URL.
    every(everyMs, () => runPolicySweep(db, { log }), log, 'policy sweep'),
    // Records that reached the public without passing the workflow (bulk import, restore, changes by
    // hand) are indexed by this sweep; more often than the others, so an import is soon findable.
    every(Math.min(everyMs, 15_000), () => indexPending(db, { limit: 20_000 }), log, 'search index sweep'),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
