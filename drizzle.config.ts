import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --name <what>` writes a new SQL migration from the schema files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
