// The public API is open to any origin (read-only, published data): portals of other governments and the
// static export's search call it from their own pages.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * A route-level onRequest hook: set before the handler, so that the header is among those the page cache
 * stores with the answer (its onSend hook runs before a route's own onSend) and replays on every hit.
 */
export function openCors(_req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
  reply.header('access-control-allow-origin', '*');
  done();
}
