// Where the data lives at run time: the server named by DATABASE_URL, or the embedded one.
import type { Config } from '../config.ts';
import { ensureDatabase, openDatabase, type Database } from './client.ts';
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';

export const EMBEDDED_DATABASE = 'gongkai';

export interface RuntimeDatabase extends Database {
  embedded?: EmbeddedDatabase;
  /** Closes the pool, and stops the embedded server if this process started it. */
  shutdown(): Promise<void>;
}

export async function openRuntimeDatabase(
  config: Config,
  opts: { log?: (m: string) => void; shareRunningServer?: boolean; max?: number } = {},
): Promise<RuntimeDatabase> {
  if (config.databaseUrl) {
    const database = openDatabase(config.databaseUrl, { max: opts.max });
    return { ...database, shutdown: () => database.close() };
  }
  if (opts.shareRunningServer) {
    // A command run beside a live server uses that server's embedded database instead of failing on the lock.
    const url = await runningEmbeddedUrl(config.dataDir, EMBEDDED_DATABASE);
    if (url) {
      const database = openDatabase(url, { max: opts.max });
      return { ...database, shutdown: () => database.close() };
    }
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: opts.log });
  try {
    await ensureDatabase(embedded.serverUrl('postgres'), EMBEDDED_DATABASE);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  const database = openDatabase(embedded.serverUrl(EMBEDDED_DATABASE), { max: opts.max });
  return {
    ...database,
    embedded,
    async shutdown() {
      await database.close();
      await embedded.stop();
    },
  };
}
