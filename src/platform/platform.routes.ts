import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ManualClock } from './clock';
import { SharedTestClock } from './test-clock';
import type { Platform } from './context';
import type { App } from './http/server';
import { withErrors } from './http/schemas';

export const platformRoutes = (platform: Platform) => (app: App) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: '健康检查 / Health',
        response: withErrors({ 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) }),
      },
    },
    async (request) => {
      await request.ctx.platform.database.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: request.ctx.platform.database.kind };
    },
  );

  app.get(
    '/api/public/receipt-key',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: '回执验签公钥 / The public key that verifies the platform’s signed receipts (Ed25519 over canonical JSON)',
        response: withErrors({ 200: z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKeyPem: z.string() }) }),
      },
    },
    async () => ({ keyId: platform.signer.keyId, algorithm: 'Ed25519' as const, publicKeyPem: platform.signer.publicKeyPem }),
  );

  // Tests move time forward instead of waiting. Registered only when TEST_CLOCK is on.
  const clock = platform.clock;
  if (platform.config.testClock && clock instanceof ManualClock) {
    app.put(
      '/api/test/clock',
      {
        config: { access: 'public' },
        schema: {
          tags: ['test'],
          summary: 'Test only: set the server clock',
          body: z.object({ now: z.iso.datetime() }),
          response: withErrors({ 200: z.object({ now: z.string() }) }),
        },
      },
      async (request) => {
        if (clock instanceof SharedTestClock) await clock.store(request.body.now);
        else clock.set(request.body.now);
        return { now: clock.now().toISOString() };
      },
    );
    app.get(
      '/api/test/stats',
      {
        config: { access: 'public' },
        schema: {
          tags: ['test'],
          summary: 'Test only: statements sent to the database by this process, and its peak memory',
          response: withErrors({ 200: z.object({ statements: z.int(), maxRssBytes: z.int() }) }),
        },
      },
      async () => ({ statements: platform.database.statements(), maxRssBytes: process.resourceUsage().maxRSS * 1024 }),
    );
  }
};
