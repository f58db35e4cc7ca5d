import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

/**
 * 框架协议 (财政部令第110号): the agreement the first stage of a framework project ends in — its
 * admitted suppliers (入围供应商, framework_member) at their admitted prices, its kind (FA-02: closed,
 * or open — FA-09, suppliers join during the term) and its term (FA-05). One per project.
 */
export const frameworkAgreement = pgTable('framework_agreement', {
  id: uuid().primaryKey(),
  projectId: uuid().notNull().unique(),
  lotId: uuid().notNull(),
  regionCode: text().notNull(),
  kind: text().$type<'closed' | 'open'>().notNull(),
  /** FA-05: the first and the last day it may be ordered under (Asia/Shanghai dates). */
  termStart: text().notNull(),
  termEnd: text().notNull(),
  admittedAt: ts().notNull(),
  admittedBy: uuid().notNull(),
});

/** 入围供应商: a supplier admitted by the first stage, at the price it responded with (its 入围价格, FA-07, FA-08). */
export const frameworkMember = pgTable(
  'framework_member',
  {
    agreementId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    /** The first-stage response it was admitted on (null for one that joined an open agreement later, FA-09), and its rank (joiners after the first stage's members, in order of joining). */
    bidId: uuid(),
    rank: integer().notNull(),
    admittedPriceFen: fen().notNull(),
    /** FA-09: when it joined an open agreement during the term (null: admitted by the first stage). Invited to competitions created from then on. */
    joinedAt: ts(),
    /** FA-09: when it left an open agreement by notice (null: a member). It takes part in no order from then on. */
    leftAt: ts(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.supplierEntityId] }), index().on(t.supplierEntityId)],
);

/**
 * 采购订单: the second stage (FA-06) — a direct selection of one member (FA-08) or a second-round
 * competition among all of them (FA-07). A decided order has its contract (the contract table).
 */
export const frameworkOrder = pgTable(
  'framework_order',
  {
    id: uuid().primaryKey(),
    agreementId: uuid().notNull(),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    orderNumber: text().notNull().unique(),
    purchaserEntityId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    mode: text().$type<'direct' | 'competition'>().notNull(),
    status: text().$type<'competing' | 'decided' | 'failed'>().notNull(),
    /** 二次竞价: offers are taken, and sealed, until then; capped by the highest admitted price (FA-07). */
    deadline: ts(),
    ceilingFen: fen(),
    supplierEntityId: uuid(),
    priceFen: fen(),
    contractId: uuid(),
    createdAt: ts().notNull(),
    createdBy: uuid().notNull(),
    decidedAt: ts(),
  },
  (t) => [index().on(t.agreementId)],
);

/**
 * A member's one offer in a second-round competition (FA-07). Its price is stored sealed under the
 * platform's key, and no route lists offers, their senders or their count before the deadline.
 */
export const frameworkOffer = pgTable(
  'framework_offer',
  {
    orderId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    sealedPrice: text().notNull(),
    submittedAt: ts().notNull(),
    submittedBy: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.supplierEntityId] })],
);

/**
 * 申请加入 (FA-09): a supplier's application to join an open agreement during its term, with how it
 * meets the call's conditions and the price it offers (at most the highest first-stage admitted price);
 * those running the project admit it (it becomes a member at that price) or refuse it, with reasons.
 */
export const frameworkApplication = pgTable(
  'framework_application',
  {
    id: uuid().primaryKey(),
    agreementId: uuid().notNull(),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    supplierEntityId: uuid().notNull(),
    statement: text().notNull(),
    priceFen: fen().notNull(),
    status: text().$type<'pending' | 'admitted' | 'refused'>().notNull(),
    reasons: text(),
    submittedAt: ts().notNull(),
    submittedBy: uuid().notNull(),
    decidedAt: ts(),
    decidedBy: uuid(),
  },
  (t) => [index().on(t.agreementId), index().on(t.supplierEntityId)],
);
