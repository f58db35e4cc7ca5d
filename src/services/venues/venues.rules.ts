/** Venue booking rules (pure): half-hour slots, overlap, what a booking may be. */
import { bilingual, type Bilingual } from '../../platform/errors';

/** Rooms are booked by the half hour: the slot is the unit the database's unique key holds (VN-01). */
export const SLOT_MINUTES = 30;
const SLOT_MS = SLOT_MINUTES * 60_000;
/** The longest one booking may be (an evaluation may run a long day). */
export const MAX_BOOKING_HOURS = 14;

export type VenueKind = 'opening' | 'evaluation';

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** [a) and [b) share a moment: back-to-back bookings (one ends when the other starts) do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export const onSlotBoundary = (at: Date) => at.getTime() % SLOT_MS === 0;

/** The half-hour slots [startsAt, endsAt) covers, by their start. Two bookings overlap exactly when they share a slot. */
export function slotsOf(i: Interval): Date[] {
  const slots: Date[] = [];
  for (let t = Math.floor(i.startsAt.getTime() / SLOT_MS) * SLOT_MS; t < i.endsAt.getTime(); t += SLOT_MS) slots.push(new Date(t));
  return slots;
}

/** Why a booking cannot be made as asked, or null. */
export function bookingProblem(i: Interval, purpose: VenueKind, roomKind: VenueKind, now: Date): { code: string; messages: Bilingual } | null {
  if (!(i.endsAt.getTime() > i.startsAt.getTime())) return { code: 'BOOKING_EMPTY', messages: bilingual('结束时间须晚于开始时间', 'The end must be after the start') };
  if (!onSlotBoundary(i.startsAt) || !onSlotBoundary(i.endsAt))
    return { code: 'BOOKING_NOT_ON_SLOT', messages: bilingual(`场地按${SLOT_MINUTES}分钟为单位预约，起止时间须为整点或半点`, `Rooms are booked by the ${SLOT_MINUTES} minutes: start and end on the hour or the half hour`) };
  if (i.endsAt.getTime() - i.startsAt.getTime() > MAX_BOOKING_HOURS * 3_600_000)
    return { code: 'BOOKING_TOO_LONG', messages: bilingual(`一次预约不超过${MAX_BOOKING_HOURS}小时`, `One booking is at most ${MAX_BOOKING_HOURS} hours`) };
  // The half hour under way may still be booked (a room taken a few minutes before a session).
  if (i.startsAt.getTime() < Math.floor(now.getTime() / SLOT_MS) * SLOT_MS) return { code: 'BOOKING_IN_PAST', messages: bilingual('不能预约已过去的时间', 'A time already past cannot be booked') };
  if (purpose !== roomKind)
    return {
      code: 'ROOM_KIND_MISMATCH',
      messages: purpose === 'opening' ? bilingual('开标须预约开标室', 'An opening needs an opening room') : bilingual('评标须预约评标室', 'An evaluation needs an evaluation room'),
    };
  return null;
}

/** A moved opening moves its booking by the same amount (the room is kept for the same length). */
export function shifted(i: Interval, from: Date, to: Date): Interval {
  const delta = to.getTime() - from.getTime();
  return { startsAt: new Date(i.startsAt.getTime() + delta), endsAt: new Date(i.endsAt.getTime() + delta) };
}
