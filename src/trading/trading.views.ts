import { z } from 'zod';
import { bilingualText } from '../platform/http/schemas';
import { depositStatusSchema } from '../money/deposits/deposits.views';
import { CATEGORIES, EVALUATION_METHODS, METHODS, SINGLE_SOURCE_GROUNDS, STEP_IDS, TWO_SUPPLIER_EXCEPTIONS } from './methods/methods';
import { PROJECT_ACTIONS } from './project/project.policy';
import { NOTICE_TYPES, LOT_STATUSES, PROJECT_STATUSES } from './trading.schema';

/** Response schemas of the trading API (they also document it in OpenAPI). Amounts: integer fen. */
const iso = z.string().describe('ISO 8601, UTC');

export const budgetLineSchema = z
  .object({ id: z.uuid(), fiscalYear: z.int(), code: z.string(), name: z.string(), category: z.enum(CATEGORIES), amountFen: z.int(), remainingFen: z.int(), contractedFen: z.int().describe('Committed by signed contracts'), paidFen: z.int().describe('Paid by the treasury'), createdAt: iso, revision: z.int() })
  .meta({ id: 'BudgetLine' });

export const assetSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    assetCategory: z.string(),
    name: z.string(),
    specification: z.string().nullable(),
    quantity: z.int(),
    condition: z.string(),
    status: z.enum(['inStock', 'reallocated']),
    addedAt: iso,
    revision: z.int(),
  })
  .meta({ id: 'WarehouseAsset' });

export const planSchema = z
  .object({
    id: z.uuid(),
    budgetLineId: z.uuid(),
    title: z.string(),
    category: z.enum(CATEGORIES),
    amountFen: z.int(),
    assetCategory: z.string().nullable(),
    quantity: z.int().nullable(),
    importProducts: z.boolean(),
    importJustification: z.string().nullable(),
    importStatus: z.enum(['notNeeded', 'pending', 'approved', 'rejected']),
    importReviewNote: z.string().nullable(),
    warehouseCheck: z
      .object({
        checkedAt: iso,
        matches: z.array(z.object({ assetId: z.uuid(), name: z.string(), quantity: z.int(), condition: z.string() })),
        resolutions: z.array(z.object({ assetId: z.uuid(), action: z.enum(['taken', 'unsuitable']), reason: z.string().nullable() })),
      })
      .nullable(),
    status: z.enum(['warehouseCheck', 'ready', 'cancelled']),
    createdAt: iso,
    revision: z.int(),
  })
  .meta({ id: 'Plan' });

export const noticeSchema = z
  .object({
    id: z.uuid(),
    noticeType: z.enum(NOTICE_TYPES),
    projectId: z.uuid().nullable(),
    planId: z.uuid().nullable(),
    regionCode: z.string(),
    title: z.string(),
    fields: z.record(z.string(), z.unknown()),
    renderedHtml: z.string(),
    contentHash: z.string().describe('SHA-256 of the frozen HTML'),
    publishedAt: iso,
  })
  .meta({ id: 'Notice' });

