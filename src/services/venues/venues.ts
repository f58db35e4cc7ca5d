/** 场所: rooms of the centre and its sub-centres, and their bookings for a project's opening or evaluation. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lt, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { regionCovers } from '../../identity';
import { entity, person, personRole } from '../../identity/identity.schema';
import type { Actor, Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { bilingual, DomainError, notFound } from '../../platform/errors';
import type { AuditRecorder } from '../../platform/unit-of-work';
import { inTransaction } from '../../platform/unit-of-work';
import { shanghaiDateTime } from '../../trading/notice/render';
import { findProjectRow, loadManagedProject } from '../../trading/project/project';
import { managesProject } from '../../trading/project/project.access';
import { project } from '../../trading/trading.schema';
import { booking, bookingSlot, venue } from './venues.schema';
import { bookingProblem, slotsOf, type Interval } from './venues.rules';

export const venueInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['opening', 'evaluation']),
  centreName: z.string().trim().min(1).max(100),
  capacity: z.int().min(1).max(1000),
  /** A sub-centre's district (GB/T 2260); default the operator's own region. */
  regionCode: z.string().regex(/^\d{6}$/).optional(),
});
export const bookingInput = z.object({
  venueId: z.uuid(),
  purpose: z.enum(['opening', 'evaluation']),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});

type VenueRow = typeof venue.$inferSelect;
type BookingRow = typeof booking.$inferSelect;

/** Rooms serve the whole province's projects: a district's agency books a room of the city's centre or of any sub-centre. */
const sameProvince = (a: string, b: string) => a.slice(0, 2) === b.slice(0, 2);
const isOperator = (actor: Actor | null) => Boolean(actor?.roles.includes('operator'));
const hm = (d: Date) => shanghaiDateTime(d.toISOString());

function venueView(v: VenueRow) {
  return { id: v.id, name: v.name, kind: v.kind, centreName: v.centreName, capacity: v.capacity, regionCode: v.regionCode };
}

/** The rooms of the reader's region: the operator manages them, those running projects choose among them. */
export async function listVenues(ctx: Context) {
  const rows = await ctx.platform.database.db.select().from(venue).orderBy(asc(venue.centreName), asc(venue.kind), asc(venue.name));
  return rows.filter((v) => sameProvince(ctx.actor!.regionCode, v.regionCode)).map(venueView);
}

export async function createVenue(ctx: Context, input: z.infer<typeof venueInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const regionCode = input.regionCode ?? ctx.actor!.regionCode;
    if (!regionCovers(ctx.actor!.regionCode, regionCode)) throw new DomainError('REGION_OUTSIDE', bilingual('场地须位于本中心所辖区域', 'The room must be in the centre’s own region'), 422, { field: 'regionCode' });
    const row: VenueRow = { id: randomUUID(), name: input.name, kind: input.kind, centreName: input.centreName, capacity: input.capacity, regionCode, createdAt: ctx.platform.clock.now() };
    await tx.insert(venue).values(row);
    audit.record({ action: 'venue.create', subjectType: 'venue', subjectId: row.id, regionCode: row.regionCode, after: venueView(row) });
    return venueView(row);
  });
}

