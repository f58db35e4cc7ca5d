import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, oversees, regionCovers } from '../../identity';
import { person } from '../../identity/identity.schema';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { refuseWhileHeld } from '../../supervision/complaints/holds';
import type { Actor, Context } from '../../platform/context';
import { INT4_MAX, type Db } from '../../platform/database/database';
import { deny, hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict, notFound, staleRevision } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { scheduleDepositRefunds } from '../../money/refunds/refunds';
import { award } from '../award/award.schema';
import { winningBid } from '../award/award';
import { awardedItems } from '../award/award.rules';
import { evaluationReport } from '../evaluation/evaluation.schema';
import { insertNotice } from '../notice/notices';
import { partyOf } from '../notice/publish-tender';
import { catalogueLists } from '../publication/disclosure-rate.store';
import type { PriceSchedule } from '../opening/opening';
import { findProjectRow, followLots, loadManagedProject, moveLot } from '../project/project';
import { managesProject, supervisesProject, supplierDesk } from '../project/project.access';
import { lot } from '../trading.schema';
import { acceptance, contract, performanceReview, type ContractSignature } from './contract.schema';
import { scheduleAssetPush } from '../assets/asset-push';
import { acceptanceProblems, milestoneProblems, payableFor } from './contract.rules';
import type { ContractDocument } from './contract.render';
import { DEFAULT_PAYMENT_TERM_DAYS, paymentTermProblem } from '../../money/payments/payment.rules';

export type ContractRow = typeof contract.$inferSelect;

const localDate = z.iso.date();
export const contractDraftInput = z.object({
  milestones: z
    .array(z.object({ name: z.string().trim().min(1).max(200), amountFen: z.int().min(0).max(MAX_FEN), acceptanceCriteria: z.string().trim().min(2).max(2000), dueDate: localDate }))
    .min(1)
    .max(20),
  performancePeriod: z.string().trim().min(2).max(200),
  performancePlace: z.string().trim().min(2).max(200),
  paymentTermDays: z.int().min(1).max(365).default(DEFAULT_PAYMENT_TERM_DAYS).describe('付款期限: days from acceptance to payment (PAY-01: at most 60 with an SME supplier)'),
  terms: z.string().trim().min(2).max(20_000),
});

const hashOf = (c: Pick<ContractRow, 'contractNumber' | 'priceFen' | 'items' | 'milestones' | 'performancePeriod' | 'performancePlace' | 'paymentTermDays' | 'terms' | 'purchaserEntityId' | 'supplierEntityId'>) =>
  createHash('sha256')
    .update(
      canonicalJson({
        contractNumber: c.contractNumber,
        priceFen: c.priceFen,
        items: c.items,
        milestones: c.milestones,
        performancePeriod: c.performancePeriod,
        performancePlace: c.performancePlace,
        paymentTermDays: c.paymentTermDays,
        terms: c.terms,
        purchaser: c.purchaserEntityId,
        supplier: c.supplierEntityId,
      }),
    )
    .digest('hex');

/** The purchaser or its agency drafts the contract from the documents and the winning bid: its price and items are not editable. */
export async function draftContract(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof contractDraftInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    // QC-05, QC-11: not while a challenge may change the result or the procurement is suspended.
    await refuseWhileHeld(tx, projectId, shanghaiDate(ctx.platform.clock.now()), 'contract');
    const won = await winningBid(tx, lotId);
    if (!won || won.award.projectId !== projectId) throw conflict('NOT_AWARDED', bilingual('该标项尚未确定中标人', 'This lot has no confirmed winner yet'));
    const existing = await tx.select().from(contract).where(eq(contract.lotId, lotId));
    if (existing.some((c) => c.bidId === won.bid.id)) throw conflict('CONTRACT_EXISTS', bilingual('已为该中标人起草合同', 'A contract was already drafted for this winner'));
    // The price the report evaluated: the bid's own, or as corrected and confirmed (GP-58), or agreed in a single-source negotiation (SS-05); never the SME-deducted one.
    const [report] = await tx.select().from(evaluationReport).where(eq(evaluationReport.lotId, lotId));
    const priceFen = report!.result.bids.find((b) => b.bidId === won.bid.id)!.priceFen;
    const problems = milestoneProblems(input.milestones, priceFen);
    if (problems.length) throw new DomainError('MILESTONES', problems[0]!.messages, 422, { field: problems[0]!.field });
    const l = (await tx.select().from(lot).where(eq(lot.id, lotId)))[0]!;
    const saved = await saveDraft(tx, ctx, audit, p.projectNumber, {
      contractNumber: `${p.projectNumber}-HT${l.lotNo}${existing.length ? `-${existing.length + 1}` : ''}`,
      projectId,
      lotId,
      bidId: won.bid.id,
      purchaserEntityId: p.purchaserEntityId,
      supplierEntityId: won.bid.supplierEntityId,
      regionCode: p.regionCode,
      title: `${p.title}（标项${l.lotNo}）采购合同`,
      priceFen,
      items: awardedItems(won.bid.priceSchedule as PriceSchedule, l, priceFen, p.method === 'singleSource'),
      milestones: input.milestones.map((m, i) => ({ no: i + 1, ...m })),
      performancePeriod: input.performancePeriod,
      performancePlace: input.performancePlace,
      paymentTermDays: input.paymentTermDays,
      terms: input.terms,
    });
    return contractView(saved);
  });
}

