import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MeasureKind, MeasureScope } from './credit.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 信用惩戒措施: a measure against an entity for a period, with its legal basis (CM-01 to CM-03). A
 * debarment refuses the entity's obtaining documents and bidding while it runs. Lifting early is
 * recorded on the row (liftedAt, by whom, why); everything else is fixed when it is imposed.
 */
export const creditMeasure = pgTable(
  'credit_measure',
  {
    id: uuid().primaryKey(),
    entityId: uuid().notNull(),
    kind: text().$type<MeasureKind>().notNull(),
    scope: text().$type<MeasureScope>().notNull(),
    ruleId: text().notNull(),
    reason: text().notNull(),
    /** First and last day it applies (Shanghai), both included. */
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    /** Who imposed it: a confirmed alert, or an imported list of seriously dishonest entities. */
    sourceType: text().$type<'alert' | 'dishonestList'>().notNull(),
    sourceId: text().notNull(),
    regionCode: text().notNull(),
    imposedAt: ts().notNull(),
    imposedBy: uuid().notNull(),
    liftedAt: ts(),
    liftedBy: uuid(),
    liftReason: text(),
  },
  (t) => [index().on(t.entityId, t.endsOn)],
);
