import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 公示: a period during which a decision is public and may be objected to before the procedure
 * goes on: the single-source publicity (DS-01, SS-03, SS-04) and the works candidates'
 * publicity (WK-13, WK-19). Its last day is a Shanghai date; the next step waits until it has passed.
 */
export const publicity = pgTable(
  'publicity',
  {
    id: uuid().primaryKey(),
    kind: text().$type<'singleSource' | 'candidates'>().notNull(),
    projectId: uuid().notNull(),
    /** The lot whose candidates are publicised; null for a single-source publicity (the whole project). */
    lotId: uuid(),
    regionCode: text().notNull(),
    noticeId: uuid().notNull(),
    startsAt: ts().notNull(),
    /** The last day of the publicity (inclusive), in Shanghai. */
    endsOn: text().notNull(),
    publishedBy: uuid().notNull(),
  },
  (t) => [index().on(t.projectId, t.kind), index().on(t.noticeId), index().on(t.lotId), uniqueIndex('publicity_single_source_once').on(t.projectId).where(sql`${t.kind} = 'singleSource'`)],
);

/**
 * SS-03 / SS-04: a written objection to a single-source publicity, by any supplier, organisation or
 * person, and the purchaser's supplementary review of it. (Objections to works candidates are the
 * complaints module's 异议, subject 'candidates', each naming its lot: WK-19.)
 */
export const publicityObjection = pgTable(
  'publicity_objection',
  {
    id: uuid().primaryKey(),
    publicityId: uuid().notNull(),
    projectId: uuid().notNull(),
    filedBy: uuid().notNull(),
    /** The organisation the objector acts for (a person signs in for one). */
    filedForEntityId: uuid().notNull(),
    text: text().notNull(),
    filedAt: ts().notNull(),
    status: text().$type<'pending' | 'upheld' | 'dismissed'>().notNull(),
    /** 补充论证: the review's findings. */
    review: text(),
    decidedAt: ts(),
    decidedBy: uuid(),
  },
  (t) => [index().on(t.publicityId), index().on(t.projectId)],
);
