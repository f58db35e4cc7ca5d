/** What the venues API answers (src/services/venues/venues.routes.ts). */
export interface Venue {
  id: string;
  name: string;
  kind: 'opening' | 'evaluation';
  centreName: string;
  capacity: number;
  regionCode: string;
}
export interface Booking {
  id: string;
  venue: Venue;
  projectId: string;
  projectTitle: string;
  projectNumber: string;
  purpose: 'opening' | 'evaluation';
  startsAt: string;
  endsAt: string;
  status: 'booked' | 'cancelled';
  cancelReason: string | null;
  witnessName: string | null;
}
export interface CalendarBooking extends Booking {
  witnessPersonId: string | null;
  witnessSigned: boolean;
}
export interface WitnessRecord {
  bookingId: string;
  venueName: string;
  centreName: string;
  purpose: 'opening' | 'evaluation';
  startsAt: string;
  endsAt: string;
  witnessPersonId: string | null;
  witnessName: string | null;
  attendance: string[];
  incidents: string;
  notes: string;
  signedAt: string | null;
  revision: number;
}

const HOUR = 3_600_000;
/** Beijing wall-clock parts of an instant. */
export const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * HOUR).toISOString();
export const beijingDate = (iso: string) => beijing(iso).slice(0, 10);
export const beijingClock = (iso: string) => beijing(iso).slice(11, 16);
/** The instant of a Beijing date and time (YYYY-MM-DD, HH:mm). */
export const instantOf = (date: string, time: string) => new Date(`${date}T${time}:00.000+08:00`).toISOString();
/** 07:00 … 21:00 by the half hour, the times a room is booked from and to. */
export const HALF_HOURS = Array.from({ length: 29 }, (_, i) => `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
