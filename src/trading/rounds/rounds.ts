import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames, personNames } from '../../identity';
import { canonicalJson } from '../../platform/audit/audit-chain';
import type { Context } from '../../platform/context';
import type { Sealer } from '../../platform/crypto/sealer';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { notify, type Message } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { committee, committeeMember } from '../../services/experts/experts.schema';
import { memberInboxes } from '../../services/experts/sampling';
import { REQUIREMENT_CHANGE_KINDS, type RoundsRule } from '../methods/method';
import { methodRules } from '../methods/methods';
import { findProjectRow, lotsOf, type LotRow, type ProjectRow } from '../project/project';
import { managesProject, projectManagers, supervisesProject, supplierDesk } from '../project/project.access';
import { bid, lot } from '../trading.schema';
import { finalOffer, finalOfferCall, requirementChange, requirementChangeReceipt } from './rounds.schema';
import { finalOfferCallRefusal, finalOfferRefusal, finalOffersOpen, type Refusal } from './rounds.rules';

/**
 * 磋商/谈判 rounds (CS-04..06, NG-03..05). After the first responses are opened the panel deals with
 * each supplier separately. A change to the requirements is proposed by the chair, confirmed by the
 * purchaser's representative and, in that same transaction, sent in writing to every supplier taking
 * part (those whose responses were opened). Then the chair calls for final offers by a time; each
 * supplier gives one online, readable by nobody else, not even counted, until that time. The
 * evaluation then reads the final offers (evaluation.ts) and a supplier that gave none drops out.
 */
const refuse = (r: Refusal, status = 409) => new DomainError(r.code, r.messages, status, {}, r.ruleId);

function roundsOf(p: ProjectRow): RoundsRule {
  const rounds = methodRules(p.method, p.category).rounds;
  if (!rounds) throw conflict('NO_ROUNDS', bilingual('该采购方式不进行磋商或谈判', 'This procurement method has no consultation or negotiation rounds'));
  return rounds;
}

/** Who the caller is on the project, as far as rounds go. */
async function standing(db: Db, ctx: Context, p: ProjectRow) {
  const actor = ctx.actor;
  const [c] = await db.select().from(committee).where(eq(committee.projectId, p.id));
  const now = ctx.platform.clock.now();
  // The panel acts during its evaluation period only, as its evaluation sheet does.
  const sitting = c && now >= c.evaluationStartsAt && now < c.evaluationEndsAt && c.status !== 'sampling' && c.status !== 'formed';
  const [member] =
    actor && sitting ? await db.select().from(committeeMember).where(and(eq(committeeMember.projectId, p.id), eq(committeeMember.personId, actor.personId), eq(committeeMember.status, 'confirmed'))) : [];
  const supplierBids =
    actor?.roles.includes('supplier') && actor.entityId
      ? await db.select({ id: bid.id, lotId: bid.lotId }).from(bid).where(and(eq(bid.projectId, p.id), eq(bid.supplierEntityId, actor.entityId), eq(bid.status, 'decrypted')))
      : [];
  return {
    committee: c ?? null,
    member: member ?? null,
    isChair: Boolean(member?.isChair),
    /** CS-05/NG-04: the purchaser's representative confirms a change: one on the panel, or the purchaser's own staff. */
    confirms: member?.kind === 'purchaserRepresentative' || Boolean(actor?.roles.includes('purchaser') && actor.entityId === p.purchaserEntityId),
    manages: managesProject(actor, p),
    supervises: supervisesProject(actor, p),
    supplierBids,
  };
}
type Standing = Awaited<ReturnType<typeof standing>>;

async function projectOf(db: Db, projectId: string) {
  const p = await findProjectRow(db, projectId);
  if (!p) throw notFound(bilingual('项目', 'Project'));
  return p;
}

async function lotUnderEvaluation(db: Db, p: ProjectRow, lotId: string): Promise<LotRow> {
  const [l] = await db.select().from(lot).where(and(eq(lot.id, lotId), eq(lot.projectId, p.id)));
  if (!l) throw notFound(bilingual('标项', 'Lot'));
  if (l.status !== 'opened') throw conflict('LOT_NOT_UNDER_EVALUATION', bilingual('该标项不在评审中', 'This lot is not under evaluation'));
  return l;
}

