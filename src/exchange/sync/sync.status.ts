import { sql } from 'drizzle-orm';
import { addCalendarDays, shanghaiDate, shanghaiInstant, type LocalDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import { queryRows } from '../../platform/database/database';

/** How many days the chart of releases received covers, today included. */
export const SYNC_STATUS_DAYS = 30;

/** What the database holds about the sub-platforms' sync, as plain rows. */
export interface SyncStatusFacts {
  subPlatforms: { id: string; name: string; regionCode: string; status: string }[];
  /** Sub-platforms with an API key not revoked. */
  withApiKey: string[];
  /** Sub-platforms with an SSO registration not revoked. */
  withSso: string[];
  /** Procurements held per sub-platform and the unified name (平台目录) they are filed under. */
  procurements: { entityId: string; platformName: string; count: number }[];
  /** Releases received per sub-platform and Asia/Shanghai day of receipt, within the chart's days. */
  releasesByDay: { entityId: string; day: LocalDate; count: number }[];
  /** All releases ever received per sub-platform, and when the last batch came. */
  totals: { entityId: string; count: number; lastReceivedAt: Date | null }[];
}

/** One sub-platform's sync as the operator watches it (子平台数据同步). */
export interface SubPlatformSyncStatus {
  entityId: string;
  name: string;
  regionCode: string;
  status: string;
  unifiedNames: string[];
  hasApiKey: boolean;
  hasSso: boolean;
  releasesTotal: number;
  releasesToday: number;
  procurements: number;
  lastBatchAt: string | null;
  /** The last SYNC_STATUS_DAYS days, oldest first, today last; a day without releases counts 0. */
  perDay: { date: LocalDate; releases: number }[];
}

/** Shapes the facts into one status per sub-platform, by name; `today` is the Asia/Shanghai date. */
export function shapeSyncStatus(facts: SyncStatusFacts, today: LocalDate, days = SYNC_STATUS_DAYS): SubPlatformSyncStatus[] {
  const keys = new Set(facts.withApiKey);
  const sso = new Set(facts.withSso);
  const dates = Array.from({ length: days }, (_, i) => addCalendarDays(today, i - days + 1));
  return [...facts.subPlatforms]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((e) => {
      const held = facts.procurements.filter((p) => p.entityId === e.id);
      const byDay = new Map<string, number>();
      for (const r of facts.releasesByDay) if (r.entityId === e.id) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.count);
      const total = facts.totals.find((t) => t.entityId === e.id);
      return {
        entityId: e.id,
        name: e.name,
        regionCode: e.regionCode,
        status: e.status,
        unifiedNames: [...new Set(held.map((p) => p.platformName))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
        hasApiKey: keys.has(e.id),
        hasSso: sso.has(e.id),
        releasesTotal: total?.count ?? 0,
        releasesToday: byDay.get(today) ?? 0,
        procurements: held.reduce((n, p) => n + p.count, 0),
        lastBatchAt: total?.lastReceivedAt ? total.lastReceivedAt.toISOString() : null,
        perDay: dates.map((date) => ({ date, releases: byDay.get(date) ?? 0 })),
      };
    });
}

/** Each registered sub-platform's sync: its keys, what it sent and when (GET /api/exchange/sub-platforms). */
export async function subPlatformSyncStatus(ctx: Context): Promise<SubPlatformSyncStatus[]> {
  const db = ctx.platform.database.db;
  const today = shanghaiDate(ctx.platform.clock.now());
  const since = shanghaiInstant(addCalendarDays(today, 1 - SYNC_STATUS_DAYS));
  const subPlatforms = await queryRows<{ id: string; name: string; regionCode: string; status: string }>(
    db,
    sql`SELECT id, name, region_code AS "regionCode", status FROM entity WHERE entity_type = 'subPlatform'`,
  );
  if (subPlatforms.length === 0) return [];
  const withApiKey = await queryRows<{ entityId: string }>(db, sql`SELECT DISTINCT k.entity_id AS "entityId" FROM api_key k JOIN entity e ON e.id = k.entity_id WHERE e.entity_type = 'subPlatform' AND k.revoked_at IS NULL`);
  const withSso = await queryRows<{ entityId: string }>(db, sql`SELECT DISTINCT entity_id AS "entityId" FROM sso_client WHERE revoked_at IS NULL`);
  const procurements = await queryRows<{ entityId: string; platformName: string; count: number }>(
    db,
    sql`SELECT source_entity_id AS "entityId", platform_name AS "platformName", count(*)::int AS count FROM external_procurement
        WHERE origin = 'subPlatform' AND source_entity_id IS NOT NULL GROUP BY source_entity_id, platform_name`,
  );
  const releasesByDay = await queryRows<{ entityId: string; day: string; count: number }>(
    db,
    sql`SELECT source_entity_id AS "entityId", to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*)::int AS count FROM ocds_release
        WHERE origin = 'subPlatform' AND source_entity_id IS NOT NULL AND received_at >= ${since.toISOString()}::timestamptz GROUP BY 1, 2`,
  );
  const totals = await queryRows<{ entityId: string; count: number; lastReceivedAt: Date | string | null }>(
    db,
    sql`SELECT source_entity_id AS "entityId", count(*)::int AS count, max(received_at) AS "lastReceivedAt" FROM ocds_release
        WHERE origin = 'subPlatform' AND source_entity_id IS NOT NULL GROUP BY 1`,
  );
  return shapeSyncStatus(
    {
      subPlatforms,
      withApiKey: withApiKey.map((r) => r.entityId),
      withSso: withSso.map((r) => r.entityId),
      procurements,
      releasesByDay,
      totals: totals.map((t) => ({ entityId: t.entityId, count: t.count, lastReceivedAt: t.lastReceivedAt === null ? null : new Date(t.lastReceivedAt) })),
    },
    today,
  );
}
