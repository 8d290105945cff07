// The portal's page cache. Rendered public pages (and public API answers and feeds) are kept in memory per
// tenant "generation"; any write by staff, and every publication by the background sweep, moves the
// tenant's generation on, here at once and in every other server process through PostgreSQL's
// LISTEN/NOTIFY, so a change is visible immediately. Answers carry an ETag and Last-Modified, and a
// matching If-None-Match gets a 304 without rendering anything.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { cachedHostTenant, hostTenant } from '../http/access.ts';
import type { TenantView } from '../modules/org/tenants.ts';
import { PORTAL_CHANNEL } from '../modules/publishing/changes.ts';
import { A11Y_COOKIE } from './context.ts';

const CHANNEL = PORTAL_CHANNEL;
const MAX_ENTRIES = 5000;
const MAX_BYTES = 2_000_000;

interface Generation {
  n: number;
  at: Date;
}

interface Entry {
  body: Buffer;
  /** The headers the page was first sent with (security headers included), less cookies and lengths. */
  headers: Record<string, string>;
  etag: string;
  status: number;
}

/** Shared by every app in the process (tests run several), keyed by tenant. */
const generations = new Map<string, Generation>();
const START = new Date();

export function generationOf(tenantId: string): Generation {
  return generations.get(tenantId) ?? { n: 0, at: START };
}

export function bumpTenant(tenantId: string): void {
  const g = generationOf(tenantId);
  generations.set(tenantId, { n: g.n + 1, at: new Date() });
}

/** Tells every server process that a tenant's public content changed (delivered after commit). */
export async function announceChange(pool: pg.Pool, tenantId: string): Promise<void> {
  bumpTenant(tenantId);
  await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, tenantId]);
}