type DraftFields = Pick<
  ContractRow,
  'contractNumber' | 'projectId' | 'lotId' | 'bidId' | 'purchaserEntityId' | 'supplierEntityId' | 'regionCode' | 'title' | 'priceFen' | 'items' | 'milestones' | 'performancePeriod' | 'performancePlace' | 'paymentTermDays' | 'terms'
>;

/**
 * What every contract's drafting shares, a lot's or a framework order's: the payment term an SME
 * supplier may be given (PAY-01), the content hash both parties sign, the supplier told to sign,
 * the audit entry. `reference` names the procurement in the supplier's message.
 */
async function saveDraft(tx: Db, ctx: Context, audit: AuditRecorder, reference: string, fields: DraftFields): Promise<ContractRow> {
  const supplier = (await entitySummaries(tx, [fields.supplierEntityId])).get(fields.supplierEntityId);
  const termProblem = paymentTermProblem(fields.paymentTermDays, Boolean(supplier?.smeSize));
  if (termProblem) throw new DomainError('PAYMENT_TERM', termProblem.messages, 422, { field: termProblem.field }, 'PAY-01');
  const now = ctx.platform.clock.now();
  const row = { id: randomUUID(), ...fields, status: 'draft' as const, draftedAt: now, draftedBy: ctx.actor!.personId };
  const [saved] = await tx.insert(contract).values({ ...row, contentHash: hashOf(row) }).returning();
  await notify(tx, now, [
    {
      to: supplierDesk(row.supplierEntityId),
      title: bilingual(`${reference} 合同待签署`, `${reference}: a contract awaits your signature`),
      body: bilingual(`请核对并在线签署《${row.title}》。`, `Please check and sign “${row.title}” online.`),
      link: `/workspace/contracts/${row.id}`,
      subject: { type: 'contract', id: row.id },
    },
  ]);
  audit.record({ action: 'contract.draft', subjectType: 'contract', subjectId: row.id, regionCode: row.regionCode, projectId: row.projectId, after: contractView(saved!) });
  return saved!;
}

export const orderContractInput = z.object({
  performancePeriod: z.string().trim().min(2).max(200),
  performancePlace: z.string().trim().min(2).max(200),
  paymentTermDays: z.int().min(1).max(365).default(DEFAULT_PAYMENT_TERM_DAYS).describe('付款期限: days from acceptance to payment (PAY-01: at most 60 with an SME supplier)'),
  acceptanceCriteria: z.string().trim().min(2).max(2000).describe('验收标准 of the one milestone: the whole order, paid after its acceptance'),
  dueDate: localDate,
  terms: z.string().trim().min(2).max(20_000),
});

/**
 * A framework order's contract (财政部令第110号, FA-08): drafted like any other, from the order's
 * supplier and price, one milestone for the whole order; it is signed, accepted and paid as every
 * contract is. No lot or bid: the first stage's award is the agreement, not this contract.
 */
