/** 见证: an operator's person witnesses an opening or evaluation held in a booked room, records it and signs. */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { regionCovers } from '../../identity';
import { person, personRole } from '../../identity/identity.schema';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { bilingual, DomainError, staleRevision } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { booking, venue } from './venues.schema';

export const witnessAssignInput = z.object({ personId: z.uuid() });
export const witnessRecordInput = z.object({
  revision: z.int(),
  attendance: z.array(z.string().trim().min(1).max(200)).max(200),
  incidents: z.string().max(5000),
  notes: z.string().max(5000),
});
export const witnessSignInput = z.object({ revision: z.int() });

type BookingRow = typeof booking.$inferSelect;
const what = bilingual('见证记录', 'Witness record');

/** The operator side of the booking's region, or nothing: project managers and everyone else never see a witness record. */
async function loadForOperator(tx: Db, ctx: Context, bookingId: string, forUpdate = false) {
  const q = tx.select().from(booking).where(eq(booking.id, bookingId));
  const [b] = forUpdate ? await q.for('update') : await q;
  const actor = ctx.actor;
  if (!b || !actor?.roles.includes('operator') || !regionCovers(actor.regionCode, b.regionCode)) throw hiddenRow('booking', bookingId, what);
  return b;
}

async function recordView(db: Db, b: BookingRow) {
  const [v] = await db.select().from(venue).where(eq(venue.id, b.venueId));
  const [w] = b.witnessPersonId ? await db.select({ displayName: person.displayName }).from(person).where(eq(person.id, b.witnessPersonId)) : [];
  return {
    bookingId: b.id,
    projectId: b.projectId,
    venueName: v!.name,
    centreName: v!.centreName,
    purpose: b.purpose,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    status: b.status,
    witnessPersonId: b.witnessPersonId,
    witnessName: w?.displayName ?? null,
    attendance: b.witnessAttendance ?? [],
    incidents: b.witnessIncidents ?? '',
    notes: b.witnessNotes ?? '',
    signedAt: b.witnessSignedAt?.toISOString() ?? null,
    revision: b.revision,
  };
}

export async function readWitnessRecord(ctx: Context, bookingId: string) {
  const db = ctx.platform.database.db;
  return recordView(db, await loadForOperator(db, ctx, bookingId));
}

/** The operator assigns (or replaces, until signed) the witness: one of its own people with the operator role. */
export async function assignWitness(ctx: Context, bookingId: string, input: z.infer<typeof witnessAssignInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const b = await loadForOperator(tx, ctx, bookingId, true);
    if (b.status !== 'booked') throw new DomainError('BOOKING_NOT_LIVE', bilingual('该预约已取消', 'The booking is cancelled'), 409);
    if (b.witnessSignedAt) throw new DomainError('WITNESS_SIGNED', bilingual('见证记录已签署', 'The witness record is signed'), 409);
    const [staff] = await tx
      .select({ id: person.id })
      .from(person)
      .innerJoin(personRole, eq(personRole.personId, person.id))
      .where(and(eq(person.id, input.personId), eq(person.entityId, ctx.actor!.entityId), eq(personRole.role, 'operator'), eq(person.status, 'active')));
    if (!staff) throw new DomainError('NOT_OPERATOR_STAFF', bilingual('见证人须为本中心的运营人员', 'The witness must be one of the centre’s operator staff'), 422, { field: 'personId' });
    const now = ctx.platform.clock.now();
    await tx.update(booking).set({ witnessPersonId: staff.id, witnessAssignedAt: now, revision: b.revision + 1 }).where(eq(booking.id, b.id));
    audit.record({ action: 'witness.assign', subjectType: 'booking', subjectId: b.id, regionCode: b.regionCode, projectId: b.projectId, before: { witnessPersonId: b.witnessPersonId }, after: { witnessPersonId: staff.id } });
    return recordView(tx, { ...b, witnessPersonId: staff.id, witnessAssignedAt: now, revision: b.revision + 1 });
  });
}

async function loadAsWitness(tx: Db, ctx: Context, bookingId: string, revision: number) {
  const b = await loadForOperator(tx, ctx, bookingId, true);
  if (b.witnessPersonId !== ctx.actor!.personId) throw new DomainError('NOT_THE_WITNESS', bilingual('只有被指派的见证人可以填写和签署见证记录', 'Only the assigned witness writes and signs the record'), 403);
  if (b.witnessSignedAt) throw new DomainError('WITNESS_SIGNED', bilingual('见证记录已签署，不能再修改', 'The witness record is signed and can no longer change'), 409);
  if (b.status !== 'booked') throw new DomainError('BOOKING_NOT_LIVE', bilingual('该预约已取消', 'The booking is cancelled'), 409);
  if (b.revision !== revision) throw staleRevision();
  return b;
}

/** The witness writes down who was present, any incidents, and notes (saved as often as needed until signed). */
export async function saveWitnessRecord(ctx: Context, bookingId: string, input: z.infer<typeof witnessRecordInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const b = await loadAsWitness(tx, ctx, bookingId, input.revision);
    const next = { witnessAttendance: input.attendance, witnessIncidents: input.incidents, witnessNotes: input.notes, revision: b.revision + 1 };
    await tx.update(booking).set(next).where(eq(booking.id, b.id));
    audit.record({ action: 'witness.record', subjectType: 'booking', subjectId: b.id, regionCode: b.regionCode, projectId: b.projectId, after: { attendance: input.attendance, incidents: input.incidents, notes: input.notes } });
    return recordView(tx, { ...b, ...next });
  });
}

/** Signing freezes the record once the session has begun; it then joins the project's archive. */
export async function signWitnessRecord(ctx: Context, bookingId: string, input: z.infer<typeof witnessSignInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const b = await loadAsWitness(tx, ctx, bookingId, input.revision);
    const now = ctx.platform.clock.now();
    if (now.getTime() < b.startsAt.getTime()) throw new DomainError('WITNESS_TOO_EARLY', bilingual('开标（评标）开始后方可签署见证记录', 'The record is signed once the session has begun'), 409);
    if (!(b.witnessAttendance ?? []).length) throw new DomainError('WITNESS_NO_ATTENDANCE', bilingual('请先记录到场人员', 'Record who was present first'), 422, { field: 'attendance' });
    await tx.update(booking).set({ witnessSignedAt: now, revision: b.revision + 1 }).where(eq(booking.id, b.id));
    audit.record({ action: 'witness.sign', subjectType: 'booking', subjectId: b.id, regionCode: b.regionCode, projectId: b.projectId, after: { signedAt: now.toISOString(), attendance: b.witnessAttendance, incidents: b.witnessIncidents, notes: b.witnessNotes } });
    return recordView(tx, { ...b, witnessSignedAt: now, revision: b.revision + 1 });
  });
}

/** The project's signed witness records, for its archive package (services/archive). */
export async function witnessRecordsForArchive(db: Db, projectId: string) {
  const rows = await db
    .select()
    .from(booking)
    .where(and(eq(booking.projectId, projectId), isNotNull(booking.witnessSignedAt)))
    .orderBy(asc(booking.startsAt));
  return Promise.all(rows.map((b) => recordView(db, b)));
}
