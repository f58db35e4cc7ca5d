import { z } from 'zod';
import { keepRawJson, signedBy } from '../../identity/api-keys/signed-requests';
import { addCalendarDays } from '../../platform/calendar/calendar';
import { bilingual, DomainError } from '../../platform/errors';
import { withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { changesAfter } from '../feed/feed';
import { dayDigest, syncedLines } from './reconciliation';
import { syncPackage, syncReleases } from './sync';

const TAGS = ['exchange'];
const SIGNED =
  'Signed with the sub-platform’s API key: X-Api-Key, X-Api-Timestamp (ISO 8601, within 5 minutes) and X-Api-Signature = hex HMAC-SHA256(secret, METHOD + "\\n" + path with query + "\\n" + timestamp + "\\n" + body)';
const day = z.iso.date();
/** A reconciliation covers at most a month at a time. */
const MAX_DAYS = 31;

const outcome = z.object({
  index: z.int(),
  ocid: z.string(),
  id: z.string(),
  status: z.enum(['accepted', 'duplicate']),
  seq: z.int().optional().describe('The change’s place in the feed'),
});

/** The sub-platform sync API (seed 001: 分平台交易数据实时同步至主平台) and the change feed. */
export function syncRoutes(app: App) {
  keepRawJson(app);
  app.post(
    '/api/sync/releases',
    {
      bodyLimit: 32 * 1024 * 1024,
      config: { access: 'public', signedBy: 'subPlatform' },
      schema: {
        tags: TAGS,
        summary: `子平台同步 / A sub-platform sends what happened on it as an OCDS release package (all or nothing; each release’s ocid and id are its idempotency key). ${SIGNED}`,
        body: syncPackage,
        response: withErrors(
          {
            200: z.object({
              accepted: z.int(),
              duplicates: z.int(),
              results: z.array(outcome),
              contracts: z.array(z.object({ ocid: z.string(), contractId: z.string(), registeredContractId: z.uuid(), contractNumber: z.string() })).describe('Signed contracts registered for acceptance and payment'),
            }),
          },
          422,
        ),
      },
    },
    async (request) => syncReleases(request.ctx, await signedBy(request, 'subPlatform', 'X-Api'), request.body.releases),
  );

  app.get(
    '/api/feed',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: '变更订阅 / The change feed: every release of the one network (the platform’s and its sub-platforms’) in commit order after the cursor. Follow `next`: nothing is missed or repeated',
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0).describe('The cursor: the changes committed after it (0 for the first)'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: withErrors({
          200: z.object({
            after: z.int(),
            next: z.int().describe('The cursor to ask with next; the same as `after` when nothing new has committed'),
            changes: z.array(
              z.object({
                seq: z.int(),
                ocid: z.string(),
                releaseId: z.string(),
                tag: z.string(),
                date: z.string(),
                origin: z.enum(['platform', 'subPlatform']),
                release: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const rows = await changesAfter(request.ctx.platform.database.db, after, limit);
      return {
        after,
        next: rows.at(-1)?.seq ?? after,
        changes: rows.map((r) => ({ seq: r.seq, ocid: r.ocid, releaseId: r.releaseId, tag: r.tag, date: r.date.toISOString(), origin: r.origin as 'platform' | 'subPlatform', release: r.release })),
      };
    },
  );

  app.get(
    '/api/sync/reconciliation',
    {
      config: { access: 'public', signedBy: 'subPlatform' },
      schema: {
        tags: TAGS,
        summary: `对账 / Reconciliation: per day (Asia/Shanghai, by each release’s date), how many of the sub-platform’s releases the platform holds and their digest; \`lines=true\` lists them. ${SIGNED}`,
        querystring: z.object({ from: day, to: day, lines: z.enum(['true', 'false']).default('false') }),
        response: withErrors({
          200: z.object({
            days: z.array(z.object({ date: z.string(), count: z.int(), sha256: z.string(), lines: z.array(z.object({ ocid: z.string(), id: z.string(), sha256: z.string() })).optional() })),
          }),
        }),
      },
    },
    async (request) => {
      const { from, to, lines } = request.query;
      if (to < from || to >= addCalendarDays(from, MAX_DAYS)) throw new DomainError('RECONCILIATION_RANGE', bilingual(`对账期间应为 1 至 ${MAX_DAYS} 天，且 from 不晚于 to`, `The period must be 1 to ${MAX_DAYS} days, from no later than to`), 400, { field: 'to' });
      const entityId = await signedBy(request, 'subPlatform', 'X-Api');
      const byDay = await syncedLines(request.ctx.platform.database.db, entityId, from, to);
      return { days: [...byDay].map(([date, list]) => ({ date, count: list.length, sha256: dayDigest(list), ...(lines === 'true' ? { lines: list } : {}) })) };
    },
  );
}