export async function draftOrderContract(
  tx: Db,
  ctx: Context,
  audit: AuditRecorder,
  p: { id: string; projectNumber: string; purchaserEntityId: string; regionCode: string },
  order: { orderNumber: string; title: string; supplierEntityId: string; priceFen: number },
  input: z.infer<typeof orderContractInput>,
) {
  return saveDraft(tx, ctx, audit, order.orderNumber, {
    contractNumber: `${order.orderNumber}-HT`,
    projectId: p.id,
    lotId: null,
    bidId: null,
    purchaserEntityId: p.purchaserEntityId,
    supplierEntityId: order.supplierEntityId,
    regionCode: p.regionCode,
    title: `${order.title}采购合同`,
    priceFen: order.priceFen,
    items: [{ name: order.title, brand: null, model: null, quantity: 1, unitPriceFen: order.priceFen, totalFen: order.priceFen }],
    milestones: [{ no: 1, name: '交付验收', amountFen: order.priceFen, acceptanceCriteria: input.acceptanceCriteria, dueDate: input.dueDate }],
    performancePeriod: input.performancePeriod,
    performancePlace: input.performancePlace,
    paymentTermDays: input.paymentTermDays,
    terms: input.terms,
  });
}

/** A contract its reader may see, with its project (null for one a sub-platform registered). */
async function loadContract(db: Db, ctx: Context, id: string, forUpdate = false) {
  const q = db.select().from(contract).where(eq(contract.id, id));
  const [c] = forUpdate ? await q.for('update') : await q;
  if (!c) throw notFound(bilingual('合同', 'Contract'));
  const p = c.projectId ? (await findProjectRow(db, c.projectId))! : null;
  const reads = p ? ctx.actor?.entityId === c.supplierEntityId || managesProject(ctx.actor, p) || supervisesProject(ctx.actor, p) : readsRegisteredContract(ctx.actor, c);
  if (!reads) throw hiddenRow('contract', id, bilingual('合同', 'Contract'));
  return { c, p };
}

/** A registered contract is read by its two parties and by those overseeing procurement in its region. */
export function readsRegisteredContract(actor: Actor | null, c: Pick<ContractRow, 'supplierEntityId' | 'purchaserEntityId' | 'regionCode'>): boolean {
  if (!actor) return false;
  if (actor.entityId === c.supplierEntityId || (actor.roles.includes('purchaser') && actor.entityId === c.purchaserEntityId)) return true;
  return oversees(actor.roles) && regionCovers(actor.regionCode, c.regionCode);
}

/** A contract drafted here from a lot's award: only these are signed or refused on this platform. */
async function loadTradedContract(db: Db, ctx: Context, id: string) {
  const { c, p } = await loadContract(db, ctx, id, true);
  if (!p) throw conflict('CONTRACT_REGISTERED', bilingual('该合同由交易子平台登记，已在子平台签订', 'This contract was registered by a sub-platform and signed there'));
  return { c: c as ContractRow & { projectId: string }, p };
}

export async function readContract(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const { c } = await loadContract(db, ctx, id);
  return contractDetail(db, c);
}

/**
 * Each party signs online with the platform's e-seal over the contract's hash: the supplier by a
 * supplier of the winning entity, the purchaser by its own staff (an agency cannot sign for it).
 * When both have signed, the contract is published (GP-76).
 */
