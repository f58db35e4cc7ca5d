import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import { entity } from '../../identity/identity.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { compareDates, shanghaiDate, shanghaiInstant } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import { violates } from '../../platform/database/database';
import { bilingual, conflict, DomainError } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import type { Db } from '../../platform/database/database';
import { DEFAULT_PAYMENT_TERM_DAYS, paymentTermProblem } from '../../money/payments/payment.rules';
import { supplierDesk } from '../project/project.access';
import { contract } from './contract.schema';
import { contractView } from './contract';
import { milestoneProblems } from './contract.rules';

const localDate = z.iso.date();
const creditCode = z.string().trim().length(18);

/** A contract traded and signed on a sub-platform (e.g. a works contract for highway maintenance), as the sub-platform registers it. */
export const registrationInput = z.object({
  reference: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/).describe("The sub-platform's own id for the contract: registering it again is idempotent"),
  contractNumber: z.string().trim().min(1).max(64),
  title: z.string().trim().min(2).max(200),
  purchaserCreditCode: creditCode.describe('采购人/招标人 统一社会信用代码'),
  supplierCreditCode: creditCode.describe('供应商/中标人 统一社会信用代码'),
  priceFen: z.int().min(1).max(MAX_FEN),
  items: z
    .array(z.object({ name: z.string().trim().min(1).max(200), brand: z.string().trim().max(100).nullable().default(null), model: z.string().trim().max(100).nullable().default(null), quantity: z.int().min(1).max(1_000_000_000), unitPriceFen: z.int().min(0).max(MAX_FEN), totalFen: z.int().min(0).max(MAX_FEN) }))
    .max(200)
    .default([]),
  milestones: z
    .array(z.object({ name: z.string().trim().min(1).max(200), amountFen: z.int().min(0).max(MAX_FEN), acceptanceCriteria: z.string().trim().min(2).max(2000), dueDate: localDate }))
    .min(1)
    .max(40),
  performancePeriod: z.string().trim().min(2).max(200),
  performancePlace: z.string().trim().min(2).max(200),
  paymentTermDays: z.int().min(1).max(365).default(DEFAULT_PAYMENT_TERM_DAYS),
  terms: z.string().trim().min(2).max(20_000),
  signedOn: localDate.describe('The day both parties signed, on the sub-platform'),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

const problem = (field: string, zh: string, en: string, ruleId?: string) => new DomainError('CONTRACT_REGISTRATION', bilingual(zh, en), 422, { field }, ruleId);

/**
 * Seed 000, step 2: a sub-platform registers a contract it traded, so that it reaches acceptance and
 * payment here like one drafted on this platform. Signed by the sub-platform's API key; idempotent
 * on its reference (the same contract again answers the one registered, a different one under the
 * same reference is refused).
 */
export async function registerContract(ctx: Context, subPlatformEntityId: string, input: RegistrationInput) {
  const db = ctx.platform.database.db;
  const [existing] = await db.select().from(contract).where(and(eq(contract.sourceEntityId, subPlatformEntityId), eq(contract.sourceReference, input.reference)));
  if (existing) return replay(existing, hashOf(input));
  try {
    return await inTransaction(ctx, (tx, audit) => registerContractIn(tx, audit, ctx, subPlatformEntityId, input));
  } catch (error) {
    if (violates(error, 'contract_source_reference_unique')) {
      // A concurrent registration of the same reference won: answer with it.
      const [winner] = await db.select().from(contract).where(and(eq(contract.sourceEntityId, subPlatformEntityId), eq(contract.sourceReference, input.reference)));
      return replay(winner!, hashOf(input));
    }
    if (violates(error, 'contract_contractNumber_unique')) throw conflict('CONTRACT_NUMBER_TAKEN', bilingual('该合同编号已被其他合同使用', 'Another contract already has this number'), { field: 'contractNumber' });
    throw error;
  }
}

const hashOf = (input: RegistrationInput) => createHash('sha256').update(canonicalJson(input)).digest('hex');

/**
 * The registration inside the caller's transaction (the sync API registers the contracts of a
 * batch of releases in the batch's transaction, so that the batch is all or nothing).
 */
export async function registerContractIn(tx: Db, audit: AuditRecorder, ctx: Context, subPlatformEntityId: string, input: RegistrationInput) {
  const requestHash = hashOf(input);
  const [existing] = await tx.select().from(contract).where(and(eq(contract.sourceEntityId, subPlatformEntityId), eq(contract.sourceReference, input.reference)));
  if (existing) return replay(existing, requestHash);
  const parties = await tx
    .select({ id: entity.id, creditCode: entity.creditCode, entityType: entity.entityType, status: entity.status, regionCode: entity.regionCode, smeSize: entity.smeSize, name: entity.name })
    .from(entity)
    .where(inArray(entity.creditCode, [input.purchaserCreditCode, input.supplierCreditCode]));
  const purchaser = parties.find((p) => p.creditCode === input.purchaserCreditCode && p.entityType === 'purchaser' && p.status === 'active');
  const supplier = parties.find((p) => p.creditCode === input.supplierCreditCode && p.entityType === 'supplier' && p.status === 'active');
  if (!purchaser) throw problem('purchaserCreditCode', '采购人未在平台登记或已停用', 'The purchaser is not registered (or not active) on the platform');
  if (!supplier) throw problem('supplierCreditCode', '供应商未在平台登记或已停用', 'The supplier is not registered (or not active) on the platform');
  const [milestone] = milestoneProblems(input.milestones, input.priceFen);
  if (milestone) throw new DomainError('CONTRACT_REGISTRATION', milestone.messages, 422, { field: milestone.field });
  const term = paymentTermProblem(input.paymentTermDays, Boolean(supplier.smeSize));
  if (term) throw new DomainError('CONTRACT_REGISTRATION', term.messages, 422, { field: term.field }, 'PAY-01');
  const now = ctx.platform.clock.now();
  if (compareDates(input.signedOn, shanghaiDate(now)) > 0) throw problem('signedOn', '签订日期不能晚于今天', 'The signing date cannot be in the future');
  const [numberTaken] = await tx.select({ id: contract.id }).from(contract).where(eq(contract.contractNumber, input.contractNumber));
  if (numberTaken) throw conflict('CONTRACT_NUMBER_TAKEN', bilingual('该合同编号已被其他合同使用', 'Another contract already has this number'), { field: 'contractNumber' });
  const source = (await entitySummaries(tx, [subPlatformEntityId])).get(subPlatformEntityId)!;
  const row = {
    id: randomUUID(),
    contractNumber: input.contractNumber,
    projectId: null,
    lotId: null,
    bidId: null,
    sourceEntityId: subPlatformEntityId,
    sourceReference: input.reference,
    purchaserEntityId: purchaser.id,
    supplierEntityId: supplier.id,
    regionCode: purchaser.regionCode,
    title: input.title,
    priceFen: input.priceFen,
    items: input.items,
    milestones: input.milestones.map((m, i) => ({ no: i + 1, ...m })),
    performancePeriod: input.performancePeriod,
    performancePlace: input.performancePlace,
    paymentTermDays: input.paymentTermDays,
    terms: input.terms,
    status: 'signed' as const,
    // What was registered, so that the same registration again is recognised.
    contentHash: requestHash,
    draftedAt: now,
    draftedBy: null,
    signedAt: shanghaiInstant(input.signedOn),
  };
  const [saved] = await tx.insert(contract).values(row).returning();
  const view = contractView(saved!);
  await notify(
    tx,
    now,
    [supplierDesk(supplier.id), { entityId: purchaser.id, role: 'purchaser' }].map((to) => ({
      to,
      title: bilingual(`${input.contractNumber} 合同已由${source.name}登记`, `${input.contractNumber}: contract registered by ${source.name}`),
      body: bilingual(`《${input.title}》已在平台登记，可办理履约验收和支付申请。`, `“${input.title}” is on the platform: acceptance and payment applications can proceed here.`),
      link: `/workspace/contracts/${row.id}`,
      subject: { type: 'contract', id: row.id },
    })),
  );
  audit.record({ action: 'contract.register', subjectType: 'contract', subjectId: row.id, regionCode: row.regionCode, after: { ...view, sourceEntityId: subPlatformEntityId, sourceReference: input.reference } });
  return { ...view, replayed: false };
}

function replay(existing: typeof contract.$inferSelect, requestHash: string) {
  if (existing.contentHash !== requestHash)
    throw conflict('REFERENCE_REUSED', bilingual('该子平台合同标识已登记了内容不同的合同', 'This reference was already registered with a different contract'), { field: 'reference', contractId: existing.id });
  return { ...contractView(existing), replayed: true };
}
