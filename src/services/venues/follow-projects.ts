/**
 * A project's bookings follow the project (VN-02), listening to its audit records in the same transaction
 * (a commit hook, as exchange/ does): a project that fails or is terminated frees the rooms it still holds;
 * a moved opening (the deadline postponed by a clarification, GP-05) moves its opening booking by the
 * same amount, or, when the room is taken at the new time, frees it and says so.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { appendAuditEntries, type AuditRecord } from '../../platform/audit/audit-trail';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { notify } from '../../platform/notifications/notifications';
import { bilingual } from '../../platform/errors';
import { projectManagers } from '../../trading/project/project.access';
import { findProjectRow } from '../../trading/project/project';
import { cancelBookingRow, holdSlots, releaseSlots } from './venues';
import { booking, venue } from './venues.schema';
import { shifted } from './venues.rules';

const after = (r: AuditRecord) => (r.after ?? {}) as { status?: string; deadline?: string | Date | null };
const before = (r: AuditRecord) => (r.before ?? {}) as { deadline?: string | Date | null };

export async function followProjectChanges(tx: Db, ctx: Context, records: readonly AuditRecord[]) {
  const ours: AuditRecord[] = [];
  const audit = { record: (e: AuditRecord) => void ours.push(e) };
  const now = ctx.platform.clock.now();
  for (const r of records) {
    if (r.subjectType !== 'project' || !r.subjectId) continue;
    const projectId = r.subjectId;
    if (after(r).status === 'failed') {
      // Rooms not yet used are freed; a session already witnessed keeps its record.
      const live = await tx
        .select()
        .from(booking)
        .where(and(eq(booking.projectId, projectId), eq(booking.status, 'booked'), gt(booking.endsAt, now), isNull(booking.witnessSignedAt)));
      for (const b of live) await cancelBookingRow(tx, audit, b, now, 'projectEnded');
      if (live.length) await tell(tx, now, projectId, bilingual('项目已终止，其场地预约已释放', 'The project ended: its room bookings are released'));
    } else if (r.action === 'project.clarify' && after(r).deadline && before(r).deadline) {
      const from = new Date(before(r).deadline!);
      const to = new Date(after(r).deadline!);
      if (from.getTime() === to.getTime()) continue;
      const openings = await tx.select().from(booking).where(and(eq(booking.projectId, projectId), eq(booking.status, 'booked'), eq(booking.purpose, 'opening'), isNull(booking.witnessSignedAt)));
      for (const b of openings) {
        const moved = shifted(b, from, to);
        await releaseSlots(tx, b.id);
        if (await holdSlots(tx, { id: b.id, venueId: b.venueId, ...moved })) {
          await tx.update(booking).set({ ...moved, revision: b.revision + 1 }).where(eq(booking.id, b.id));
          audit.record({ action: 'booking.move', subjectType: 'booking', subjectId: b.id, regionCode: b.regionCode, projectId, before: { startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() }, after: { startsAt: moved.startsAt.toISOString(), endsAt: moved.endsAt.toISOString(), reason: 'deadlineMoved' } });
        } else {
          await cancelBookingRow(tx, audit, b, now, 'roomTakenAtNewTime');
          const [v] = await tx.select({ name: venue.name }).from(venue).where(eq(venue.id, b.venueId));
          await tell(tx, now, projectId, bilingual(`开标时间已变更，${v?.name ?? '原场地'}在新时间已被占用，预约已释放，请重新预约`, `The opening moved and ${v?.name ?? 'the room'} is taken at the new time: the booking is released; book again`));
        }
      }
    }
  }
  if (ours.length) await appendAuditEntries(tx, ctx, ours);
}

async function tell(tx: Db, now: Date, projectId: string, title: ReturnType<typeof bilingual>) {
  const p = await findProjectRow(tx, projectId);
  if (!p) return;
  await notify(tx, now, projectManagers(p).map((to) => ({ to, title, body: title, link: '/workspace/bookings', subject: { type: 'project', id: projectId } })));
}