/** Is this answer one the cache keeps: public pages, feeds and the public API, GET only. */
function cacheable(req: FastifyRequest): boolean {
  if (req.method !== 'GET' || req.routeOptions.config?.noCache) return false;
  const url = req.routeOptions.url ?? '';
  // The console's page carries a fresh CSP nonce each time: never one to replay.
  if (url === '/admin' || url.startsWith('/admin/')) return false;
  if (req.routeOptions.config?.html) return true;
  return url.startsWith('/api/v1/public/') || url.endsWith('.xml') || url === '/robots.txt';
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;
  /** Misses that waited for the same page's render already under way instead of rendering it again. */
  coalesced = 0;

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e) {
      // Least recently used goes first: re-inserting keeps the Map in use order.
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, e: Entry): void {
    this.entries.set(key, e);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

function send(reply: FastifyReply, req: FastifyRequest, e: Entry) {
  reply.headers(e.headers);
  if (req.headers['if-none-match'] === e.etag) return reply.code(304).send();
  return reply.code(e.status).send(e.body);
}

/** One cookie's value from the raw header: the hit path runs before the cookie plugin has parsed them. */
export function cookieValue(header: string | undefined, name: string): string {
  if (!header) return '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return '';
}

/** Headers of a response that may be replayed to another visitor. */
function replayable(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.getHeaders())) {
    if (v === undefined || k === 'set-cookie' || k === 'content-length' || k === 'date' || k === 'x-request-id') continue;
    // A nonce belongs to one response; portal pages use none, so it is dropped rather than shared.
    out[k] = k === 'content-security-policy' ? String(v).replace(/ 'nonce-[^']*'/g, '') : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export function registerPageCache(app: FastifyInstance, { db, config, pool }: { db: Db; config: Config; pool: pg.Pool }): PageCache {
  const cache = new PageCache();
  const keys = new WeakMap<FastifyRequest, string>();
  const inflight = new Map<string, Array<() => void>>();

  // Registered before every other plugin (server.ts), so a hit skips them all: cookie parsing, sessions,
  // security headers (replayed from the entry), rendering. This is most of the portal's traffic, so the
  // usual case (host already known) runs without a promise.
  const lookup = (req: FastifyRequest, reply: FastifyReply, tenant: TenantView | undefined, done: () => void) => {
    if (!tenant) return done();
    const g = generationOf(tenant.tenantId);
    // The visitor's accessibility choices change the page, so they are part of the key.
    const key = `${tenant.tenantId}|${g.n}|${req.protocol}|${req.hostname}|${req.url}|${cookieValue(req.headers.cookie, A11Y_COOKIE)}`;
    const hit = cache.get(key);
    if (hit) {
      cache.hits++;
      send(reply, req, hit);
      return;
    }
    cache.misses++;
    // The same page already being rendered for another visitor: wait for it rather than render it again
    // (after a publication, every visitor of a busy page misses at once).
    const pending = inflight.get(key);
    if (pending) {
      cache.coalesced++;
      pending.push(() => {
        const now = cache.get(key);
        if (now) send(reply, req, now);
        else done();
      });
      return;
    }
    inflight.set(key, []);
    // Only a miss is stored when it is sent (onSend below).
    keys.set(req, key);
    done();
  };
  /** Lets the visitors waiting on `key` go: to the stored page, or to render it themselves. */
  const release = (key: string) => {
    const waiters = inflight.get(key);
    if (!waiters) return;
    inflight.delete(key);
    for (const w of waiters) w();
  };
  app.addHook('onRequest', (req, reply, done) => {
    if (!cacheable(req)) return done();
    const known = cachedHostTenant(req);
    if (known !== null) return lookup(req, reply, known, done);
    hostTenant(db, config, req).then(
      (tenant) => lookup(req, reply, tenant, done),
      () => done(),
    );
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = keys.get(req);
    if (!key || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    if (reply.getHeader('set-cookie')) return payload;
    // An answer its route marked as not to be stored (per-request content) is not stored here either.
    if (/no-store|private/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (size > MAX_BYTES) return payload;
    const tenantId = key.slice(0, key.indexOf('|'));
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 22)}"`;
    if (!reply.getHeader('content-type')) reply.type('text/html; charset=utf-8');
    reply.header('etag', etag).header('last-modified', generationOf(tenantId).at.toUTCString()).header('cache-control', 'public, max-age=0, must-revalidate');
    // Kept as bytes: a hit then sends them as they are, without encoding the text again.
    const e: Entry = { body: typeof payload === 'string' ? Buffer.from(payload) : payload, headers: replayable(reply), etag, status: 200 };
    cache.set(key, e);
    release(key);
    if (req.headers['if-none-match'] === e.etag) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  // A render that ended without a page to store (an error, a redirect, an aborted request) still lets
  // its waiters go.
  app.addHook('onResponse', async (req) => {
    const key = keys.get(req);
    if (key) release(key);
  });
  app.addHook('onRequestAbort', async (req) => {
    const key = keys.get(req);
    if (key) release(key);
  });

  // Any successful write by staff may change what the public sees: move the tenant on, everywhere.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400 || !req.principal) return;
    await announceChange(pool, req.principal.tenantId).catch(() => bumpTenant(req.principal!.tenantId));
  });

  // Other processes' changes arrive by NOTIFY on a connection of our own. The connection is given back
  // once, whichever comes first: its error (the server restarted, the database was dropped) or our close.
  let listener: pg.PoolClient | undefined;
  let closed = false;
  const giveBack = (client: pg.PoolClient, broken: boolean) => {
    if (listener !== client) return;
    listener = undefined;
    client.removeAllListeners('notification');
    try {
      client.release(broken);
    } catch {
      // Already given back by pg itself: nothing to do.
    }
  };
  const listen = async () => {
    if (closed) return;
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      listener = client;
      const own = client;
      own.on('notification', (n) => {
        if (n.channel === CHANNEL && n.payload) bumpTenant(n.payload);
      });
      own.on('error', () => {
        if (listener !== own) return;
        giveBack(own, true);
        if (!closed) setTimeout(() => void listen(), 1000).unref();
      });
      await own.query(`LISTEN ${CHANNEL}`);
    } catch {
      if (client) giveBack(client, true);
      if (!closed) setTimeout(() => void listen(), 1000).unref();
    }
  };
  app.addHook('onReady', async () => {
    await listen();
  });
  app.addHook('onClose', async () => {
    closed = true;
    const client = listener;
    if (client) {
      await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
      giveBack(client, false);
    }
  });
  return cache;
}