export async function signContract(ctx: Context, id: string, input: { revision: number }) {
  return inTransaction(ctx, async (tx, audit) => {
    const { c, p } = await loadTradedContract(tx, ctx, id);
    const actor = ctx.actor!;
    const side = actor.roles.includes('supplier') && actor.entityId === c.supplierEntityId ? 'supplier' : actor.roles.includes('purchaser') && actor.entityId === c.purchaserEntityId ? 'purchaser' : null;
    if (!side) throw deny('contract', id, 'sign');
    if (c.revision !== input.revision) throw staleRevision();
    if (c.status !== 'draft') throw conflict('NOT_SIGNABLE', bilingual('合同当前状态不能签署', 'The contract cannot be signed in its current state'));
    if ((side === 'supplier' ? c.supplierSignature : c.purchaserSignature) !== null) throw conflict('ALREADY_SIGNED', bilingual('贵方已签署该合同', 'Your side has already signed'));
    const now = ctx.platform.clock.now();
    await refuseWhileHeld(tx, c.projectId, shanghaiDate(now), 'contract');
    const signature: ContractSignature = { personId: actor.personId, entityId: actor.entityId, signedAt: now.toISOString(), seal: ctx.platform.signer.sign({ contractId: id, contentHash: c.contentHash, entityId: actor.entityId, personId: actor.personId, signedAt: now.toISOString() }) };
    const both = side === 'supplier' ? c.purchaserSignature !== null : c.supplierSignature !== null;
    const update: Partial<ContractRow> = { [side === 'supplier' ? 'supplierSignature' : 'purchaserSignature']: signature, revision: c.revision + 1 };
    if (both) {
      update.status = 'signed';
      update.signedAt = now;
      const noticeRow = await insertNotice(tx, ctx, audit, {
        noticeType: 'contract',
        projectId: p.id,
        planId: p.planId,
        regionCode: p.regionCode,
        fields: {
          contractNumber: c.contractNumber,
          contractTitle: c.title,
          projectNumber: p.projectNumber,
          projectTitle: p.title,
          purchaser: await partyOf(tx, c.purchaserEntityId),
          supplier: await partyOf(tx, c.supplierEntityId),
          items: c.items,
          priceFen: c.priceFen,
          performancePeriod: c.performancePeriod,
          performancePlace: c.performancePlace,
          method: p.method,
          signedDate: shanghaiDate(now),
          publishedDate: shanghaiDate(now),
        },
      });
      update.noticeId = noticeRow.id;
    }
    const [saved] = await tx.update(contract).set(update).where(eq(contract.id, id)).returning();
    // A framework order's contract (lotId null) leaves its lot where the admission put it: the agreement runs on.
    if (both && c.lotId) {
      await settleLot(tx, audit, { ...c, lotId: c.lotId }, 'contracted');
      // GP-23: the winner's deposit is due back within 5 working days of the signing.
      await scheduleDepositRefunds(tx, audit, ctx, { lotId: c.lotId, trigger: 'contract', at: now, supplierEntityIds: [c.supplierEntityId] });
    }
    const other = side === 'supplier' ? c.purchaserEntityId : c.supplierEntityId;
    await notify(tx, now, [
      {
        to: { entityId: other, role: other === c.supplierEntityId ? 'supplier' : 'purchaser' },
        title: both
          ? bilingual(`${c.contractNumber} 合同已签订并公告`, `${c.contractNumber}: the contract is signed and published`)
          : bilingual(`${c.contractNumber} 对方已签署合同`, `${c.contractNumber}: the other party has signed`),
        body: both ? bilingual('双方已完成签署，合同已在平台公告。', 'Both parties have signed; the contract is published on the platform.') : bilingual('请核对并签署合同。', 'Please check and sign the contract.'),
        link: `/workspace/contracts/${id}`,
        subject: { type: 'contract', id },
      },
    ]);
    audit.record({ action: both ? 'contract.signed' : 'contract.sign', subjectType: 'contract', subjectId: id, regionCode: p.regionCode, projectId: p.id, before: { status: c.status }, after: { side, status: saved!.status, contentHash: c.contentHash } });
    return contractDetail(tx, saved!);
  });
}

/** The contract as a document with both seals, for its parties and supervisors. */
export async function contractDocument(ctx: Context, id: string): Promise<ContractDocument> {
  const db = ctx.platform.database.db;
  const { c } = await loadContract(db, ctx, id);
  const detail = await contractDetail(db, c);
  const signerIds = [c.purchaserSignature?.personId, c.supplierSignature?.personId].filter((x): x is string => Boolean(x));
  const names = signerIds.length ? await db.select({ id: person.id, name: person.displayName }).from(person).where(inArray(person.id, signerIds)) : [];
  const nameOf = (s: ContractSignature | null) => names.find((n) => n.id === s?.personId)?.name ?? null;
  return { ...detail, signers: { purchaser: nameOf(c.purchaserSignature), supplier: nameOf(c.supplierSignature) }, keyId: ctx.platform.signer.keyId };
}

export const refusalInput = z.object({ reason: z.string().trim().min(5).max(2000) });

