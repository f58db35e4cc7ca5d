import { and, asc, desc, eq, lte, max } from 'drizzle-orm';
import type { Db } from '../platform/database/database';
import type { CatalogueKind } from './catalogue.kinds';
import { catalogueItem, catalogueVersion } from './catalogue.schema';

export type VersionRow = typeof catalogueVersion.$inferSelect;
export type ItemRow = typeof catalogueItem.$inferSelect;

/** The version in force on a date: the latest published one whose effective date has come. */
export async function versionInForce(db: Db, kind: CatalogueKind, date: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(catalogueVersion)
    .where(and(eq(catalogueVersion.kind, kind), eq(catalogueVersion.status, 'published'), lte(catalogueVersion.effectiveFrom, date)))
    .orderBy(desc(catalogueVersion.effectiveFrom), desc(catalogueVersion.versionNo))
    .limit(1);
  return row;
}

export async function listVersions(db: Db, kind: CatalogueKind, includeDrafts: boolean): Promise<VersionRow[]> {
  return db
    .select()
    .from(catalogueVersion)
    .where(and(eq(catalogueVersion.kind, kind), includeDrafts ? undefined : eq(catalogueVersion.status, 'published')))
    .orderBy(desc(catalogueVersion.versionNo));
}

export async function findVersion(db: Db, id: string, forUpdate = false): Promise<VersionRow | undefined> {
  const query = db.select().from(catalogueVersion).where(eq(catalogueVersion.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function itemsOf(db: Db, versionId: string): Promise<ItemRow[]> {
  return db.select().from(catalogueItem).where(eq(catalogueItem.versionId, versionId)).orderBy(asc(catalogueItem.sort));
}

export async function nextVersionNo(db: Db, kind: CatalogueKind): Promise<number> {
  const [row] = await db.select({ n: max(catalogueVersion.versionNo) }).from(catalogueVersion).where(eq(catalogueVersion.kind, kind));
  return (row?.n ?? 0) + 1;
}

export function versionView(row: VersionRow) {
  return {
    id: row.id,
    kind: row.kind as CatalogueKind,
    versionNo: row.versionNo,
    title: row.title,
    effectiveFrom: row.effectiveFrom,
    status: row.status as 'draft' | 'published',
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    revision: row.revision,
  };
}

export const itemView = (row: ItemRow) => ({ code: row.code, data: row.data });