async function names(db: Db, personIds: (string | null)[]) {
  const ids = [...new Set(personIds.filter((x): x is string => Boolean(x)))];
  const rows = ids.length ? await db.select({ id: person.id, displayName: person.displayName }).from(person).where(inArray(person.id, ids)) : [];
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** A booking as those running the project see it (no witness record: that is the operator side's). */
function bookingView(b: BookingRow, v: VenueRow, p: { title: string; projectNumber: string }, witnessName: string | null) {
  return {
    id: b.id,
    venue: venueView(v),
    projectId: b.projectId,
    projectTitle: p.title,
    projectNumber: p.projectNumber,
    purpose: b.purpose,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    status: b.status,
    cancelReason: b.cancelReason,
    witnessName,
  };
}

async function viewsOf(db: Db, rows: BookingRow[]) {
  if (!rows.length) return [];
  const venues = new Map((await db.select().from(venue).where(inArray(venue.id, [...new Set(rows.map((r) => r.venueId))]))).map((v) => [v.id, v]));
  const projects = new Map((await db.select({ id: project.id, title: project.title, projectNumber: project.projectNumber }).from(project).where(inArray(project.id, [...new Set(rows.map((r) => r.projectId))]))).map((p) => [p.id, p]));
  const who = await names(db, rows.map((r) => r.witnessPersonId));
  return rows.map((r) => bookingView(r, venues.get(r.venueId)!, projects.get(r.projectId)!, r.witnessPersonId ? (who.get(r.witnessPersonId) ?? null) : null));
}

/** Holds the booking's half-hour slots; false when one of them is held already (nothing is left half-held by the caller's rollback). */
export async function holdSlots(tx: Db, b: { id: string; venueId: string } & Interval): Promise<boolean> {
  const slots = slotsOf(b);
  const held = await tx
    .insert(bookingSlot)
    .values(slots.map((slotStart) => ({ venueId: b.venueId, slotStart, bookingId: b.id })))
    .onConflictDoNothing()
    .returning({ slotStart: bookingSlot.slotStart });
  if (held.length === slots.length) return true;
  if (held.length) await tx.delete(bookingSlot).where(and(eq(bookingSlot.bookingId, b.id), inArray(bookingSlot.slotStart, held.map((h) => h.slotStart))));
  return false;
}

export const releaseSlots = (tx: Db, bookingId: string) => tx.delete(bookingSlot).where(eq(bookingSlot.bookingId, bookingId));

/** 409 naming the room and the time it is taken, in both languages. */
async function roomTaken(tx: Db, v: VenueRow, want: Interval, ownId: string) {
  const [other] = await tx
    .select({ startsAt: booking.startsAt, endsAt: booking.endsAt })
    .from(booking)
    .where(and(eq(booking.venueId, v.id), ne(booking.id, ownId), eq(booking.status, 'booked'), lt(booking.startsAt, want.endsAt), gt(booking.endsAt, want.startsAt)))
    .orderBy(asc(booking.startsAt))
    .limit(1);
  const span = other ?? want;
  const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);
  return new DomainError(
    'ROOM_TAKEN',
    bilingual(`${v.centreName}${v.name}在${hm(span.startsAt)}至${hm(span.endsAt).slice(-5)}已被预约，请另选时间或场地`, `${v.name} (${v.centreName}) is booked ${local(span.startsAt)}–${local(span.endsAt).slice(-5)} (Beijing time); choose another time or room`),
    409,
    { venueId: v.id, venueName: v.name, startsAt: (other ?? want).startsAt.toISOString(), endsAt: (other ?? want).endsAt.toISOString() },
    'VN-01',
  );
}

/** VN-01: an agency (or a purchaser running its own project) books a room for the project's opening or evaluation. */
export async function bookVenue(ctx: Context, projectId: string, input: z.infer<typeof bookingInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId);
    if (['failed', 'closed'].includes(p.status)) throw new DomainError('PROJECT_ENDED', bilingual('项目已终止或已归档，不能预约场地', 'The project has ended; no room is booked for it'), 409);
    const [v] = await tx.select().from(venue).where(eq(venue.id, input.venueId));
    if (!v || !sameProvince(p.regionCode, v.regionCode)) throw notFound(bilingual('场地', 'Room'));
    const want = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
    const now = ctx.platform.clock.now();
    const problem = bookingProblem(want, input.purpose, v.kind, now);
    if (problem) throw new DomainError(problem.code, problem.messages, 422, {}, 'VN-01');
    const row: BookingRow = {
      id: randomUUID(),
      venueId: v.id,
      projectId,
      regionCode: p.regionCode,
      purpose: input.purpose,
      ...want,
      status: 'booked',
      bookedBy: ctx.actor!.personId,
      bookedAt: now,
      cancelledAt: null,
      cancelReason: null,
      witnessPersonId: null,
      witnessAssignedAt: null,
      witnessAttendance: null,
      witnessIncidents: null,
      witnessNotes: null,
      witnessSignedAt: null,
      revision: 1,
    };
    await tx.insert(booking).values(row);
    if (!(await holdSlots(tx, row))) throw await roomTaken(tx, v, want, row.id);
    audit.record({ action: 'booking.create', subjectType: 'booking', subjectId: row.id, regionCode: p.regionCode, projectId, after: { venueId: v.id, venueName: v.name, purpose: row.purpose, startsAt: input.startsAt, endsAt: input.endsAt } });
    return (await viewsOf(tx, [row]))[0]!;
  });
}