export const lotSchema = z
  .object({
    id: z.uuid(),
    lotNo: z.int(),
    title: z.string(),
    budgetFen: z.int(),
    maxPriceFen: z.int().nullable(),
    depositFen: z.int(),
    evaluationMethod: z.enum(EVALUATION_METHODS),
    criteria: z.array(z.object({ name: z.string(), weight: z.int(), isPrice: z.boolean() })),
    sme: z.object({ measure: z.enum(['none', 'reserved', 'priceDeduction']), deductionBp: z.int().nullable(), consortiumDeductionBp: z.int().nullable(), notSuitableReason: z.string().nullable() }),
    status: z.enum(LOT_STATUSES),
    failureRuleId: z.string().nullable(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'Lot' });

export const projectSchema = z
  .object({
    id: z.uuid(),
    projectNumber: z.string(),
    transactionCode: z.string(),
    ocid: z.string(),
    originPlatform: z.string(),
    regionCode: z.string(),
    purchaserEntityId: z.uuid(),
    agencyEntityId: z.uuid().nullable(),
    planId: z.uuid(),
    title: z.string(),
    description: z.string(),
    category: z.enum(CATEGORIES),
    method: z.enum(METHODS),
    methodJustification: z.string().nullable(),
    singleSourceSupplierEntityId: z.uuid().nullable().describe('单一来源: the one supplier'),
    singleSourceGround: z.enum(SINGLE_SOURCE_GROUNDS).nullable().describe('单一来源: its ground (政府采购法 第三十一条)'),
    twoSupplierException: z.enum(TWO_SUPPLIER_EXCEPTIONS).nullable().describe('CS-06: why the consultation may go on with two suppliers'),
    prequalification: z.boolean().describe('资格预审 (PQ-01); false: 资格后审 (PQ-03)'),
    status: z.enum(PROJECT_STATUSES),
    documentsFrom: iso.nullable(),
    documentsUntil: iso.nullable(),
    deadline: iso.nullable(),
    decryptionWindowMinutes: z.int(),
    contactName: z.string(),
    contactPhone: z.string(),
    createdAt: iso,
    revision: z.int(),
    lots: z.array(lotSchema),
    actions: z.array(z.enum(PROJECT_ACTIONS)).optional().describe('What the caller may do with the project now (one project read only)'),
    steps: z
      .array(z.object({ id: z.enum(STEP_IDS), name: bilingualText, ruleIds: z.array(z.string()), state: z.enum(['done', 'current', 'upcoming']) }))
      .optional()
      .describe("The method's steps in order and where the project stands (one project read only)"),
    panel: z
      .object({ name: bilingualText, minimumMembers: z.int(), ruleId: z.string() })
      .optional()
      .describe('The panel the method draws and its smallest size for this budget, before the complex-project rule (one project read only)'),
  })
  .meta({ id: 'Project' });

export const documentSchema = z.object({ id: z.uuid(), name: z.string(), sha256: z.string(), size: z.int(), uploadedAt: iso }).meta({ id: 'TenderDocument' });

export const questionSchema = z
  .object({ id: z.uuid(), text: z.string(), askedAt: iso, askedBy: z.string().nullable().optional(), answer: z.string().nullable(), answeredAt: iso.nullable(), affectsBids: z.boolean().nullable(), mine: z.boolean() })
  .meta({ id: 'Question' });

export const receiptSchema = z
  .object({
    receipt: z.object({
      bidId: z.uuid(),
      projectNumber: z.string(),
      lotId: z.uuid(),
      supplierEntityId: z.uuid(),
      supplierName: z.string(),
      parts: z.array(z.object({ name: z.string(), size: z.int(), sha256: z.string() })),
      receivedAt: iso,
      submissionNo: z.int(),
      keyFingerprint: z.string().optional().describe('SHA-256 of the SubjectPublicKeyInfo of the key the bid was sealed with (absent on receipts issued before receipts named it)'),
    }),
    signature: z.string().describe('Ed25519 over the canonical JSON of the receipt, base64'),
    signingKeyId: z.string(),
    timestamp: z
      .object({
        receiptSha256: z.string().describe('SHA-256 of the canonical JSON of the receipt: what goes into the public checkpoint'),
        checkpointDueBy: iso.describe('The latest time the signed checkpoint holding this receipt will be made'),
        proofUrl: z.string().describe('This bid’s inclusion proof (readable by the bidder only)'),
        checkpointsUrl: z.string().describe('The public list of signed checkpoints'),
      })
      .describe('Where to find proof, without trusting the platform, that the receipt was issued by the checkpoint’s time'),
  })
  .meta({ id: 'BidReceipt' });

export const uploadStatusSchema = z
  .object({
    uploadId: z.uuid(),
    status: z.enum(['open', 'finalized']),
    parts: z.array(z.object({ index: z.int(), name: z.string(), size: z.int(), received: z.int() })),
    receipt: receiptSchema.nullable(),
  })
  .meta({ id: 'BidUploadStatus' });

export const bidPartSchema = z.object({ name: z.string(), fileName: z.string(), size: z.int(), sha256: z.string(), iv: z.string() });

export const myBidSchema = receiptSchema
  .extend({
    id: z.uuid(),
    lotId: z.uuid(),
    status: z.enum(['submitted', 'superseded', 'withdrawn', 'decrypted', 'revoked', 'withdrawnPlatformFault']),
    statusReason: z.string().nullable(),
    submissionNo: z.int(),
    receivedAt: iso,
    keyId: z.uuid(),
    wrappedKey: z.string(),
    parts: z.array(bidPartSchema),
  })
  .meta({ id: 'MyBid' });

export const openingRecordSchema = z
  .object({
    project: z.object({ id: z.uuid(), projectNumber: z.string(), title: z.string(), deadline: iso.nullable(), status: z.string() }),
    lot: z.object({ id: z.uuid(), lotNo: z.int(), title: z.string(), budgetFen: z.int(), status: z.string(), failureRuleId: z.string().nullable(), failureReason: z.string().nullable() }),
    opening: z
      .object({ status: z.enum(['decrypting', 'closed', 'failed']), startedAt: iso, decryptionEndsAt: iso.nullable(), closedAt: iso.nullable(), recordSha256: z.string().nullable(), recordFinalizedAt: iso.nullable() })
      .nullable(),
    now: iso,
    entries: z.array(
      z.object({
        bidId: z.uuid(),
        supplierEntityId: z.uuid(),
        supplierName: z.string(),
        status: z.string(),
        receivedAt: iso,
        totalPriceFen: z.int().nullable(),
        deliveryPeriod: z.string().nullable(),
        deposit: z.object({ form: z.string(), reference: z.string().nullish() }).nullable(),
        depositStatus: depositStatusSchema.nullable().describe('GP-21: the deposit paid by transfer into the bidder’s sub-account, by the deadline; never the payer'),
        remark: z.string().nullable(),
        mine: z.boolean(),
        signoff: z.object({ agreed: z.boolean(), objection: z.string().nullable(), signedAt: iso }).nullable(),
      }),
    ),
  })
  .meta({ id: 'OpeningRecord' });