/** GP-78: the winner refuses to sign; the purchaser may then award to the next candidate. */
export async function refuseContract(ctx: Context, id: string, input: z.infer<typeof refusalInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { c, p } = await loadTradedContract(tx, ctx, id);
    if (!ctx.actor!.roles.includes('supplier') || ctx.actor!.entityId !== c.supplierEntityId) throw deny('contract', id, 'refuse');
    if (c.status !== 'draft') throw conflict('NOT_REFUSABLE', bilingual('合同当前状态不能拒签', 'The contract cannot be refused in its current state'));
    await tx.update(contract).set({ status: 'refused', refusalReason: input.reason, revision: c.revision + 1 }).where(eq(contract.id, id));
    // A framework order's contract has no award behind it: the purchaser places another order.
    if (c.lotId) {
      const [a] = await tx.select().from(award).where(eq(award.lotId, c.lotId)).for('update');
      await tx.update(award).set({ status: 'winnerRefused', refusedBidIds: [...a!.refusedBidIds, c.bidId!], winnerBidId: null, revision: a!.revision + 1 }).where(eq(award.lotId, c.lotId));
      await settleLot(tx, audit, { ...c, lotId: c.lotId }, 'winnerRefused');
    }
    await notify(tx, ctx.platform.clock.now(), [
      {
        to: { entityId: c.purchaserEntityId, role: 'purchaser' },
        title: bilingual(`${c.contractNumber} 中标人拒绝签订合同`, `${c.contractNumber}: the winner refuses to sign`),
        body: bilingual(
          `理由：${input.reason}。可按评标报告顺序确定下一候选人为中标人，或重新开展采购活动（GP-78）。`,
          `Reason: ${input.reason}. You may award the next candidate in the report's order, or procure again (GP-78).`,
        ),
        link: `/workspace/projects/${p.id}`,
        subject: { type: 'contract', id: c.id },
      },
    ]);
    audit.record({ action: 'contract.refuse', subjectType: 'contract', subjectId: id, regionCode: p.regionCode, projectId: p.id, before: { status: c.status }, after: { status: 'refused', reason: input.reason, ruleId: 'GP-78' } });
    return { id, status: 'refused' as const };
  });
}

export const acceptanceInput = z.object({
  milestoneNo: z.int().min(1).max(INT4_MAX),
  result: z.enum(['pass', 'partial', 'fail']),
  payableFen: z.int().min(0).max(MAX_FEN).nullish(),
  findings: z.string().trim().max(5000),
  members: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
});

