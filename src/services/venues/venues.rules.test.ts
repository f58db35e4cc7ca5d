import { describe, expect, it } from 'vitest';
import { bookingProblem, overlaps, shifted, slotsOf } from './venues.rules';

const at = (hhmm: string) => new Date(`2026-03-23T${hhmm}:00.000+08:00`);
const span = (a: string, b: string) => ({ startsAt: at(a), endsAt: at(b) });
const now = new Date('2026-03-02T02:00:00.000Z');

describe('half-hour slots', () => {
  it('covers 09:00–10:30 with three slots starting on the half hour', () => {
    expect(slotsOf(span('09:00', '10:30')).map((d) => d.toISOString())).toEqual([at('09:00'), at('09:30'), at('10:00')].map((d) => d.toISOString()));
  });
  it('two bookings share a slot exactly when they overlap', () => {
    const pairs: [string, string, string, string][] = [
      ['09:00', '10:00', '09:30', '11:00'],
      ['09:00', '10:00', '10:00', '11:00'],
      ['09:00', '12:00', '10:00', '10:30'],
      ['13:00', '14:00', '09:00', '10:00'],
    ];
    for (const [a, b, c, d] of pairs) {
      const x = span(a, b);
      const y = span(c, d);
      const shared = slotsOf(x).some((s) => slotsOf(y).some((u) => u.getTime() === s.getTime()));
      expect(shared).toBe(overlaps(x, y));
    }
  });
  it('back to back is not an overlap', () => {
    expect(overlaps(span('09:00', '10:00'), span('10:00', '11:00'))).toBe(false);
    expect(overlaps(span('09:00', '10:01'), span('10:00', '11:00'))).toBe(true);
  });
});

describe('what may be booked', () => {
  it('refuses times off the half hour, empty or reversed spans, the past, and the wrong kind of room', () => {
    expect(bookingProblem(span('09:00', '10:00'), 'opening', 'opening', now)).toBeNull();
    expect(bookingProblem(span('09:15', '10:00'), 'opening', 'opening', now)?.code).toBe('BOOKING_NOT_ON_SLOT');
    expect(bookingProblem(span('10:00', '10:00'), 'opening', 'opening', now)?.code).toBe('BOOKING_EMPTY');
    expect(bookingProblem(span('08:00', '22:30'), 'evaluation', 'evaluation', now)?.code).toBe('BOOKING_TOO_LONG');
    expect(bookingProblem(span('08:00', '22:00'), 'evaluation', 'evaluation', now)).toBeNull();
    expect(bookingProblem(span('09:00', '10:00'), 'opening', 'opening', at('09:30'))?.code).toBe('BOOKING_IN_PAST');
    expect(bookingProblem(span('09:00', '10:00'), 'opening', 'opening', at('09:29'))).toBeNull();
    expect(bookingProblem(span('09:00', '10:00'), 'evaluation', 'opening', now)?.code).toBe('ROOM_KIND_MISMATCH');
  });
  it('a moved opening moves its booking by the same amount', () => {
    const moved = shifted(span('09:00', '11:00'), at('09:30'), at('14:30'));
    expect(moved).toEqual(span('14:00', '16:00'));
  });
});
