// The portal's page cache. Rendered public pages (and public API answers and feeds) are kept in memory per
// tenant "generation"; any write by staff, and every publication by the background sweep, moves the
// tenant's generation on, here at once and in every other server process through PostgreSQL's
// LISTEN/NOTIFY, so a change is visible immediately. Answers carry an ETag and Last-Modified, and a
// matching If-None-Match gets a 304 without rendering anything.
//
// A stored page is also answered by the front path (frontPath below), in the http server's own request
// event before Fastify builds anything for the request: routing, request and reply objects, the request's
// logger and id, and the hooks would cost more than the answer itself. It finds pages by a key made of the
// raw request only, and trusts an entry only while its tenant's generation and its host's tenant are the
// ones it was stored with; otherwise the request goes to Fastify, whose hit path refreshes both.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { cachedHostTenant, freshHostTenantId, hostTenant } from '../http/access.ts';
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

/** A stored page as the front path finds it, with what it takes to know that it is still the current one. */
interface FrontEntry {
  entry: Entry;
  tenantId: string;
  /** The tenant's generation when the page was looked up, before rendering: a change during it makes it stale. */
  n: number;
  /** req.hostname when it was stored: the host cache that says which tenant a host serves is keyed by it. */
  hostname: string;
  /** The entry's headers with its length, ready for writeHead. */
  head: Record<string, string>;
}

/** What the cache's onRequest hook found out about a miss, for its onSend hook to store the page under. */
interface Pending {
  key: string;
  tenantId: string;
  n: number;
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

/** Least recently used goes first: re-inserting keeps the Map in use order. */
function touch<V>(map: Map<string, V>, key: string): V | undefined {
  const v = map.get(key);
  if (v !== undefined) {
    map.delete(key);
    map.set(key, v);
  }
  return v;
}

function put<V>(map: Map<string, V>, key: string, v: V): void {
  map.delete(key);
  map.set(key, v);
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  // The front path's keys point at the same entries (one body in memory for both), under the same bound.
  private readonly front = new Map<string, FrontEntry>();
  /** Every hit, the front path's included. */
  hits = 0;
  /** The hits answered by the front path, before Fastify saw the request. */
  frontHits = 0;
  misses = 0;
  /** Misses that waited for the same page's render already under way instead of rendering it again. */
  coalesced = 0;

  get(key: string): Entry | undefined {
    return touch(this.entries, key);
  }

  set(key: string, e: Entry): void {
    put(this.entries, key, e);
  }

  getFront(key: string): FrontEntry | undefined {
    return touch(this.front, key);
  }

  setFront(key: string, f: FrontEntry): void {
    put(this.front, key, f);
  }

  get size(): number {
    return this.entries.size;
  }
}

function frontEntry(entry: Entry, tenantId: string, n: number, hostname: string): FrontEntry {
  return { entry, tenantId, n, hostname, head: { ...entry.headers, 'content-length': String(entry.body.length) } };
}

/**
 * Makes the front path's key of a request, from the raw request alone: the one function used both when a
 * page is stored and when the front path looks for it, so that both see the same thing. It holds, as
 * received, everything the page may depend on and everything Fastify derives the page's host and protocol
 * from: the host header with its port, the forwarded headers whether trusted or not, TLS, the URL with its
 * query, the accessibility cookie. Too much in it only costs a miss; too little would show one site's page
 * to another's visitors. The fields are joined by a line feed, which Node's parser refuses in a header
 * value or a request target, so two different requests cannot make the same key.
 */
export function frontKeyOf(trustProxy: Config['trustProxy']): (raw: IncomingMessage) => string {
  // Trust given to some addresses only makes the forwarded headers count or not by who sent them.
  const byPeer = typeof trustProxy !== 'boolean';
  return (raw) => {
    const h = raw.headers;
    const forwardedHost = h['x-forwarded-host'] ?? '';
    const forwardedProto = h['x-forwarded-proto'] ?? '';
    const peer = byPeer && (forwardedHost || forwardedProto) ? (raw.socket?.remoteAddress ?? '') : '';
    const tls = (raw.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http';
    return `${tls}\n${h.host ?? ''}\n${forwardedHost}\n${forwardedProto}\n${peer}\n${cookieValue(h.cookie, A11Y_COOKIE)}\n${raw.url ?? ''}`;
  };
}

/** Answers a request from the server's request event if a current page is stored for it; false otherwise. */
export type FrontPath = (raw: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The front path: a stored page answered with nothing more than what its answer costs. It runs before
 * Fastify, so the security headers come from the entry (as on Fastify's hit path), the request gets no id,
 * and the access log line, when the log level wants one, is written here.
 */
export function frontPath(app: FastifyInstance, cache: PageCache, keyOf: (raw: IncomingMessage) => string): FrontPath {
  const log = app.log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  let closing = false;
  // While closing, Fastify answers 503 and closes the connection: that is for it to do.
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  return (raw, res) => {
    if (raw.method !== 'GET' || closing) return false;
    const f = cache.getFront(keyOf(raw));
    // A publication moved the tenant on, or the host may serve another tenant now (or the host cache no
    // longer knows): Fastify's path decides, and stores or refreshes what it finds.
    if (!f || generationOf(f.tenantId).n !== f.n || freshHostTenantId(f.hostname) !== f.tenantId) return false;
    cache.hits++;
    cache.frontHits++;
    if (raw.headers['if-none-match'] === f.entry.etag) {
      res.writeHead(304, f.entry.headers);
      res.end();
    } else {
      res.writeHead(f.entry.status, f.head);
      res.end(f.entry.body);
    }
    if (log.isLevelEnabled?.('info')) log.info({ url: raw.url, host: raw.headers.host, remoteAddress: raw.socket?.remoteAddress, statusCode: res.statusCode, cache: 'front' }, 'request completed');
    return true;
  };
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

export function registerPageCache(app: FastifyInstance, { db, config, pool }: { db: Db; config: Config; pool: pg.Pool }): { cache: PageCache; front: FrontPath } {
  const cache = new PageCache();
  const frontKey = frontKeyOf(config.trustProxy);
  const keys = new WeakMap<FastifyRequest, Pending>();
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
      // The front path missed this one (its host cache went stale, or it knew the page by another key):
      // from now on it has it again.
      cache.setFront(frontKey(req.raw), frontEntry(hit, tenant.tenantId, g.n, req.hostname));
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
    keys.set(req, { key, tenantId: tenant.tenantId, n: g.n });
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
    const pending = keys.get(req);
    if (!pending || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    if (reply.getHeader('set-cookie')) return payload;
    // An answer its route marked as not to be stored (per-request content) is not stored here either.
    if (/no-store|private/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (size > MAX_BYTES) return payload;
    const { key, tenantId, n } = pending;
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 22)}"`;
    if (!reply.getHeader('content-type')) reply.type('text/html; charset=utf-8');
    reply.header('etag', etag).header('last-modified', generationOf(tenantId).at.toUTCString()).header('cache-control', 'public, max-age=0, must-revalidate');
    // Kept as bytes: a hit then sends them as they are, without encoding the text again.
    const e: Entry = { body: typeof payload === 'string' ? Buffer.from(payload) : payload, headers: replayable(reply), etag, status: 200 };
    cache.set(key, e);
    cache.setFront(frontKey(req.raw), frontEntry(e, tenantId, n, req.hostname));
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
    const pending = keys.get(req);
    if (pending) release(pending.key);
  });
  app.addHook('onRequestAbort', async (req) => {
    const pending = keys.get(req);
    if (pending) release(pending.key);
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
  return { cache, front: frontPath(app, cache, frontKey) };
}
