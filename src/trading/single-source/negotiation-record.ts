import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames, personNames } from '../../identity';
import { canonicalJson } from '../../platform/audit/audit-chain';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { award } from '../award/award.schema';
import { committeeOf, openLotOf, reportFromNegotiationRecord, seatOf } from '../evaluation/evaluation';
import type { EvaluationResult } from '../evaluation/evaluation.rules';
import { findProjectRow, lotsOf, type LotRow, type ProjectRow } from '../project/project';
import { managesProject, supervisesProject } from '../project/project.access';
import { publicity, publicityObjection } from '../publicity/publicity.schema';
import { bid } from '../trading.schema';
import { negotiationRecord, negotiationSignature } from './negotiation-record.schema';
import { recordCompletion, recordProblems, signatureProblem, signatureStanding, type PublicityAccount, type RecordDraft } from './negotiation-record.rules';

/**
 * 单一来源 协商情况记录 (SS-05, SS-07): after the supplier's response is opened, the single-source
 * negotiators (the method's panel) agree the price and terms with it and record them; every
 * negotiator signs, dissents with reasons, or refuses (without reasons: deemed to agree). When all
 * have answered, the record is the lot's evaluation result and the award step goes on from it.
 * Read by the negotiators, those running and supervising the project; the supplier reads the agreed
 * terms once it is awarded.
 */

type RecordRow = typeof negotiationRecord.$inferSelect;

const text = (max: number) => z.string().trim().max(max);

export const negotiationRecordInput = z
  .object({
    negotiatedOn: z.iso.date().describe('(二) 协商日期 (Shanghai)'),
    place: text(500).describe('(二) 协商地点'),
    supplierCost: text(4000).describe('(三) 供应商成本情况'),
    comparablePrices: text(4000).describe('(三) 同类项目合同价格'),
    patentDetails: text(4000).describe('(三) 相关专利、专有技术等情况'),
    contractTerms: text(8000).describe('(四) 合同主要条款'),
    agreedPriceFen: z.int().min(0).max(MAX_FEN).describe('(四) 商定的成交价格, in fen; at most the lot budget (SS-07)'),
  })
  .meta({ id: 'NegotiationRecordInput' });

export const negotiationSignatureInput = z
  .object({
    decision: z.enum(['agree', 'dissent', 'refuse']).describe('agree: sign; dissent: sign the dissent with reasons; refuse: refuse to sign (without reasons deemed to agree, SS-05)'),
    reasons: z.string().trim().max(4000).nullish(),
  })
  .meta({ id: 'NegotiationSignatureInput' });

const notSingleSource = () => conflict('NOT_SINGLE_SOURCE', bilingual('仅单一来源采购项目编写协商情况记录', 'Only a single-source project has a negotiation record'));

/** (一) The publicity and its objections' reviews as they stand; null when the project had no publicity. */
async function publicityAccountOf(db: Db, projectId: string): Promise<PublicityAccount | null> {
  const [pub] = await db.select().from(publicity).where(and(eq(publicity.projectId, projectId), eq(publicity.kind, 'singleSource')));
  if (!pub) return null;
  const objections = await db.select().from(publicityObjection).where(eq(publicityObjection.publicityId, pub.id)).orderBy(asc(publicityObjection.filedAt));
  return { startsAt: pub.startsAt.toISOString(), endsOn: pub.endsOn, objections: objections.map((o) => ({ text: o.text, status: o.status, review: o.review })) };
}

/** The one supplier's opened response on the lot (SS-06). */
async function openedResponse(db: Db, p: ProjectRow, lotId: string) {
  const [b] = await db.select().from(bid).where(and(eq(bid.lotId, lotId), eq(bid.status, 'decrypted'), eq(bid.supplierEntityId, p.singleSourceSupplierEntityId!)));
  return b ?? null;
}

const hashOf = (draft: RecordDraft, account: PublicityAccount | null, negotiators: string[]) => createHash('sha256').update(canonicalJson({ ...draft, publicityAccount: account, negotiators: [...negotiators].sort() })).digest('hex');

