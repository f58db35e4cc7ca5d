import { and, eq } from 'drizzle-orm';
import type { Context } from '../../platform/context';
import { notFound, staleRevision, bilingual } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { entity } from '../identity.schema';
import { actorEntityScope } from '../scope';
import { entityTransition, type EntityStatus, type EntityTransition } from './entity.states';
import { entityView, findEntityForUpdate } from './entity.store';

/** The operator approves, rejects, suspends or reinstates a market entity in its region. */
export async function reviewEntity(ctx: Context, id: string, transition: EntityTransition, input: { revision: number; reason?: string | null }) {
  return inTransaction(ctx, async (tx, audit) => {
    const row = await findEntityForUpdate(tx, id, actorEntityScope(ctx));
    if (!row) throw notFound(bilingual('单位', 'Entity'));
    if (row.revision !== input.revision) throw staleRevision();
    const status = entityTransition(transition, row.status as EntityStatus, input.reason);
    const [updated] = await tx
      .update(entity)
      .set({ status, statusReason: input.reason?.trim() || null, revision: row.revision + 1 })
      .where(and(eq(entity.id, id), eq(entity.revision, input.revision)))
      .returning();
    const before = entityView(row);
    const after = entityView(updated!);
    audit.record({ action: `entity.${transition}`, subjectType: 'entity', subjectId: id, regionCode: row.regionCode, before, after });
    return after;
  });
}
