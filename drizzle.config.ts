import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns changes to the *.schema.ts files into a new SQL migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.schema.ts',
  out: './migrations',
  casing: 'snake_case',
});