/** SS-05: any negotiator drafts (or redrafts, while nobody has signed) the record of the lot whose response is opened. */
export async function saveNegotiationRecord(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof negotiationRecordInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'draft_negotiation_record');
    const p = seat.project;
    if (p.method !== 'singleSource') throw notSingleSource();
    const l = await openLotOf(tx, projectId, lotId);
    const response = await openedResponse(tx, p, lotId);
    if (!response) throw conflict('NO_OPENED_RESPONSE', bilingual('供应商的响应文件尚未开启，不能记录协商情况', 'The supplier’s response has not been opened'));
    const [existing] = await tx.select().from(negotiationRecord).where(eq(negotiationRecord.lotId, lotId)).for('update');
    const signed = await tx.select().from(negotiationSignature).where(eq(negotiationSignature.lotId, lotId));
    if (existing?.status === 'signed' || signed.length)
      throw conflict('RECORD_BEING_SIGNED', bilingual('协商情况记录已有人签署，不能再修改', 'Someone has signed the record; it can no longer be changed'));
    const now = ctx.platform.clock.now();
    const account = await publicityAccountOf(tx, projectId);
    const draft: RecordDraft = { ...input };
    const problems = recordProblems(draft, { budgetFen: l.budgetFen, today: shanghaiDate(now), negotiators: seat.memberIds, publicity: account });
    const over = problems.find((x) => x.terminate);
    // SS-07: above the budget the procurement ends; the platform has no termination step yet, so it is refused here with the rule.
    if (over) throw new DomainError('PRICE_OVER_BUDGET', over.messages, 422, { field: 'agreedPriceFen', budgetFen: l.budgetFen, terminate: true }, over.ruleId);
    const [first] = problems;
    if (first) throw new DomainError('RECORD_INCOMPLETE', first.messages, 422, { field: first.field, problems: problems.map((x) => ({ field: x.field, ruleId: x.ruleId, messages: x.messages })) }, first.ruleId);
    const values = { ...draft, publicityAccount: account, contentHash: hashOf(draft, account, seat.memberIds), draftedBy: ctx.actor!.personId, draftedAt: now };
    if (existing) await tx.update(negotiationRecord).set({ ...values, revision: existing.revision + 1 }).where(eq(negotiationRecord.lotId, lotId));
    else await tx.insert(negotiationRecord).values({ lotId, projectId, status: 'draft', ...values });
    audit.record({ action: 'negotiation.save_record', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId: p.id, before: existing ? { agreedPriceFen: existing.agreedPriceFen, contentHash: existing.contentHash } : null, after: { ...draft, contentHash: values.contentHash, ruleId: 'SS-05' } });
    return lotRecordView(tx, ctx, p, l, 'negotiator');
  });
}

/**
 * SS-05: a negotiator signs the record, signs a dissent with reasons, or refuses to sign (without
 * reasons he is deemed to agree). The last answer makes the record the lot's evaluation result.
 */
export async function signNegotiationRecord(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof negotiationSignatureInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const seat = await seatOf(tx, ctx, projectId, 'sign_negotiation_record');
    const p = seat.project;
    if (p.method !== 'singleSource') throw notSingleSource();
    const l = await openLotOf(tx, projectId, lotId);
    const [r] = await tx.select().from(negotiationRecord).where(eq(negotiationRecord.lotId, lotId)).for('update');
    if (!r) throw conflict('NO_RECORD', bilingual('协商情况记录尚未编写', 'The negotiation record has not been written yet'));
    if (r.status === 'signed') throw conflict('RECORD_SIGNED', bilingual('协商情况记录已签署完毕', 'The record is already signed by everyone'));
    const reasons = input.reasons?.trim() || null;
    const problem = signatureProblem({ decision: input.decision, reasons });
    if (problem) throw new DomainError('DISSENT_REASONS_REQUIRED', problem.messages, 422, { field: 'reasons' }, problem.ruleId);
    const me = ctx.actor!.personId;
    const [already] = await tx.select().from(negotiationSignature).where(and(eq(negotiationSignature.lotId, lotId), eq(negotiationSignature.personId, me)));
    if (already) throw conflict('ALREADY_SIGNED', bilingual('您已签署协商情况记录', 'You have already answered the record'));
    const now = ctx.platform.clock.now();
    const signature = ctx.platform.signer.sign({ lotId, contentHash: r.contentHash, personId: me, decision: input.decision, reasons, signedAt: now.toISOString() });
    await tx.insert(negotiationSignature).values({ lotId, personId: me, decision: input.decision, reasons, contentHash: r.contentHash, signedAt: now, signature });
    const standing = signatureStanding({ decision: input.decision, reasons });
    audit.record({ action: 'negotiation.sign_record', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId: p.id, after: { decision: input.decision, standing, reasons, contentHash: r.contentHash, ruleId: 'SS-05' } });
    const signatures = await tx.select().from(negotiationSignature).where(eq(negotiationSignature.lotId, lotId));
    if (recordCompletion(seat.memberIds, signatures).complete) await completeRecord(tx, ctx, audit, p, l, r, signatures);
    return lotRecordView(tx, ctx, p, (await lotsOf(tx, projectId)).find((x) => x.id === lotId)!, 'negotiator');
  });
}

