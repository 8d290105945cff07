// The audit log's hash chain. Each entry's hash covers its own content and the previous entry's hash,
// so changing, removing or reordering any entry breaks every hash after it.
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Sorted keys: the hash does not depend on the order in which the database hands back JSON members.
const stableStringify = configure({ deterministic: true, circularValue: Error, bigint: false });

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  tenantId: string;
  seq: number;
  /** ISO-8601 instant with milliseconds, as stored. */
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export interface StoredAuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

/**
 * Values go through JSON once before hashing and storing, so that what is hashed is exactly what the
 * database gives back (dates become strings, undefined members vanish).
 */
export function normaliseJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function entryHash(prevHash: string, content: AuditContent): string {
  const body = stableStringify({ ...content, before: normaliseJson(content.before), after: normaliseJson(content.after) });
  return createHash('sha256').update(prevHash).update('\n').update(body ?? '').digest('hex');
}

export type ChainProblem = { seq: number; reason: string };

/** Checks entries one at a time, in seq order, so that a long log can be streamed. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  count = 0;

  push(entry: StoredAuditEntry): ChainProblem | null {
    if (entry.seq !== this.expectedSeq) {
      return { seq: entry.seq, reason: `序号不连续：应为 ${this.expectedSeq}，实为 ${entry.seq}（有记录被删除或插入）` };
    }
    if (entry.prevHash !== this.prev) {
      return { seq: entry.seq, reason: '前序哈希与上一条记录不符（有记录被删除、替换或改动）' };
    }
    const { prevHash, hash, ...content } = entry;
    if (entryHash(prevHash, content) !== hash) {
      return { seq: entry.seq, reason: '记录内容与其哈希不符（该条记录被改动）' };
    }
    this.prev = hash;
    this.expectedSeq++;
    this.count++;
    return null;
  }
}
