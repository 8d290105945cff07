// The bench/portal baseline: a bare Fastify route that answers every GET with the same bytes (the record
// page as Gongkai rendered it), in its own process like the Gongkai server. Nothing else: no tenant
// look-up, no cache, no headers beyond Fastify's own.
//
//   node --import tsx bench/bare-server.ts PORT FILE
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, file] = process.argv.slice(2);
const body = readFileSync(file!);
const app = Fastify({ logger: false });
app.get('/*', async (_req, reply) => reply.type('text/html; charset=utf-8').send(body));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