/** Every negotiator answered: the record is signed and becomes the lot's report, the one supplier recommended at the agreed price. */
async function completeRecord(tx: Db, ctx: Context, audit: AuditRecorder, p: ProjectRow, l: LotRow, r: RecordRow, signatures: (typeof negotiationSignature.$inferSelect)[]) {
  const now = ctx.platform.clock.now();
  const response = (await openedResponse(tx, p, l.id))!;
  const supplierName = (await entityNames(tx, [response.supplierEntityId])).get(response.supplierEntityId) ?? '';
  const result: EvaluationResult = {
    method: 'lowestPrice',
    bids: [
      {
        bidId: response.id,
        supplierEntityId: response.supplierEntityId,
        supplierName,
        priceFen: r.agreedPriceFen,
        sme: 'none',
        valid: true,
        invalidReasons: [],
        evaluatedPriceFen: r.agreedPriceFen,
        criterionPoints: {},
        priceScore: null,
        total: null,
        rank: 1,
        recommended: true,
      },
    ],
    candidates: [response.id],
    failed: null,
    tieBreak: [],
    sameBrand: [],
  };
  await tx.update(negotiationRecord).set({ status: 'signed', signedAt: now, revision: r.revision + 1 }).where(eq(negotiationRecord.lotId, l.id));
  audit.record({
    action: 'negotiation.record_signed',
    subjectType: 'lot',
    subjectId: l.id,
    regionCode: p.regionCode,
    projectId: p.id,
    before: { status: 'draft' },
    after: { status: 'signed', agreedPriceFen: r.agreedPriceFen, bidId: response.id, dissents: signatures.filter((s) => signatureStanding(s) === 'dissents').length, deemedToAgree: signatures.filter((s) => signatureStanding(s) === 'deemedToAgree').length, ruleId: 'SS-05' },
  });
  await reportFromNegotiationRecord(
    tx,
    ctx,
    audit,
    p.id,
    l.id,
    result,
    signatures.map((s) => ({ personId: s.personId, agreed: signatureStanding(s) !== 'dissents', dissent: signatureStanding(s) === 'dissents' ? s.reasons : null, signedAt: s.signedAt, signature: s.signature })),
  );
}

type Reader = 'negotiator' | 'overseer' | 'supplier';

