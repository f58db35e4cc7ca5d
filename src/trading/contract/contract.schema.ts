import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

export interface ContractItem {
  name: string;
  brand: string | null;
  model: string | null;
  quantity: number;
  unitPriceFen: number;
  totalFen: number;
}

export interface Milestone {
  no: number;
  name: string;
  amountFen: number;
  /** 验收标准: what the purchaser checks before this milestone is paid. */
  acceptanceCriteria: string;
  dueDate: string;
}

export interface ContractSignature {
  personId: string;
  entityId: string;
  signedAt: string;
  /** Ed25519 e-seal by the platform over the contract hash, on behalf of the signing party. */
  seal: string;
}

/** 政府采购合同: drafted from the documents and the winning bid, signed online by both parties. */
export const contract = pgTable(
  'contract',
  {
    id: uuid().primaryKey(),
    contractNumber: text().notNull().unique(),
    /** The project, lot and winning bid traded here; null for a contract a sub-platform registered. */
    projectId: uuid(),
    lotId: uuid(),
    bidId: uuid(),
    /** 交易子平台: the sub-platform that traded and registered the contract, and its own reference for it. */
    sourceEntityId: uuid(),
    sourceReference: text(),
    purchaserEntityId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    title: text().notNull(),
    /** The winning bid's price (GP-54: the SME deduction never touches it). */
    priceFen: fen().notNull(),
    items: jsonb().$type<ContractItem[]>().notNull(),
    milestones: jsonb().$type<Milestone[]>().notNull(),
    performancePeriod: text().notNull(),
    performancePlace: text().notNull(),
    /** 付款期限: days from a milestone's acceptance to its payment (PAY-01, PAY-02; at most 60 with an SME). */
    paymentTermDays: integer().notNull().default(30),
    terms: text().notNull(),
    status: text().$type<'draft' | 'signed' | 'refused' | 'completed'>().notNull(),
    contentHash: text().notNull(),
    supplierSignature: jsonb().$type<ContractSignature>(),
    purchaserSignature: jsonb().$type<ContractSignature>(),
    refusalReason: text(),
    draftedAt: ts().notNull(),
    /** Who drafted it here; null for a registered contract. */
    draftedBy: uuid(),
    signedAt: ts(),
    noticeId: uuid(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.projectId), index().on(t.supplierEntityId), unique('contract_source_reference_unique').on(t.sourceEntityId, t.sourceReference)],
);

/** 履约验收: the purchaser's verdict on one milestone, which unlocks (or not) its payment. */
export const acceptance = pgTable(
  'acceptance',
  {
    id: uuid().primaryKey(),
    contractId: uuid().notNull(),
    milestoneNo: integer().notNull(),
    result: text().$type<'pass' | 'partial' | 'fail'>().notNull(),
    /** What may be paid for this milestone: all of it, the accepted part, or nothing. */
    payableFen: fen().notNull(),
    findings: text().notNull(),
    acceptedBy: uuid().notNull(),
    members: jsonb().$type<string[]>().notNull(),
    recordedAt: ts().notNull(),
    /** 履约验收结果公告 published with the verdict, when the disclosure catalogue lists it. */
    noticeId: uuid(),
  },
  (t) => [index().on(t.contractId, t.milestoneNo)],
);

/** 履约评价: the purchaser rates the supplier (credit evaluation), the supplier gives feedback. */
export const performanceReview = pgTable(
  'performance_review',
  {
    contractId: uuid().notNull(),
    fromEntityId: uuid().notNull(),
    direction: text().$type<'purchaserRatesSupplier' | 'supplierFeedback'>().notNull(),
    /** 1 to 5 on each aspect. */
    ratings: jsonb().$type<Record<string, number>>().notNull(),
    comment: text(),
    recordedAt: ts().notNull(),
    recordedBy: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.direction] }), unique().on(t.contractId, t.fromEntityId)],
);