/** Only the panel's chair proposes changes and calls for final offers; to anyone else the evaluation is not there. */
function chairOnly(s: Standing, p: ProjectRow) {
  if (!s.isChair) throw hiddenRow('evaluation', p.id, bilingual('评审项目', 'Evaluation'));
}

/** The suppliers taking part in a lot's consultation: those whose responses were opened. */
async function takingPart(db: Db, lotId: string) {
  return db.select({ bidId: bid.id, supplierEntityId: bid.supplierEntityId }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.status, 'decrypted'))).orderBy(asc(bid.receivedAt));
}

export const changeInput = z
  .object({
    kind: z.enum(REQUIREMENT_CHANGE_KINDS).describe('CS-05/NG-04: what may change — the technical or service requirements, or the draft contract terms'),
    text: z.string().trim().min(4).max(10_000).describe('The change as the suppliers will read it'),
  })
  .meta({ id: 'RequirementChangeInput' });

/** The chair proposes a change; nothing is sent until the purchaser's representative confirms it. */
export async function proposeChange(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof changeInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await projectOf(tx, projectId);
    const s = await standing(tx, ctx, p);
    chairOnly(s, p);
    const rounds = roundsOf(p);
    const l = await lotUnderEvaluation(tx, p, lotId);
    await tx.select({ id: lot.id }).from(lot).where(eq(lot.id, lotId)).for('update'); // changeNo in order, and no change after the call
    const [call] = await tx.select().from(finalOfferCall).where(eq(finalOfferCall.lotId, lotId));
    if (call) throw conflict('FINAL_OFFERS_ALREADY_CALLED', bilingual('已要求提交最后报价，不能再变动采购需求', 'Final offers have been called for; the requirements can no longer change'));
    const existing = await tx.select({ changeNo: requirementChange.changeNo }).from(requirementChange).where(eq(requirementChange.lotId, lotId));
    const now = ctx.platform.clock.now();
    const row = { id: randomUUID(), projectId, lotId: l.id, changeNo: existing.length + 1, kind: input.kind, text: input.text, proposedBy: ctx.actor!.personId, proposedAt: now };
    await tx.insert(requirementChange).values(row);
    await notify(tx, now, projectManagers(p).map((to) => ({
      to,
      title: bilingual(`${p.projectNumber} 实质性变动待采购人代表确认`, `${p.projectNumber}: a change to the requirements awaits the purchaser’s confirmation`),
      body: bilingual(`标项${l.lotNo}：${input.text}`, `Lot ${l.lotNo}: ${input.text}`),
      link: `/workspace/projects/${projectId}`,
      subject: { type: 'lot', id: lotId },
    })));
    audit.record({ action: 'rounds.propose_change', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId, after: { changeNo: row.changeNo, kind: input.kind, text: input.text, ruleId: rounds.changeRuleId } });
    return { id: row.id, changeNo: row.changeNo };
  });
}

/**
 * The purchaser's representative confirms a change (CS-05, NG-04): it binds, and every supplier
 * taking part is told in writing at the same moment (one transaction: nobody hears before another).
 */
export async function confirmChange(ctx: Context, changeId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [change] = await tx.select().from(requirementChange).where(eq(requirementChange.id, changeId)).for('update');
    if (!change) throw notFound(bilingual('实质性变动', 'Change'));
    const p = await projectOf(tx, change.projectId);
    const s = await standing(tx, ctx, p);
    if (!s.confirms) throw hiddenRow('lot', change.lotId, bilingual('实质性变动', 'Change'));
    const rounds = roundsOf(p);
    if (change.confirmedAt) throw conflict('CHANGE_ALREADY_CONFIRMED', bilingual('该变动已确认并通知供应商', 'This change was already confirmed and sent'));
    const l = await lotUnderEvaluation(tx, p, change.lotId);
    const now = ctx.platform.clock.now();
    await tx.update(requirementChange).set({ confirmedBy: ctx.actor!.personId, confirmedAt: now }).where(eq(requirementChange.id, changeId));
    const suppliers = await takingPart(tx, l.id);
    const letter = (to: Message['to']): Message => ({
      to,
      title: bilingual(`${p.projectNumber} 采购需求实质性变动通知（第${change.changeNo}次）`, `${p.projectNumber}: change no. ${change.changeNo} to the requirements`),
      body: bilingual(`“${p.title}”标项${l.lotNo}的${KIND_ZH[change.kind]}变动如下：${change.text}。请在项目页签收，并按变动后的要求参加后续磋商（谈判）和最后报价。`, `Lot ${l.lotNo} of “${p.title}”: ${change.text}. Please acknowledge it on the project page and respond to the changed requirements.`),
      link: `/workspace/projects/${p.id}`,
      subject: { type: 'lot', id: l.id },
    });
    await notify(tx, now, [...suppliers.map((x) => letter(supplierDesk(x.supplierEntityId))), ...(await memberInboxes(tx, p.id)).map(letter)]);
    audit.record({ action: 'rounds.confirm_change', subjectType: 'lot', subjectId: l.id, regionCode: p.regionCode, projectId: p.id, after: { changeNo: change.changeNo, sentTo: suppliers.map((x) => x.supplierEntityId), ruleId: rounds.changeRuleId } });
    return { id: changeId, confirmedAt: now.toISOString(), sentTo: suppliers.length };
  });
}