/** 履约验收: the purchaser records its verdict on one milestone against the contract's criteria; it unlocks that milestone's payment. */
export async function recordAcceptance(ctx: Context, id: string, input: z.infer<typeof acceptanceInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { c, p } = await loadContract(tx, ctx, id, true);
    if (!ctx.actor!.roles.includes('purchaser') || ctx.actor!.entityId !== c.purchaserEntityId) throw deny('contract', id, 'accept');
    if (c.status !== 'signed') throw conflict('NOT_IN_PERFORMANCE', bilingual('合同签订后方可验收', 'Acceptance needs a signed contract'));
    // QC-05: a signed contract's performance is suspended as its signing would be.
    if (c.projectId) await refuseWhileHeld(tx, c.projectId, shanghaiDate(ctx.platform.clock.now()), 'contract');
    const milestone = c.milestones.find((m) => m.no === input.milestoneNo);
    if (!milestone) throw notFound(bilingual('履约节点', 'Milestone'));
    const previous = await tx.select().from(acceptance).where(and(eq(acceptance.contractId, id), eq(acceptance.milestoneNo, input.milestoneNo)));
    const problems = acceptanceProblems(milestone, input, previous);
    if (problems.length) throw new DomainError('ACCEPTANCE', problems[0]!.messages, 422, { field: problems[0]!.field });
    const payableFen = payableFor(milestone, input);
    const now = ctx.platform.clock.now();
    const acceptanceId = randomUUID();
    // 履约验收结果公告 (DS-03), published with the verdict when the disclosure catalogue in force lists it.
    const noticeRow = (await catalogueLists(tx, 'acceptance', now))
      ? await insertNotice(tx, ctx, audit, {
          noticeType: 'acceptance',
          projectId: p?.id ?? null,
          planId: p?.planId ?? null,
          regionCode: c.regionCode,
          fields: {
            acceptanceId,
            contractNumber: c.contractNumber,
            contractTitle: c.title,
            projectNumber: p?.projectNumber ?? null,
            projectTitle: p?.title ?? null,
            purchaser: await partyOf(tx, c.purchaserEntityId),
            supplier: await partyOf(tx, c.supplierEntityId),
            items: c.items.map((i) => ({ name: i.name, brand: i.brand, model: i.model, quantity: i.quantity, unitPriceFen: i.unitPriceFen })),
            priceFen: c.priceFen,
            performancePeriod: c.performancePeriod,
            performancePlace: c.performancePlace,
            method: p?.method ?? null,
            milestone: { no: milestone.no, name: milestone.name, acceptanceCriteria: milestone.acceptanceCriteria },
            acceptanceDate: shanghaiDate(now),
            members: input.members,
            result: input.result,
            findings: input.findings,
          },
        })
      : null;
    await tx.insert(acceptance).values({
      id: acceptanceId,
      contractId: id,
      milestoneNo: input.milestoneNo,
      result: input.result,
      payableFen,
      findings: input.findings,
      acceptedBy: ctx.actor!.personId,
      members: input.members,
      recordedAt: now,
      noticeId: noticeRow?.id ?? null,
    });
    audit.record({ action: `acceptance.${input.result}`, subjectType: 'contract', subjectId: id, regionCode: c.regionCode, projectId: c.projectId, after: { milestoneNo: input.milestoneNo, result: input.result, payableFen, findings: input.findings } });
    const all = await tx.select().from(acceptance).where(eq(acceptance.contractId, id));
    const passed = c.milestones.every((m) => all.some((a) => a.milestoneNo === m.no && a.result === 'pass'));
    if (passed) {
      await tx.update(contract).set({ status: 'completed', revision: c.revision + 1 }).where(eq(contract.id, id));
      audit.record({ action: 'contract.completed', subjectType: 'contract', subjectId: id, regionCode: c.regionCode, projectId: c.projectId, before: { status: 'signed' }, after: { status: 'completed' } });
      if (c.lotId) await settleLot(tx, audit, { ...c, lotId: c.lotId }, 'completed');
      // Its new assets go to the asset-management system: queued with the completion, so neither happens without the other.
      await scheduleAssetPush(tx, now, c);
    }
    await notify(tx, now, [
      {
        to: supplierDesk(c.supplierEntityId),
        title: bilingual(
          `${c.contractNumber} 第${input.milestoneNo}期验收${{ pass: '合格', partial: '部分合格', fail: '不合格' }[input.result]}`,
          `${c.contractNumber}: milestone ${input.milestoneNo} acceptance ${{ pass: 'passed', partial: 'partly passed', fail: 'failed' }[input.result]}`,
        ),
        body: bilingual(input.findings || '—', input.findings || '—'),
        link: `/workspace/contracts/${id}`,
        subject: { type: 'contract', id },
      },
    ]);
    return contractDetail(tx, (await tx.select().from(contract).where(eq(contract.id, id)))[0]!);
  });
}

export const performanceReviewInput = z.object({
  ratings: z.partialRecord(z.enum(['quality', 'delivery', 'service', 'cooperation', 'payment']), z.int().min(1).max(5)),
  comment: z.string().trim().max(2000).nullish(),
});

/** 履约评价: after acceptance the purchaser rates the supplier (credit) and the supplier gives its feedback. */
export async function reviewPerformance(ctx: Context, id: string, input: z.infer<typeof performanceReviewInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { c } = await loadContract(tx, ctx, id);
    const actor = ctx.actor!;
    const direction = actor.roles.includes('purchaser') && actor.entityId === c.purchaserEntityId ? 'purchaserRatesSupplier' : actor.roles.includes('supplier') && actor.entityId === c.supplierEntityId ? 'supplierFeedback' : null;
    if (!direction) throw deny('contract', id, 'review');
    const accepted = await tx.select().from(acceptance).where(eq(acceptance.contractId, id));
    if (accepted.length === 0) throw conflict('NOT_ACCEPTED', bilingual('验收后方可评价', 'Reviews come after acceptance'));
    if (Object.keys(input.ratings).length === 0) throw new DomainError('RATINGS_REQUIRED', bilingual('请至少评价一项', 'Rate at least one aspect'), 422, { field: 'ratings' });
    const inserted = await tx
      .insert(performanceReview)
      .values({ contractId: id, fromEntityId: actor.entityId, direction, ratings: input.ratings, comment: input.comment ?? null, recordedAt: ctx.platform.clock.now(), recordedBy: actor.personId })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw conflict('ALREADY_REVIEWED', bilingual('已评价，不能重复提交', 'Already reviewed'));
    audit.record({ action: `performance.${direction}`, subjectType: 'contract', subjectId: id, regionCode: c.regionCode, projectId: c.projectId, after: input });
    return contractDetail(tx, c);
  });
}

