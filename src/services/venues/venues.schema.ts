import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** 开标室 / 评标室 of the centre and its sub-centres, managed by the operator. */
export const venue = pgTable(
  'venue',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    kind: text().$type<'opening' | 'evaluation'>().notNull(),
    /** 上海市公共资源交易中心, or one of its sub-centres (分中心). */
    centreName: text().notNull(),
    capacity: integer().notNull(),
    regionCode: text().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index().on(t.regionCode)],
);

/**
 * A room booked for a project's opening or evaluation, [startsAt, endsAt) on half-hour boundaries.
 * The witness (见证) is part of the booking: the operator's person assigned, and the record they sign.
 */
export const booking = pgTable(
  'booking',
  {
    id: uuid().primaryKey(),
    venueId: uuid()
      .notNull()
      .references(() => venue.id),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    purpose: text().$type<'opening' | 'evaluation'>().notNull(),
    startsAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    status: text().$type<'booked' | 'cancelled'>().notNull(),
    bookedBy: uuid().notNull(),
    bookedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    cancelledAt: timestamp({ withTimezone: true, precision: 3 }),
    cancelReason: text(),
    witnessPersonId: uuid(),
    witnessAssignedAt: timestamp({ withTimezone: true, precision: 3 }),
    /** 见证记录: who was present, incidents, notes; signed once, then frozen. */
    witnessAttendance: jsonb().$type<string[]>(),
    witnessIncidents: text(),
    witnessNotes: text(),
    witnessSignedAt: timestamp({ withTimezone: true, precision: 3 }),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.projectId), index().on(t.venueId, t.startsAt)],
);

/**
 * VN-01's constraint: one row per (room, half hour) a live booking holds, the primary key making a
 * double booking impossible in the database itself (PGlite and PostgreSQL alike, without btree_gist).
 * Written in the booking's own transaction; a cancelled booking's rows are deleted.
 */
export const bookingSlot = pgTable(
  'booking_slot',
  {
    venueId: uuid()
      .notNull()
      .references(() => venue.id),
    slotStart: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    bookingId: uuid()
      .notNull()
      .references(() => booking.id),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.slotStart] }), index().on(t.bookingId)],
);