/** A supplier taking part acknowledges that it received a change in writing (签收). */
export async function acknowledgeChange(ctx: Context, changeId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const [change] = await tx.select().from(requirementChange).where(eq(requirementChange.id, changeId));
    const entityId = ctx.actor!.entityId;
    const part = change?.confirmedAt ? (await takingPart(tx, change.lotId)).some((x) => x.supplierEntityId === entityId) : false;
    if (!change || !part) throw hiddenRow('lot', change?.lotId ?? changeId, bilingual('实质性变动', 'Change'));
    const now = ctx.platform.clock.now();
    const inserted = await tx.insert(requirementChangeReceipt).values({ changeId, supplierEntityId: entityId, personId: ctx.actor!.personId, receivedAt: now }).onConflictDoNothing().returning();
    if (inserted.length) audit.record({ action: 'rounds.acknowledge_change', subjectType: 'lot', subjectId: change.lotId, projectId: change.projectId, after: { changeNo: change.changeNo } });
    return { id: changeId, receivedAt: (inserted[0]?.receivedAt ?? now).toISOString() };
  });
}

export const finalOfferCallInput = z.object({ deadline: z.iso.datetime({ offset: true }).describe('When the final offers must be in') }).meta({ id: 'FinalOfferCallInput' });

/** The chair calls every supplier taking part for its final offer by a time (CS-06, NG-05). */
export async function callFinalOffers(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof finalOfferCallInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await projectOf(tx, projectId);
    const s = await standing(tx, ctx, p);
    chairOnly(s, p);
    const rounds = roundsOf(p);
    const l = await lotUnderEvaluation(tx, p, lotId);
    await tx.select({ id: lot.id }).from(lot).where(eq(lot.id, lotId)).for('update');
    const [existing] = await tx.select().from(finalOfferCall).where(eq(finalOfferCall.lotId, lotId));
    const unconfirmed = await tx.select({ id: requirementChange.id }).from(requirementChange).where(and(eq(requirementChange.lotId, lotId), isNull(requirementChange.confirmedAt)));
    const now = ctx.platform.clock.now();
    const deadline = new Date(input.deadline);
    const refusal = finalOfferCallRefusal({ now, deadline, evaluationEndsAt: s.committee!.evaluationEndsAt, unconfirmedChanges: unconfirmed.length, alreadyCalled: Boolean(existing) }, rounds);
    if (refusal) throw refuse(refusal, refusal.code === 'DEADLINE_PASSED' || refusal.code === 'DEADLINE_AFTER_EVALUATION' ? 422 : 409);
    await tx.insert(finalOfferCall).values({ lotId, projectId, deadline, calledBy: ctx.actor!.personId, calledAt: now });
    const suppliers = await takingPart(tx, lotId);
    const when = deadline.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    await notify(tx, now, suppliers.map((x) => ({
      to: supplierDesk(x.supplierEntityId),
      title: bilingual(`${p.projectNumber} 请提交最后报价`, `${p.projectNumber}: please give your final offer`),
      body: bilingual(`请于${when}前在项目页提交“${p.title}”标项${l.lotNo}的最后报价；逾期未提交的，视为退出（${rounds.finalOffersRuleId}）。`, `Give your final offer on lot ${l.lotNo} of “${p.title}” on the project page by ${deadline.toISOString()}; without one you drop out (${rounds.finalOffersRuleId}).`),
      link: `/workspace/projects/${projectId}`,
      subject: { type: 'lot', id: lotId },
    })));
    audit.record({ action: 'rounds.call_final_offers', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId, after: { deadline: deadline.toISOString(), ruleId: rounds.finalOffersRuleId } });
    return { lotId, deadline: deadline.toISOString() };
  });
}

