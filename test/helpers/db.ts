// A fresh database for one test file, copied from the migrated template of the run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';

export interface TestDatabase extends Database {
  name: string;
  /** URL of the database itself. */
  dbUrl: string;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

function urlFor(adminUrl: string, name: string) {
  const u = new URL(adminUrl);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new empty database with no schema at all (for restore tests). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  return create(false);
}

/** A migrated database without data. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return create('pgTemplate');
}

/** A migrated database holding the fixtures: the demo county and a second tenant. */
export async function createFixtureDatabase(): Promise<TestDatabase> {
  return create('pgTemplateFixtures');
}

async function create(from: 'pgTemplate' | 'pgTemplateFixtures' | false): Promise<TestDatabase> {
  const template = inject(from || 'pgTemplate');
  const fromTemplate = !!from;
  const name = `${inject('pgTemplate').replace('gk_tpl_', 'gk_t_')}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}${fromTemplate ? ` TEMPLATE ${c.escapeIdentifier(template)}` : ''}`));
  const dbUrl = urlFor(inject('pgAdminUrl'), name);
  const database = openDatabase(dbUrl, { max: 5 });
  return {
    ...database,
    name,
    dbUrl,
    async drop() {
      await database.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

export const pgKind = () => inject('pgKind');
