import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inRegion, oversees } from '../../identity';
import { entity, person } from '../../identity/identity.schema';
import type { Context } from '../../platform/context';
import { deny } from '../../platform/deny';
import { bilingual, notFound, staleRevision } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { expert } from './experts.schema';
import { SPECIALITY_CODES } from './specialities';

export type ExpertRow = typeof expert.$inferSelect;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const expertProfileInput = z.object({
  employerName: z.string().trim().min(2).max(200),
  employerEntityId: z.uuid().nullable(),
  title: z.string().trim().min(1).max(100),
  specialities: z.array(z.enum(SPECIALITY_CODES as [string, ...string[]])).min(1).max(10),
  unavailableDates: z.array(localDate).max(366),
  declaredConflicts: z.array(z.uuid()).max(50),
  revision: z.int().min(0),
});

export const expertView = (e: ExpertRow & { displayName?: string }) => ({
  personId: e.personId,
  displayName: e.displayName ?? null,
  regionCode: e.regionCode,
  employerEntityId: e.employerEntityId,
  employerName: e.employerName,
  title: e.title,
  specialities: e.specialities,
  status: e.status,
  statusReason: e.statusReason,
  unavailableDates: e.unavailableDates,
  declaredConflicts: e.declaredConflicts,
  revision: e.revision,
});

function requireExpert(ctx: Context) {
  if (!ctx.actor?.roles.includes('expert')) throw deny('expert', null, 'profile');
  return ctx.actor;
}

export async function myExpertProfile(ctx: Context) {
  const actor = requireExpert(ctx);
  const [row] = await ctx.platform.database.db.select().from(expert).where(eq(expert.personId, actor.personId));
  return row ? expertView({ ...row, displayName: actor.displayName }) : null;
}

/** The expert keeps its own profile: employer, specialities, unavailable dates and declared conflicts. */
export async function saveExpertProfile(ctx: Context, input: z.infer<typeof expertProfileInput>) {
  const actor = requireExpert(ctx);
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const [before] = await tx.select().from(expert).where(eq(expert.personId, actor.personId)).for('update');
    if ((before?.revision ?? 0) !== input.revision) throw staleRevision();
    const values = {
      employerName: input.employerName,
      employerEntityId: input.employerEntityId,
      title: input.title,
      specialities: [...new Set(input.specialities)],
      unavailableDates: [...new Set(input.unavailableDates)].sort(),
      declaredConflicts: [...new Set(input.declaredConflicts)],
      updatedAt: now,
      revision: input.revision + 1,
    };
    const [row] = before
      ? await tx.update(expert).set(values).where(eq(expert.personId, actor.personId)).returning()
      : await tx.insert(expert).values({ personId: actor.personId, regionCode: actor.regionCode, status: 'active', ...values }).returning();
    audit.record({ action: before ? 'expert.update_profile' : 'expert.create_profile', subjectType: 'expert', subjectId: actor.personId, before: before ? expertView(before) : null, after: expertView(row!) });
    return expertView({ ...row!, displayName: actor.displayName });
  });
}

/** The library as the operator and supervisors of a region see it. */
export async function listExperts(ctx: Context) {
  if (!ctx.actor || !oversees(ctx.actor.roles)) throw deny('expert', null, 'list');
  const rows = await ctx.platform.database.db
    .select({ e: expert, displayName: person.displayName })
    .from(expert)
    .innerJoin(person, eq(person.id, expert.personId))
    .where(inRegion(expert.regionCode, ctx.actor.regionCode))
    .orderBy(expert.regionCode, person.displayName);
  return rows.map((r) => expertView({ ...r.e, displayName: r.displayName }));
}

export const expertStatusInput = z.object({ status: z.enum(['active', 'suspended', 'debarred']), reason: z.string().trim().min(2).max(500), revision: z.int().min(0) });

/** The operator suspends or debars an expert (or restores one); only active experts are drawn. */
export async function setExpertStatus(ctx: Context, personId: string, input: z.infer<typeof expertStatusInput>) {
  if (!ctx.actor?.roles.includes('operator')) throw deny('expert', personId, 'status');
  const actor = ctx.actor;
  return inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(expert).where(and(eq(expert.personId, personId), inRegion(expert.regionCode, actor.regionCode))).for('update');
    if (!before) throw notFound(bilingual('评审专家', 'Expert'));
    if (before.revision !== input.revision) throw staleRevision();
    const [row] = await tx.update(expert).set({ status: input.status, statusReason: input.reason, revision: before.revision + 1, updatedAt: ctx.platform.clock.now() }).where(eq(expert.personId, personId)).returning();
    audit.record({ action: 'expert.set_status', subjectType: 'expert', subjectId: personId, regionCode: before.regionCode, before: { status: before.status }, after: { status: row!.status, reason: input.reason } });
    return expertView(row!);
  });
}

/** Entities an expert may name as employer or conflict (market entities of the platform). */
export async function entityChoices(ctx: Context) {
  requireExpert(ctx);
  return ctx.platform.database.db.select({ id: entity.id, name: entity.name, entityType: entity.entityType }).from(entity).where(eq(entity.status, 'active')).orderBy(entity.name);
}

export interface ExpertAdmission {
  username: string;
  employerName: string;
  employerEntityId: string | null;
  title: string;
  specialities: string[];
  status?: ExpertRow['status'];
}

/** Admits an account with the expert role into the library (the platform on start-up, or the operator's import). */
export async function admitExpert(ctx: Context, a: ExpertAdmission) {
  return inTransaction(ctx, async (tx, audit) => {
    const [p] = await tx.select({ id: person.id, entityId: person.entityId, regionCode: entity.regionCode }).from(person).innerJoin(entity, eq(entity.id, person.entityId)).where(eq(person.username, a.username));
    if (!p) throw notFound(bilingual('账号', 'Account'));
    const [row] = await tx
      .insert(expert)
      .values({ personId: p.id, regionCode: p.regionCode, employerEntityId: a.employerEntityId, employerName: a.employerName, title: a.title, specialities: a.specialities, status: a.status ?? 'active', statusReason: a.status && a.status !== 'active' ? '演示数据' : null, unavailableDates: [], declaredConflicts: [], updatedAt: ctx.platform.clock.now() })
      .returning();
    audit.record({ action: 'expert.admit', subjectType: 'expert', subjectId: p.id, regionCode: p.regionCode, after: expertView(row!) });
    return expertView(row!);
  });
}
