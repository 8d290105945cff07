// Global set-up for database tests: one PostgreSQL server per test project (the embedded one, or the
// external one named by TEST_DATABASE_URL), one template database migrated once, and every test file
// then gets its own copy of the template (CREATE DATABASE … TEMPLATE is a file copy: fast).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../../src/db/client.ts';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.ts';
import { loadFixtures } from '../helpers/fixtures.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server (for CREATE/DROP DATABASE). */
    pgAdminUrl: string;
    /** Name of the migrated, empty template database. */
    pgTemplate: string;
    /** Name of the template holding the demo county and a second tenant (test/helpers/fixtures.ts). */
    pgTemplateFixtures: string;
    /** 'embedded' or 'external', for test names and messages. */
    pgKind: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

async function createFrom(adminUrl: string, name: string, template: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`);
  await c.end();
}

export async function setupPostgres(project: TestProject, kind: 'embedded' | 'external') {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  if (kind === 'external') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    adminUrl = url;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    adminUrl = embedded.serverUrl('postgres');
  }
  const template = `gk_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
  await admin.end();
  const db = openDatabase(withDatabase(adminUrl, template), { max: 2 });
  await migrate(db);
  await db.close();
  const fixtures = template.replace('gk_tpl_', 'gk_tplf_');
  await createFrom(adminUrl, fixtures, template);
  const fdb = openDatabase(withDatabase(adminUrl, fixtures), { max: 2 });
  await loadFixtures(fdb.db);
  await fdb.close();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgTemplateFixtures', fixtures);
  project.provide('pgKind', kind);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    // Test databases left behind by a crashed file, then the template.
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${template.replace('gk_tpl_', 'gk_t_')}%`]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(r.datname)} WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(fixtures)} WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(template)} WITH (FORCE)`);
    await c.end();
    if (embedded) await embedded.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