export const finalOfferInput = z
  .object({
    amountFen: z.int().positive().max(MAX_FEN).describe('The final offer, in fen'),
    statement: z.string().trim().max(4000).nullish().describe('What the offer covers, if the panel asked for detail'),
  })
  .meta({ id: 'FinalOfferInput' });

/** A supplier taking part gives, or replaces, its final offer before the deadline. */
export async function giveFinalOffer(ctx: Context, projectId: string, lotId: string, input: z.infer<typeof finalOfferInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await projectOf(tx, projectId);
    const s = await standing(tx, ctx, p);
    const mine = s.supplierBids.find((b) => b.lotId === lotId);
    if (!mine) throw hiddenRow('lot', lotId, bilingual('标项', 'Lot'));
    const rounds = roundsOf(p);
    await lotUnderEvaluation(tx, p, lotId);
    const [call] = await tx.select().from(finalOfferCall).where(eq(finalOfferCall.lotId, lotId));
    const now = ctx.platform.clock.now();
    const refusal = finalOfferRefusal(call ?? null, now, rounds);
    if (refusal) throw refuse(refusal);
    const entityId = ctx.actor!.entityId;
    const statement = input.statement || null;
    const digest = createHash('sha256').update(canonicalJson({ lotId, supplierEntityId: entityId, amountFen: input.amountFen, statement, submittedAt: now.toISOString() })).digest('hex');
    const sealedOffer = ctx.platform.sealer.seal(JSON.stringify({ amountFen: input.amountFen, statement }));
    const row = { lotId, supplierEntityId: entityId, bidId: mine.id, projectId, sealedOffer, personId: ctx.actor!.personId, submittedAt: now, digest };
    await tx.insert(finalOffer).values(row).onConflictDoUpdate({ target: [finalOffer.lotId, finalOffer.supplierEntityId], set: { sealedOffer, personId: row.personId, submittedAt: now, digest } });
    // Sealed until the deadline: the entry stays out of every view until then, and keeps the offer's digest, not its amount.
    audit.record({ action: 'rounds.give_final_offer', subjectType: 'lot', subjectId: lotId, regionCode: p.regionCode, projectId, sealed: 'offer', after: { digest } });
    return { lotId, amountFen: input.amountFen, submittedAt: now.toISOString(), digest };
  });
}

const KIND_ZH = { technical: '技术要求', service: '服务要求', contractTerms: '合同草案条款' } as const;

/**
 * The rounds of each lot as the caller may see them: the panel, those running the project and its
 * supervisors read every confirmed change with who acknowledged it, and the final offers once
 * their time is up; a supplier taking part reads the changes sent to it and its own offer.
 */