export function contractView(c: ContractRow) {
  return {
    id: c.id,
    contractNumber: c.contractNumber,
    projectId: c.projectId,
    lotId: c.lotId,
    bidId: c.bidId,
    purchaserEntityId: c.purchaserEntityId,
    supplierEntityId: c.supplierEntityId,
    title: c.title,
    priceFen: c.priceFen,
    items: c.items,
    milestones: c.milestones,
    performancePeriod: c.performancePeriod,
    performancePlace: c.performancePlace,
    paymentTermDays: c.paymentTermDays,
    terms: c.terms,
    status: c.status,
    contentHash: c.contentHash,
    supplierSignature: c.supplierSignature,
    purchaserSignature: c.purchaserSignature,
    refusalReason: c.refusalReason,
    draftedAt: c.draftedAt.toISOString(),
    signedAt: c.signedAt?.toISOString() ?? null,
    noticeId: c.noticeId,
    sourceEntityId: c.sourceEntityId,
    revision: c.revision,
  };
}

async function contractDetail(db: Db, c: ContractRow) {
  const names = await entitySummaries(db, [c.purchaserEntityId, c.supplierEntityId, ...(c.sourceEntityId ? [c.sourceEntityId] : [])]);
  const acceptances = await db.select().from(acceptance).where(eq(acceptance.contractId, c.id)).orderBy(asc(acceptance.recordedAt));
  const reviews = await db.select().from(performanceReview).where(eq(performanceReview.contractId, c.id));
  return {
    ...contractView(c),
    purchaserName: names.get(c.purchaserEntityId)?.name ?? '',
    /** The sub-platform that traded and registered it, if it was not traded here. */
    sourceName: c.sourceEntityId ? (names.get(c.sourceEntityId)?.name ?? '') : null,
    supplierName: names.get(c.supplierEntityId)?.name ?? '',
    // The e-invoice names both parties by these (payment applications check them).
    purchaserCreditCode: names.get(c.purchaserEntityId)?.creditCode ?? '',
    supplierCreditCode: names.get(c.supplierEntityId)?.creditCode ?? '',
    acceptances: acceptances.map((a) => ({ id: a.id, milestoneNo: a.milestoneNo, result: a.result, payableFen: a.payableFen, findings: a.findings, members: a.members, recordedAt: a.recordedAt.toISOString() })),
    /** What the payment module may pay per milestone: the latest verdict's payable amount. */
    payable: c.milestones.map((m) => ({ milestoneNo: m.no, amountFen: m.amountFen, payableFen: acceptances.filter((a) => a.milestoneNo === m.no).at(-1)?.payableFen ?? 0 })),
    reviews: reviews.map((r) => ({ direction: r.direction, ratings: r.ratings, comment: r.comment, recordedAt: r.recordedAt.toISOString() })),
  };
}

/** Contracts of a project (its parties and supervisors), or a supplier's own. */
export async function listContracts(ctx: Context, projectId: string | null) {
  const db = ctx.platform.database.db;
  if (projectId) {
    const p = await findProjectRow(db, projectId);
    if (!p) throw notFound(bilingual('采购项目', 'Project'));
    const rows = await db.select().from(contract).where(eq(contract.projectId, projectId)).orderBy(asc(contract.draftedAt));
    const visible = managesProject(ctx.actor, p) || supervisesProject(ctx.actor, p) ? rows : rows.filter((r) => r.supplierEntityId === ctx.actor?.entityId);
    return visible.map(contractView);
  }
  const rows = await db
    .select()
    .from(contract)
    .where(or(eq(contract.supplierEntityId, ctx.actor!.entityId), eq(contract.purchaserEntityId, ctx.actor!.entityId)))
    .orderBy(asc(contract.draftedAt));
  return rows.map(contractView);
}

/** The contract's lot moves on, and its project follows its lots (project.states.ts). */
async function settleLot(tx: Db, audit: AuditRecorder, c: ContractRow & { lotId: string }, transition: 'contracted' | 'winnerRefused' | 'completed') {
  const [l] = await tx.select().from(lot).where(eq(lot.id, c.lotId));
  await moveLot(tx, audit, c.regionCode, l!, transition);
  await followLots(tx, audit, l!.projectId);
}
