import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { region } from '../../catalogue/catalogue.schema';
import type { Db } from '../../platform/database/database';
import { withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { entity } from '../identity.schema';
import { inRegion } from '../region-sql';
import { ENTITY_TYPES } from '../roles';

/**
 * 市场主体查询: anyone may look an organisation up by name or credit code. Only what identifies
 * the organisation goes out (its id, by which its credit records are read; name, 统一社会信用代码, type, region, status): never its contact
 * person, phone, e-mail or address. Entities still pending or rejected were never admitted, so
 * they are not listed.
 */
export const PUBLIC_ENTITY_STATUSES = ['active', 'suspended'] as const;

export const entityLookupQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Part of the name, or the credit code'),
  type: z.enum(ENTITY_TYPES).optional(),
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const publicEntitySchema = z
  .object({ id: z.uuid(), name: z.string(), creditCode: z.string(), entityType: z.enum(ENTITY_TYPES), regionCode: z.string(), regionName: z.string(), status: z.enum(PUBLIC_ENTITY_STATUSES) })
  .meta({ id: 'PublicEntity' });

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function lookUpEntities(db: Db, query: z.infer<typeof entityLookupQuery>) {
  const q = query.q?.trim();
  const where = and(
    inArray(entity.status, [...PUBLIC_ENTITY_STATUSES]),
    q ? or(sql`${entity.name} ILIKE ${likePattern(q)}`, eq(entity.creditCode, q.toUpperCase())) : undefined,
    query.type ? eq(entity.entityType, query.type) : undefined,
    query.regionCode ? inRegion(entity.regionCode, query.regionCode) : undefined,
  );
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(entity).where(where);
  const rows = await db
    .select({ id: entity.id, name: entity.name, creditCode: entity.creditCode, entityType: entity.entityType, regionCode: entity.regionCode, regionName: region.nameZh, status: entity.status })
    .from(entity)
    .innerJoin(region, eq(region.code, entity.regionCode))
    .where(where)
    .orderBy(asc(entity.name), asc(entity.creditCode))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, status: r.status as (typeof PUBLIC_ENTITY_STATUSES)[number] })) };
}

export function entityLookupRoutes(app: App) {
  app.get(
    '/api/public/entities',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: '市场主体查询 / Look up registered organisations (name, credit code, type, region, status only)',
        querystring: entityLookupQuery,
        response: withErrors({ 200: z.object({ total: z.int(), items: z.array(publicEntitySchema) }) }),
      },
    },
    async (request) => lookUpEntities(request.ctx.platform.database.db, request.query),
  );
}
