import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { shanghaiDate } from '../platform/calendar/calendar';
import type { Context } from '../platform/context';
import type { Db } from '../platform/database/database';
import { DomainError, bilingual, conflict, notFound, staleRevision } from '../platform/errors';
import { inTransaction } from '../platform/unit-of-work';
import { checkItems, type CatalogueKind } from './catalogue.kinds';
import { catalogueItem, catalogueVersion } from './catalogue.schema';
import { findVersion, itemsOf, itemView, listVersions, nextVersionNo, versionView, type VersionRow } from './catalogue.store';

/**
 * The operator maintains each catalogue as versions: a draft is edited freely, then
 * published with an effective date that is today or later, and never changed again.
 * The version in force on any past date can always be retrieved.
 */
export interface DraftInput {
  title: string;
  effectiveFrom: string;
  notes?: string | null;
}

const versionLabel = bilingual('目录版本', 'Catalogue version');

function checkEffectiveDate(effectiveFrom: string, today: string) {
  if (effectiveFrom < today)
    throw new DomainError(
      'CATALOGUE_EFFECTIVE_DATE_PAST',
      bilingual(`生效日期不能早于今天（${today}），已公布的目录不溯及既往`, `The effective date cannot be before today (${today}); catalogues never apply retroactively`),
      422,
      { field: 'effectiveFrom' },
    );
}

async function replaceItems(tx: Db, versionId: string, items: { code: string; data: Record<string, unknown> }[]) {
  await tx.delete(catalogueItem).where(eq(catalogueItem.versionId, versionId));
  if (items.length) await tx.insert(catalogueItem).values(items.map((item, sort) => ({ id: randomUUID(), versionId, code: item.code, sort, data: item.data })));
}

/** Starts a draft from the latest version's items; only one draft per catalogue at a time. */
export async function createDraft(ctx: Context, kind: CatalogueKind, input: DraftInput) {
  return inTransaction(ctx, async (tx, audit) => {
    const versions = await listVersions(tx, kind, true);
    if (versions.some((v) => v.status === 'draft'))
      throw conflict('CATALOGUE_DRAFT_EXISTS', bilingual('该目录已有草稿，请先发布或删除', 'This catalogue already has a draft; publish or discard it first'));
    const now = ctx.platform.clock.now();
    const id = randomUUID();
    const [row] = await tx
      .insert(catalogueVersion)
      .values({ id, kind, versionNo: await nextVersionNo(tx, kind), title: input.title, effectiveFrom: input.effectiveFrom, status: 'draft', notes: input.notes ?? null, createdAt: now, createdBy: ctx.actor?.personId ?? null })
      .returning();
    const basis = versions[0];
    const items = basis ? (await itemsOf(tx, basis.id)).map(itemView) : [];
    await replaceItems(tx, id, items);
    audit.record({ action: 'catalogue.draft_create', subjectType: 'catalogueVersion', subjectId: id, after: { ...versionView(row!), basedOn: basis?.id ?? null, itemCount: items.length } });
    return versionView(row!);
  });
}

async function loadDraft(tx: Db, id: string, revision: number): Promise<VersionRow> {
  const row = await findVersion(tx, id, true);
  if (!row) throw notFound(versionLabel);
  if (row.revision !== revision) throw staleRevision();
  if (row.status !== 'draft') throw conflict('CATALOGUE_VERSION_PUBLISHED', bilingual('已发布的版本不能修改', 'A published version cannot be changed'));
  return row;
}

export async function updateDraft(ctx: Context, id: string, input: DraftInput & { revision: number; items: unknown[] }) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadDraft(tx, id, input.revision);
    const checked = checkItems(row.kind as CatalogueKind, input.items);
    if (checked.problems.length)
      throw new DomainError('CATALOGUE_ITEMS_INVALID', bilingual('目录条目填写有误', 'Some catalogue items are not valid'), 422, { problems: checked.problems });
    const before = { ...versionView(row), items: (await itemsOf(tx, id)).map(itemView) };
    const [updated] = await tx
      .update(catalogueVersion)
      .set({ title: input.title, effectiveFrom: input.effectiveFrom, notes: input.notes ?? null, revision: row.revision + 1 })
      .where(and(eq(catalogueVersion.id, id), eq(catalogueVersion.revision, input.revision)))
      .returning();
    await replaceItems(tx, id, checked.items);
    const after = { ...versionView(updated!), items: checked.items };
    audit.record({ action: 'catalogue.draft_update', subjectType: 'catalogueVersion', subjectId: id, before, after });
    return after;
  });
}

export async function publishVersion(ctx: Context, id: string, revision: number) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await loadDraft(tx, id, revision);
    const now = ctx.platform.clock.now();
    checkEffectiveDate(row.effectiveFrom, shanghaiDate(now));
    const [updated] = await tx
      .update(catalogueVersion)
      .set({ status: 'published', publishedAt: now, publishedBy: ctx.actor?.personId ?? null, revision: revision + 1 })
      .where(eq(catalogueVersion.id, id))
      .returning();
    const items = (await itemsOf(tx, id)).map(itemView);
    audit.record({ action: 'catalogue.publish', subjectType: 'catalogueVersion', subjectId: id, before: versionView(row), after: { ...versionView(updated!), items } });
    return versionView(updated!);
  });
}

export async function discardDraft(ctx: Context, id: string, revision: number) {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await loadDraft(tx, id, revision);
    const items = (await itemsOf(tx, id)).map(itemView);
    await tx.delete(catalogueVersion).where(eq(catalogueVersion.id, id));
    audit.record({ action: 'catalogue.draft_discard', subjectType: 'catalogueVersion', subjectId: id, before: { ...versionView(row), items } });
  });
}