async function lotRecordView(db: Db, ctx: Context, p: ProjectRow, l: LotRow, reader: Reader) {
  const [r] = await db.select().from(negotiationRecord).where(eq(negotiationRecord.lotId, l.id));
  const seat = await committeeOf(db, p.id);
  // Sealed until the evaluation starts: before it nobody (those running the project included) learns who negotiates.
  const unsealed = seat !== null && !['sampling', 'formed'].includes(seat.committee.status) && ctx.platform.clock.now() >= seat.committee.evaluationStartsAt;
  const negotiatorIds = unsealed ? seat.memberIds : [];
  const signatures = await db.select().from(negotiationSignature).where(eq(negotiationSignature.lotId, l.id)).orderBy(asc(negotiationSignature.signedAt));
  const names = await personNames(db, [...negotiatorIds, ...signatures.map((s) => s.personId)]);
  const supplierId = p.singleSourceSupplierEntityId!;
  const supplierName = (await entityNames(db, [supplierId])).get(supplierId) ?? '';
  const me = ctx.actor?.personId ?? '';
  const responseOpened = Boolean(await openedResponse(db, p, l.id));
  if (reader === 'supplier')
    return {
      lotId: l.id,
      lotNo: l.lotNo,
      title: l.title,
      budgetFen: l.budgetFen,
      supplierName,
      status: 'signed' as const,
      publicityAccount: null,
      record: r ? { negotiatedOn: r.negotiatedOn, place: r.place, supplierCost: null, comparablePrices: null, patentDetails: null, contractTerms: r.contractTerms, agreedPriceFen: r.agreedPriceFen, contentHash: r.contentHash, signedAt: r.signedAt?.toISOString() ?? null } : null,
      negotiators: [],
      signatures: [],
      missing: [],
      mayDraft: false,
      maySign: false,
    };
  const draftable = reader === 'negotiator' && p.status === 'evaluating' && l.status === 'opened' && responseOpened;
  return {
    lotId: l.id,
    lotNo: l.lotNo,
    title: l.title,
    budgetFen: l.budgetFen,
    supplierName,
    status: r?.status ?? ('none' as const),
    publicityAccount: r?.publicityAccount ?? (await publicityAccountOf(db, p.id)),
    record: r
      ? { negotiatedOn: r.negotiatedOn, place: r.place, supplierCost: r.supplierCost, comparablePrices: r.comparablePrices, patentDetails: r.patentDetails, contractTerms: r.contractTerms, agreedPriceFen: r.agreedPriceFen, contentHash: r.contentHash, signedAt: r.signedAt?.toISOString() ?? null }
      : null,
    negotiators: negotiatorIds.map((personId) => ({ personId, displayName: names.get(personId) ?? '' })),
    signatures: signatures.map((s) => ({ personId: s.personId, displayName: names.get(s.personId) ?? '', decision: s.decision, reasons: s.reasons, standing: signatureStanding(s), signedAt: s.signedAt.toISOString() })),
    missing: recordCompletion(negotiatorIds, signatures).missing.map((id) => names.get(id) ?? ''),
    mayDraft: draftable && r?.status !== 'signed' && signatures.length === 0,
    maySign: draftable && r?.status === 'draft' && !signatures.some((s) => s.personId === me),
  };
}

/**
 * The project's negotiation records: to its negotiators, those running it and those supervising it,
 * each lot from its opening; to the one supplier, the agreed terms of the lots awarded to it.
 * Anyone else: the project's record does not exist.
 */
export async function negotiationRecords(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  const actor = ctx.actor;
  if (!p || !actor) throw hiddenRow('project', projectId, bilingual('协商情况记录', 'Negotiation record'));
  const seat = await committeeOf(db, projectId);
  const reader: Reader | null = seat?.memberIds.includes(actor.personId)
    ? 'negotiator'
    : managesProject(actor, p) || supervisesProject(actor, p)
      ? 'overseer'
      : actor.roles.includes('supplier') && p.singleSourceSupplierEntityId === actor.entityId
        ? 'supplier'
        : null;
  if (!reader) throw hiddenRow('project', projectId, bilingual('协商情况记录', 'Negotiation record'));
  if (p.method !== 'singleSource') throw notSingleSource();
  const lots = await lotsOf(db, projectId);
  const awarded = reader === 'supplier' ? await db.select().from(award).where(and(eq(award.projectId, projectId), eq(award.status, 'awarded'))) : [];
  const shown = lots.filter((l) => (reader === 'supplier' ? awarded.some((a) => a.lotId === l.id) : l.status !== 'open' && l.status !== 'decrypting'));
  return { projectId, reader, lots: await Promise.all(shown.map((l) => lotRecordView(db, ctx, p, l, reader))) };
}