/** A project's bookings, for those running it and the operator. */
export async function projectBookings(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  if (!p || !(managesProject(ctx.actor, p) || (isOperator(ctx.actor) && regionCovers(ctx.actor!.regionCode, p.regionCode)))) throw hiddenRow('project', projectId, bilingual('采购项目', 'Project'));
  return viewsOf(db, await db.select().from(booking).where(eq(booking.projectId, projectId)).orderBy(asc(booking.startsAt)));
}

/** The bookings of every project the reader's entity runs (its bookings page). */
export async function myBookings(ctx: Context) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const mine = await db
    .select({ id: project.id, purchaserEntityId: project.purchaserEntityId, agencyEntityId: project.agencyEntityId, regionCode: project.regionCode, status: project.status })
    .from(project)
    .where(or(eq(project.purchaserEntityId, actor.entityId), eq(project.agencyEntityId, actor.entityId)));
  const ids = mine.filter((p) => managesProject(actor, p)).map((p) => p.id);
  if (!ids.length) return [];
  return viewsOf(db, await db.select().from(booking).where(inArray(booking.projectId, ids)).orderBy(asc(booking.startsAt)));
}

/** Cancels a live booking and frees its room; the caller records why. */
export async function cancelBookingRow(tx: Db, audit: AuditRecorder, b: BookingRow, now: Date, reason: string) {
  await releaseSlots(tx, b.id);
  await tx.update(booking).set({ status: 'cancelled', cancelledAt: now, cancelReason: reason, revision: b.revision + 1 }).where(eq(booking.id, b.id));
  audit.record({ action: 'booking.cancel', subjectType: 'booking', subjectId: b.id, regionCode: b.regionCode, projectId: b.projectId, before: { status: 'booked' }, after: { status: 'cancelled', reason } });
}

/** Those running the project give the room back. */
export async function cancelBooking(ctx: Context, bookingId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [b] = await tx.select().from(booking).where(eq(booking.id, bookingId)).for('update');
    const p = b ? await findProjectRow(tx, b.projectId) : undefined;
    if (!b || !p || !managesProject(ctx.actor, p)) throw hiddenRow('booking', bookingId, bilingual('场地预约', 'Booking'));
    if (b.status !== 'booked') throw new DomainError('BOOKING_NOT_LIVE', bilingual('该预约已取消', 'The booking is cancelled already'), 409);
    if (b.endsAt.getTime() <= ctx.platform.clock.now().getTime()) throw new DomainError('BOOKING_PAST', bilingual('预约时段已结束，不能取消', 'The booked time is over; it is not cancelled'), 409);
    if (b.witnessSignedAt) throw new DomainError('BOOKING_WITNESSED', bilingual('见证记录已签署，预约不能取消', 'The witness record is signed; the booking stays'), 409);
    await cancelBookingRow(tx, audit, b, ctx.platform.clock.now(), 'cancelledByProject');
    return (await viewsOf(tx, [{ ...b, status: 'cancelled', cancelReason: 'cancelledByProject' }]))[0]!;
  });
}

/** The operator's calendar: its region's rooms and their live bookings from `from` for `days` days. */
export async function venueCalendar(ctx: Context, from: Date, days: number) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const until = new Date(from.getTime() + days * 86_400_000);
  const rooms = (await db.select().from(venue).orderBy(asc(venue.centreName), asc(venue.kind), asc(venue.name))).filter((v) => regionCovers(actor.regionCode, v.regionCode));
  const rows = rooms.length
    ? await db
        .select()
        .from(booking)
        .where(and(inArray(booking.venueId, rooms.map((r) => r.id)), eq(booking.status, 'booked'), lt(booking.startsAt, until), gt(booking.endsAt, from)))
        .orderBy(asc(booking.startsAt))
    : [];
  const views = await viewsOf(db, rows);
  return {
    from: from.toISOString(),
    days,
    venues: rooms.map(venueView),
    bookings: views.map((v, i) => ({ ...v, witnessPersonId: rows[i]!.witnessPersonId, witnessSigned: rows[i]!.witnessSignedAt !== null })),
  };
}

/** The operator's people who may witness: persons with the operator role in the operator's own entity. */
export async function witnessCandidates(ctx: Context) {
  const db = ctx.platform.database.db;
  return db
    .select({ personId: person.id, displayName: person.displayName })
    .from(person)
    .innerJoin(personRole, eq(personRole.personId, person.id))
    .innerJoin(entity, eq(entity.id, person.entityId))
    .where(and(eq(person.entityId, ctx.actor!.entityId), eq(personRole.role, 'operator'), eq(person.status, 'active')))
    .orderBy(asc(person.displayName));
}