export async function projectRounds(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await projectOf(db, projectId);
  const s = await standing(db, ctx, p);
  const insider = Boolean(s.member) || s.manages || s.supervises;
  // A supplier that took no part sees no rounds (whose they are stays undisclosed); anyone else has no business here.
  if (!insider && !ctx.actor?.roles.includes('supplier')) throw hiddenRow('project', projectId, bilingual('项目', 'Project'));
  const rounds = methodRules(p.method, p.category).rounds;
  if (!rounds) return { ruleIds: null, lots: [] };
  const lots = (await lotsOf(db, projectId)).filter((l) => insider || s.supplierBids.some((b) => b.lotId === l.id));
  const lotIds = lots.map((l) => l.id);
  if (lotIds.length === 0) return { ruleIds: rounds, lots: [] };
  const now = ctx.platform.clock.now();
  const changes = await db.select().from(requirementChange).where(inArray(requirementChange.lotId, lotIds)).orderBy(asc(requirementChange.changeNo));
  const receipts = changes.length ? await db.select().from(requirementChangeReceipt).where(inArray(requirementChangeReceipt.changeId, changes.map((c) => c.id))) : [];
  const calls = await db.select().from(finalOfferCall).where(inArray(finalOfferCall.lotId, lotIds));
  const offers = (await db.select().from(finalOffer).where(inArray(finalOffer.lotId, lotIds))).map((o) => ({ ...o, ...unsealOffer(ctx.platform.sealer, o.sealedOffer) }));
  const parts = await db.select({ lotId: bid.lotId, supplierEntityId: bid.supplierEntityId }).from(bid).where(and(eq(bid.projectId, projectId), eq(bid.status, 'decrypted'))).orderBy(asc(bid.receivedAt), asc(bid.id));
  const names = insider ? await entityNames(db, parts.map((x) => x.supplierEntityId)) : new Map<string, string>();
  const people = await personNames(db, changes.flatMap((c) => [c.proposedBy, ...(c.confirmedBy ? [c.confirmedBy] : [])]));
  const me = ctx.actor?.entityId;
  return {
    ruleIds: rounds,
    lots: lots.map((l) => {
      const call = calls.find((c) => c.lotId === l.id) ?? null;
      const open = finalOffersOpen(call, now);
      const mayAct = l.status === 'opened';
      const lotChanges = changes.filter((c) => c.lotId === l.id && (insider || c.confirmedAt));
      return {
        lotId: l.id,
        lotNo: l.lotNo,
        title: l.title,
        changes: lotChanges.map((c) => ({
          id: c.id,
          changeNo: c.changeNo,
          kind: c.kind,
          text: c.text,
          proposedAt: c.proposedAt.toISOString(),
          proposedBy: people.get(c.proposedBy) ?? null,
          confirmedAt: c.confirmedAt?.toISOString() ?? null,
          confirmedBy: c.confirmedBy ? (people.get(c.confirmedBy) ?? null) : null,
          receivedAt: receipts.find((r) => r.changeId === c.id && r.supplierEntityId === me)?.receivedAt.toISOString() ?? null,
          receipts: insider ? parts.filter((x) => x.lotId === l.id).map((x) => ({ supplierName: names.get(x.supplierEntityId) ?? '', receivedAt: receipts.find((r) => r.changeId === c.id && r.supplierEntityId === x.supplierEntityId)?.receivedAt.toISOString() ?? null })) : null,
          mayConfirm: mayAct && !c.confirmedAt && s.confirms,
        })),
        finalOffers: call
          ? {
              deadline: call.deadline.toISOString(),
              calledAt: call.calledAt.toISOString(),
              open,
              offers: insider && open ? parts.filter((x) => x.lotId === l.id).map((x) => {
                const o = offers.find((y) => y.lotId === l.id && y.supplierEntityId === x.supplierEntityId);
                return { supplierName: names.get(x.supplierEntityId) ?? '', amountFen: o?.amountFen ?? null, statement: o?.statement ?? null, submittedAt: o?.submittedAt.toISOString() ?? null, digest: o?.digest ?? null };
              }) : null,
              mine: me ? ((o) => (o ? { amountFen: o.amountFen, statement: o.statement, submittedAt: o.submittedAt.toISOString(), digest: o.digest } : null))(offers.find((y) => y.lotId === l.id && y.supplierEntityId === me && s.supplierBids.some((b) => b.lotId === l.id))) : null,
            }
          : null,
        actions: {
          proposeChange: mayAct && s.isChair && !call,
          callFinalOffers: mayAct && s.isChair && !call,
          giveFinalOffer: mayAct && s.supplierBids.some((b) => b.lotId === l.id) && finalOfferRefusal(call, now, rounds) === null,
        },
      };
    }),
  };
}

const unsealOffer = (sealer: Sealer, sealed: string): { amountFen: number; statement: string | null } => JSON.parse(sealer.unseal(sealed));

/** What evaluation reads of a lot's final offers: none until the call's time is up. */
export async function openFinalOffers(db: Db, sealer: Sealer, lotId: string, now: Date) {
  const [call] = await db.select().from(finalOfferCall).where(eq(finalOfferCall.lotId, lotId));
  if (!finalOffersOpen(call ?? null, now)) return { called: Boolean(call), open: false as const, offers: [] };
  const rows = await db.select({ bidId: finalOffer.bidId, sealedOffer: finalOffer.sealedOffer }).from(finalOffer).where(eq(finalOffer.lotId, lotId));
  return { called: true, open: true as const, offers: rows.map((r) => ({ bidId: r.bidId, amountFen: unsealOffer(sealer, r.sealedOffer).amountFen })) };
}
