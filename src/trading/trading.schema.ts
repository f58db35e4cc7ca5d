import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Category, EvaluationMethod, Method, SingleSourceGround, TwoSupplierException } from './methods/methods';
import type { LotConfig } from './project/lot.rules';

/** Where a project stands, from draft to archive ('closed'); from the evaluation on it follows its lots (project/project.states.ts). */
export const PROJECT_STATUSES = ['draft', 'published', 'opening', 'opened', 'evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed', 'failed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** Where a lot stands, from open for bids to its contract's acceptance (project/project.states.ts). */
export const LOT_STATUSES = ['open', 'decrypting', 'opened', 'evaluated', 'awarded', 'contracted', 'completed', 'failed'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
/** The first seven, then the 2020 specification's 资格预审公告, 单一来源采购公示, 终止公告 and 履约验收结果公告 (NOTICES.md), the complaint decision, and the works 中标候选人公示 (WK-13). */
export const NOTICE_TYPES = ['intention', 'tender', 'correction', 'openingRecord', 'failure', 'award', 'contract', 'prequalification', 'singleSource', 'termination', 'acceptance', 'complaintDecision', 'candidates'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const fen = () => bigint({ mode: 'number' });

/** 预算指标: what a purchaser may spend; plans draw on it and never exceed what is left. */
export const budgetLine = pgTable(
  'budget_line',
  {
    id: uuid().primaryKey(),
    purchaserEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    fiscalYear: integer().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    category: text().$type<Category>().notNull(),
    amountFen: fen().notNull(),
    createdAt: ts().notNull(),
    revision: integer().notNull().default(1),
    /** The budget system's own id of the line, when it arrived through the import (null when entered by hand). */
    sourceLineId: text(),
  },
  (t) => [
    unique().on(t.purchaserEntityId, t.fiscalYear, t.code),
    unique('budget_line_source_unique').on(t.purchaserEntityId, t.sourceLineId),
    check('budget_line_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

/** 公物仓: idle public assets that must be offered before buying new ones (seed 004). */
export const warehouseAsset = pgTable('warehouse_asset', {
  id: uuid().primaryKey(),
  regionCode: text().notNull(),
  holderEntityId: uuid().notNull(),
  assetCategory: text().notNull(),
  name: text().notNull(),
  specification: text(),
  quantity: integer().notNull(),
  condition: text().notNull(),
  status: text().$type<'inStock' | 'reallocated'>().notNull(),
  addedAt: ts().notNull(),
  revision: integer().notNull().default(1),
});

export const assetReallocation = pgTable('asset_reallocation', {
  id: uuid().primaryKey(),
  assetId: uuid().notNull(),
  toEntityId: uuid().notNull(),
  planId: uuid(),
  quantity: integer().notNull(),
  reallocatedAt: ts().notNull(),
  reallocatedBy: uuid(),
});

export interface WarehouseCheck {
  checkedAt: string;
  matches: { assetId: string; name: string; quantity: number; condition: string }[];
  resolutions: { assetId: string; action: 'taken' | 'unsuitable'; reason: string | null }[];
}

/** 采购计划 */
export const plan = pgTable(
  'plan',
  {
    id: uuid().primaryKey(),
    purchaserEntityId: uuid().notNull(),
    regionCode: text().notNull(),
    budgetLineId: uuid().notNull(),
    title: text().notNull(),
    category: text().$type<Category>().notNull(),
    amountFen: fen().notNull(),
    /** Set when the plan buys assets: the warehouse is checked for idle ones of this category. */
    assetCategory: text(),
    quantity: integer(),
    importProducts: boolean().notNull().default(false),
    importJustification: text(),
    importStatus: text().$type<'notNeeded' | 'pending' | 'approved' | 'rejected'>().notNull(),
    importReviewNote: text(),
    warehouseCheck: jsonb().$type<WarehouseCheck>(),
    status: text().$type<'warehouseCheck' | 'ready' | 'cancelled'>().notNull(),
    createdAt: ts().notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.budgetLineId), check('plan_amount_positive', sql`${t.amountFen} > 0`)],
);

/** Daily counters behind project numbers and transaction codes. */
export const codeCounter = pgTable('code_counter', { scope: text().primaryKey(), value: integer().notNull() });

/** 采购项目 */
export const project = pgTable(
  'project',
  {
    id: uuid().primaryKey(),
    projectNumber: text().notNull().unique(),
    /** 统一交易标识码, platform-wide unique (RULES.md §6.1). */
    transactionCode: text().notNull().unique(),
    ocid: text().notNull().unique(),
    /** The platform catalogue code of the platform the trade belongs to (P01: the main platform). */
    originPlatform: text().notNull(),
    regionCode: text().notNull(),
    purchaserEntityId: uuid().notNull(),
    agencyEntityId: uuid(),
    planId: uuid().notNull(),
    title: text().notNull(),
    category: text().$type<Category>().notNull(),
    method: text().$type<Method>().notNull(),
    methodJustification: text(),
    /** 单一来源: the one supplier the purchaser buys from, and the ground (政府采购法 第三十一条); null for other methods. */
    singleSourceSupplierEntityId: uuid(),
    singleSourceGround: text().$type<SingleSourceGround>(),
    /** CS-06: the declared reason a consultation may go on with two suppliers (null: three are needed). */
    twoSupplierException: text().$type<TwoSupplierException>(),
    /** 资格预审: a works tender (Bidding Law) that prequalifies its bidders (PQ-01); false: 资格后审 after the opening (PQ-03). */
    prequalification: boolean().notNull().default(false),
    description: text().notNull(),
    status: text().$type<ProjectStatus>().notNull(),
    documentsFrom: ts(),
    documentsUntil: ts(),
    deadline: ts(),
    decryptionWindowMinutes: integer().notNull().default(30),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    createdAt: ts().notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.status, t.deadline), index().on(t.purchaserEntityId), index().on(t.agencyEntityId)],
);

/** 标项 / 采购包 */
export const lot = pgTable(
  'lot',
  {
    id: uuid().primaryKey(),
    projectId: uuid()
      .notNull()
      .references(() => project.id),
    lotNo: integer().notNull(),
    title: text().notNull(),
    budgetFen: fen().notNull(),
    maxPriceFen: fen(),
    depositFen: fen().notNull(),
    evaluationMethod: text().$type<EvaluationMethod>().notNull(),
    criteria: jsonb().$type<LotConfig['criteria']>().notNull(),
    sme: jsonb().$type<LotConfig['sme']>().notNull(),
    status: text().$type<LotStatus>().notNull(),
    failureRuleId: text(),
    failureReason: text(),
    revision: integer().notNull().default(1),
  },
  (t) => [unique().on(t.projectId, t.lotNo), check('lot_deposit_at_most_2_percent', sql`${t.depositFen} * 50 <= ${t.budgetFen}`)],
);

/** 公告: built from typed fields, rendered and frozen when published (a trigger refuses later edits). */
export const notice = pgTable(
  'notice',
  {
    id: uuid().primaryKey(),
    noticeType: text().$type<(typeof NOTICE_TYPES)[number]>().notNull(),
    projectId: uuid(),
    planId: uuid(),
    regionCode: text().notNull(),
    title: text().notNull(),
    fields: jsonb().$type<Record<string, unknown>>().notNull(),
    renderedHtml: text().notNull(),
    contentHash: text().notNull(),
    status: text().$type<'published'>().notNull(),
    publishedAt: ts().notNull(),
    publishedBy: uuid(),
  },
  (t) => [index().on(t.projectId), index().on(t.noticeType, t.publishedAt)],
);

export const tenderDocument = pgTable('tender_document', {
  id: uuid().primaryKey(),
  projectId: uuid().notNull(),
  name: text().notNull(),
  blobSha256: text().notNull(),
  size: bigint({ mode: 'number' }).notNull(),
  uploadedAt: ts().notNull(),
  uploadedBy: uuid(),
  /** The document's text as read at upload (PDF_TEXT_LIMITS), for the search; null for a scan or an unreadable file. */
  extractedText: text(),
});

/** Who obtained the documents, when (EB-08: visible only to the purchaser and agency before the deadline). */
export const documentDownload = pgTable(
  'document_download',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: uuid().notNull(),
    documentId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    personId: uuid().notNull(),
    downloadedAt: ts().notNull(),
    ip: text(),
  },
  (t) => [index().on(t.projectId, t.supplierEntityId)],
);

export const question = pgTable('question', {
  id: uuid().primaryKey(),
  projectId: uuid().notNull(),
  supplierEntityId: uuid().notNull(),
  askedBy: uuid().notNull(),
  text: text().notNull(),
  askedAt: ts().notNull(),
  answer: text(),
  affectsBids: boolean(),
  answeredAt: ts(),
  answeredBy: uuid(),
});

/** A supplier's bid-encryption public key; the private key never reaches the platform. */
export const bidKey = pgTable('bid_key', {
  id: uuid().primaryKey(),
  supplierEntityId: uuid().notNull(),
  personId: uuid().notNull(),
  algorithm: text().notNull(),
  publicKey: text().notNull(),
  fingerprint: text().notNull(),
  createdAt: ts().notNull(),
  /** Set when the supplier registers a newer key: no bid may be sealed with this one any more. */
  revokedAt: ts(),
});

export interface BidPart {
  name: string;
  fileName: string;
  size: number;
  /** SHA-256 of the ciphertext as stored. */
  sha256: string;
  /** AES-GCM nonce, base64. */
  iv: string;
}

/** A decrypted part of a bid, as the decision records it. */
export interface PlaintextPart {
  name: string;
  sha256: string;
  size: number;
  /** The document's own metadata; absent until the file is stored (the opening's documents job). */
  metadata?: Record<string, string | null>;
}

/** A resumable upload in progress; the chunks live on disk until the upload is finalised. */
export const bidUpload = pgTable(
  'bid_upload',
  {
    id: uuid().primaryKey(),
    lotId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    personId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    requestHash: text().notNull(),
    keyId: uuid().notNull(),
    wrappedKey: text().notNull(),
    parts: jsonb().$type<BidPart[]>().notNull(),
    deviceFingerprint: text(),
    status: text().$type<'open' | 'finalized'>().notNull(),
    bidId: uuid(),
    createdAt: ts().notNull(),
  },
  (t) => [unique().on(t.supplierEntityId, t.idempotencyKey)],
);

export interface BidReceipt {
  bidId: string;
  projectNumber: string;
  lotId: string;
  supplierEntityId: string;
  supplierName: string;
  parts: { name: string; size: number; sha256: string }[];
  receivedAt: string;
  submissionNo: number;
  /** SHA-256 of the public key the bid was sealed with; absent on receipts issued before receipts named it. */
  keyFingerprint?: string;
}

/** An accepted bid: ciphertext hashes, the signed receipt, and (after opening) what it said. */
/** A supplier has at most one live bid per lot (a new submission supersedes the old). */
export const BID_ONE_LIVE_PER_SUPPLIER = 'bid_one_live_per_supplier';

export const bid = pgTable(
  'bid',
  {
    id: uuid().primaryKey(),
    lotId: uuid().notNull(),
    projectId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    personId: uuid().notNull(),
    uploadId: uuid().notNull().unique(),
    submissionNo: integer().notNull(),
    status: text().$type<'submitted' | 'superseded' | 'withdrawn' | 'decrypted' | 'revoked' | 'withdrawnPlatformFault'>().notNull(),
    statusReason: text(),
    keyId: uuid().notNull(),
    wrappedKey: text().notNull(),
    parts: jsonb().$type<BidPart[]>().notNull(),
    receivedAt: ts().notNull(),
    receipt: jsonb().$type<BidReceipt>().notNull(),
    receiptSignature: text().notNull(),
    clientIp: text(),
    userAgent: text(),
    deviceFingerprint: text(),
    withdrawnAt: ts(),
    decryptedAt: ts(),
    priceSchedule: jsonb().$type<Record<string, unknown>>(),
    /** After decryption: the plaintext files' hashes and their own metadata (RULES.md §4.3). */
    plaintextParts: jsonb().$type<PlaintextPart[]>(),
  },
  (t) => [
    index().on(t.lotId, t.status),
    uniqueIndex(BID_ONE_LIVE_PER_SUPPLIER).on(t.lotId, t.supplierEntityId).where(sql`${t.status} IN ('submitted', 'decrypted')`),
  ],
);

/** The online opening of one lot (电子开标). */
export const opening = pgTable('opening', {
  lotId: uuid().primaryKey(),
  projectId: uuid().notNull(),
  status: text().$type<'decrypting' | 'closed' | 'failed'>().notNull(),
  startedAt: ts().notNull(),
  decryptionEndsAt: ts(),
  closedAt: ts(),
  failureRuleId: text(),
  failureReason: text(),
  recordBlobSha256: text(),
  recordFinalizedAt: ts(),
  revision: integer().notNull().default(1),
});

export const openingSignoff = pgTable(
  'opening_signoff',
  {
    lotId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    personId: uuid().notNull(),
    agreed: boolean().notNull(),
    objection: text(),
    signedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.supplierEntityId] })],
);
