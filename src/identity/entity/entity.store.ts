import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import { entity } from '../identity.schema';
import { inRegion } from '../region-sql';

export type EntityRow = typeof entity.$inferSelect;

/** What a reader is allowed to see: everything in a region, or one entity. */
export type EntityScope = { regionCode: string } | { entityId: string };

/** For checks the platform makes on its own behalf (never for what a user asked to see). */
export const ALL_REGIONS: EntityScope = { regionCode: '000000' };

function scopeCondition(scope: EntityScope): SQL {
  return 'entityId' in scope ? eq(entity.id, scope.entityId) : inRegion(entity.regionCode, scope.regionCode);
}

export async function findEntity(db: Db, id: string, scope: EntityScope): Promise<EntityRow | undefined> {
  const [row] = await db.select().from(entity).where(and(eq(entity.id, id), scopeCondition(scope)));
  return row;
}

export async function findEntityForUpdate(tx: Db, id: string, scope: EntityScope): Promise<EntityRow | undefined> {
  const [row] = await tx.select().from(entity).where(and(eq(entity.id, id), scopeCondition(scope))).for('update');
  return row;
}

export async function creditCodeTaken(db: Db, creditCode: string): Promise<boolean> {
  const [row] = await db.select({ id: entity.id }).from(entity).where(eq(entity.creditCode, creditCode));
  return Boolean(row);
}

export interface EntityFilter {
  entityType?: EntityRow['entityType'];
  status?: EntityRow['status'];
  regionCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listEntities(db: Db, scope: EntityScope, filter: EntityFilter): Promise<{ rows: EntityRow[]; total: number }> {
  const where = and(
    scopeCondition(scope),
    filter.entityType ? eq(entity.entityType, filter.entityType) : undefined,
    filter.status ? eq(entity.status, filter.status) : undefined,
    filter.regionCode ? inRegion(entity.regionCode, filter.regionCode) : undefined,
    filter.q ? or(ilike(entity.name, `%${filter.q}%`), ilike(entity.creditCode, `%${filter.q}%`)) : undefined,
  );
  const [totalRow] = await db.select({ n: count() }).from(entity).where(where);
  const rows = await db
    .select()
    .from(entity)
    .where(where)
    .orderBy(asc(entity.registeredAt), asc(entity.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows, total: totalRow?.n ?? 0 };
}

/** Public view of an entity (also what the audit trail records). */
export function entityView(row: EntityRow) {
  return {
    id: row.id,
    creditCode: row.creditCode,
    name: row.name,
    entityType: row.entityType,
    regionCode: row.regionCode,
    smeSize: row.smeSize,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    address: row.address,
    legalRepresentative: row.legalRepresentative,
    controllerCreditCode: row.controllerCreditCode,
    status: row.status,
    statusReason: row.statusReason,
    registeredAt: row.registeredAt.toISOString(),
    revision: row.revision,
  };
}

/** The public face of an entity others may show (name, credit code, region, SME size). */
export async function entitySummaries(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, Pick<EntityRow, 'id' | 'name' | 'entityType' | 'status' | 'creditCode' | 'regionCode' | 'smeSize' | 'address' | 'contactName' | 'contactPhone'>>();
  const rows = await db
    .select({ id: entity.id, name: entity.name, entityType: entity.entityType, status: entity.status, creditCode: entity.creditCode, regionCode: entity.regionCode, smeSize: entity.smeSize, address: entity.address, contactName: entity.contactName, contactPhone: entity.contactPhone })
    .from(entity)
    .where(inArray(entity.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Names of entities, for other areas' notices and views. */
export async function entityNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map([...(await entitySummaries(db, ids))].map(([id, e]) => [id, e.name]));
}
