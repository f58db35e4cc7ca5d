import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames } from '../../identity';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Actor, Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { DomainError, bilingual, conflict, notFound } from '../../platform/errors';
import { MAX_FEN } from '../../platform/money';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction } from '../../platform/unit-of-work';
import { contract } from '../contract/contract.schema';
import { draftOrderContract, orderContractInput } from '../contract/contract';
import { evaluationReport } from '../evaluation/evaluation.schema';
import { findProjectRow, followLots, loadManagedProject, lotsOf, moveLot, type ProjectRow } from '../project/project';
import { managesProject, supervisesProject, supplierDesk } from '../project/project.access';
import { frameworkAgreement, frameworkApplication, frameworkMember, frameworkOffer, frameworkOrder } from './framework.schema';
import {
  admissionProblems,
  admittedBids,
  applicationTransition,
  joinProblem,
  leaveProblem,
  openAdmissionProblems,
  withinTerm,
  competitionCeiling,
  competitionWinner,
  directOrderProblem,
  FRAMEWORK_DEFAULTS,
  FRAMEWORK_SETTING_KEYS,
  maximumAdmitted,
  offerProblem,
  offersSealed,
  orderTransition,
  termProblem,
  type FrameworkSettings,
  type RuleProblem,
} from './framework.rules';

type AgreementRow = typeof frameworkAgreement.$inferSelect;
type MemberRow = typeof frameworkMember.$inferSelect;
type OrderRow = typeof frameworkOrder.$inferSelect;

const localDate = z.iso.date();

export const admissionInput = z
  .object({
    admittedCount: z.int().min(1).max(1000).optional().describe('入围供应商数量 (closed only, required): the best ranked this many are admitted (FA-04: at least 2, at least 20 % and one eliminated); an open framework admits every qualifying supplier (FA-09)'),
    kind: z.enum(['closed', 'open']).default('closed').describe('FA-02: closed (the main form) or open (FA-09: every qualifying supplier admitted, others may join during the term)'),
    termStart: localDate,
    termEnd: localDate.describe('FA-05: goods at most 12 months, services 24 (settings)'),
  })
  .meta({ id: 'FrameworkAdmission' });

export const orderInput = z
  .discriminatedUnion('mode', [
    z.object({
      mode: z.literal('direct').describe('直接选定 (FA-08): a member at most at its admitted price'),
      title: z.string().trim().min(2).max(200),
      description: z.string().trim().max(4000).default(''),
      supplierEntityId: z.uuid(),
      priceFen: z.int().min(1).max(MAX_FEN),
      contract: orderContractInput,
    }),
    z.object({
      mode: z.literal('competition').describe('二次竞价 (FA-07): every member invited, sealed offers until the deadline, the lowest wins'),
      title: z.string().trim().min(2).max(200),
      description: z.string().trim().max(4000).default(''),
      deadline: z.iso.datetime(),
    }),
  ])
  .meta({ id: 'FrameworkOrderInput' });

export const applicationInput = z
  .object({
    statement: z.string().trim().min(2).max(4000).describe('How the supplier meets the call’s conditions'),
    priceFen: z.int().min(1).max(MAX_FEN).describe('The price it joins at: at most the highest price admitted in the first stage (FA-09)'),
  })
  .meta({ id: 'FrameworkApplicationInput' });
export const applicationDecisionInput = z
  .object({ decision: z.enum(['admit', 'refuse']), reasons: z.string().trim().min(2).max(2000).describe('Why it is admitted or refused (told to the applicant)') })
  .meta({ id: 'FrameworkApplicationDecision' });

export const offerInput = z.object({ priceFen: z.int().min(1).max(MAX_FEN) }).meta({ id: 'FrameworkOfferInput' });
export const decisionInput = z.object({ contract: orderContractInput.optional().describe('The winner’s contract: required when there are offers') }).meta({ id: 'FrameworkOrderDecision' });

const ruleError = (p: RuleProblem, status = 422) => new DomainError(p.code, p.messages, status, { field: p.field }, p.ruleId);

/** FA-04, FA-05: the framework settings of a region (platform-wide unless the region sets its own), defaults as docs/METHODS.md §5. */
export async function frameworkSettings(db: Db, regionCode: string): Promise<FrameworkSettings> {
  const out = { ...FRAMEWORK_DEFAULTS };
  for (const key of Object.keys(FRAMEWORK_SETTING_KEYS) as (keyof FrameworkSettings)[]) {
    out[key] = (await readSetting(db, FRAMEWORK_SETTING_KEYS[key], key === 'eliminationRateBp' ? z.int().min(0).max(9999) : z.int().min(0), FRAMEWORK_DEFAULTS[key], regionCode)).value;
  }
  return out;
}

const notFramework = () => new DomainError('NOT_FRAMEWORK', bilingual('本项目不是框架协议采购', 'The project is not a framework agreement'), 409, {}, 'FA-01');

async function agreementOf(db: Db, projectId: string): Promise<AgreementRow | undefined> {
  return (await db.select().from(frameworkAgreement).where(eq(frameworkAgreement.projectId, projectId)))[0];
}

/** The agreement's members, best ranked first — those that left an open agreement (FA-09) only when asked for. */
async function membersOf(db: Db, agreementId: string, withLeft = false): Promise<MemberRow[]> {
  return db
    .select()
    .from(frameworkMember)
    .where(withLeft ? eq(frameworkMember.agreementId, agreementId) : and(eq(frameworkMember.agreementId, agreementId), isNull(frameworkMember.leftAt)))
    .orderBy(asc(frameworkMember.rank));
}

/**
 * FA-04 (FA-02, FA-05): after the evaluation, those running the project admit the best ranked
 * suppliers into a closed framework agreement, at the prices they responded with. Takes the place of
 * the award: the lot moves to awarded, and the project to its orders.
 */
export async function admitSuppliers(ctx: Context, projectId: string, input: z.infer<typeof admissionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (p.method !== 'framework') throw notFramework();
    if (await agreementOf(tx, projectId)) throw conflict('ALREADY_ADMITTED', bilingual('已确定入围供应商', 'The suppliers are admitted already'));
    const lots = await lotsOf(tx, projectId);
    const l = lots[0]!;
    const [report] = await tx.select().from(evaluationReport).where(eq(evaluationReport.lotId, l.id));
    if (l.status !== 'evaluated' || report?.status !== 'signed')
      throw conflict('NOT_EVALUATED', bilingual('评审报告签署后方可确定入围供应商', 'Suppliers are admitted once the evaluation report is signed'));
    const settings = await frameworkSettings(tx, p.regionCode);
    const responding = report.result.bids.length;
    const qualifying = report.result.bids.filter((b) => b.valid).length;
    // FA-04 for a closed framework (the best ranked, with elimination); FA-09 for an open one (every qualifying supplier).
    if (input.kind === 'closed' && input.admittedCount === undefined)
      throw new DomainError('ADMITTED_COUNT_REQUIRED', bilingual('请填写入围供应商数量', 'Give the number of suppliers admitted'), 422, { field: 'admittedCount' }, 'FA-04');
    const admittedCount = input.kind === 'open' ? qualifying : input.admittedCount!;
    const [problem] = input.kind === 'open' ? openAdmissionProblems({ qualifying }, settings) : admissionProblems({ responding, qualifying, admitted: admittedCount }, settings);
    if (problem) throw new DomainError(problem.code, problem.messages, 422, { field: problem.field, maximum: input.kind === 'open' ? qualifying : maximumAdmitted(qualifying, settings) }, problem.ruleId);
    const term = termProblem(p.category, input.termStart, input.termEnd, settings);
    if (term) throw ruleError(term);
    const now = ctx.platform.clock.now();
    const agreement: AgreementRow = { id: randomUUID(), projectId, lotId: l.id, regionCode: p.regionCode, kind: input.kind, termStart: input.termStart, termEnd: input.termEnd, admittedAt: now, admittedBy: ctx.actor!.personId };
    await tx.insert(frameworkAgreement).values(agreement);
    const admitted = admittedBids(report.result.bids, admittedCount);
    const members = admitted.map((b, i) => ({ agreementId: agreement.id, supplierEntityId: b.supplierEntityId, bidId: b.bidId, rank: i + 1, admittedPriceFen: b.priceFen, joinedAt: null }));
    await tx.insert(frameworkMember).values(members);
    await moveLot(tx, audit, p.regionCode, l, 'awarded');
    await followLots(tx, audit, projectId);
    const admittedIds = new Set(members.map((m) => m.supplierEntityId));
    await notify(
      tx,
      now,
      [...new Set(report.result.bids.map((b) => b.supplierEntityId))].map((entityId) => ({
        to: supplierDesk(entityId),
        title: admittedIds.has(entityId) ? bilingual(`${p.projectNumber} 入围通知`, `${p.projectNumber}: you are admitted to the framework agreement`) : bilingual(`${p.projectNumber} 征集结果`, `${p.projectNumber}: the result of the call`),
        body: admittedIds.has(entityId)
          ? bilingual(`贵公司已入围框架协议，有效期${input.termStart}至${input.termEnd}。`, `You are admitted, for ${input.termStart} to ${input.termEnd}.`)
          : bilingual('贵公司未入围本框架协议。', 'You were not admitted to this framework agreement.'),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'project', id: projectId },
      })),
    );
    audit.record({
      action: 'framework.admit',
      subjectType: 'project',
      subjectId: projectId,
      regionCode: p.regionCode,
      projectId,
      after: { agreementId: agreement.id, kind: input.kind, termStart: input.termStart, termEnd: input.termEnd, responding, qualifying, members: members.map((m) => ({ supplierEntityId: m.supplierEntityId, rank: m.rank, admittedPriceFen: m.admittedPriceFen })) },
    });
    return frameworkViewFor(tx, ctx, p, now);
  });
}

const isPurchaserOf = (actor: Actor | null, p: ProjectRow) => Boolean(actor?.roles.includes('purchaser') && actor.entityId === p.purchaserEntityId);

async function nextOrderNumber(tx: Db, p: ProjectRow, agreementId: string) {
  const existing = await tx.select({ id: frameworkOrder.id }).from(frameworkOrder).where(eq(frameworkOrder.agreementId, agreementId));
  return `${p.projectNumber}-DD${String(existing.length + 1).padStart(3, '0')}`;
}

/** The agreement an order is placed under must be in force that day (FA-05). */
function refuseOutsideTerm(a: AgreementRow, today: string) {
  if (today < a.termStart || today > a.termEnd)
    throw new DomainError('OUTSIDE_TERM', bilingual(`框架协议有效期为${a.termStart}至${a.termEnd}`, `The agreement runs from ${a.termStart} to ${a.termEnd}`), 409, {}, 'FA-05');
}

/**
 * FA-06: the purchaser places an order under the agreement — directly with a member at most at its
 * admitted price (FA-08), the contract drafted at once; or by a second-round competition among all
 * members, capped by the highest admitted price (FA-07).
 */
export async function placeOrder(ctx: Context, projectId: string, input: z.infer<typeof orderInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const p = await loadManagedProject(tx, ctx.actor, projectId, true);
    if (!isPurchaserOf(ctx.actor, p)) throw new DomainError('PURCHASER_ONLY', bilingual('仅采购人可以下达采购订单', 'Only the purchaser places orders'), 403, {}, 'FA-06');
    const a = await agreementOf(tx, projectId);
    if (!a) throw conflict('NO_AGREEMENT', bilingual('尚未订立框架协议', 'There is no framework agreement yet'));
    const now = ctx.platform.clock.now();
    refuseOutsideTerm(a, shanghaiDate(now));
    const members = await membersOf(tx, a.id);
    if (!members.length) throw conflict('NO_MEMBERS', bilingual('框架协议已无入围供应商', 'The agreement has no members left'));
    const orderNumber = await nextOrderNumber(tx, p, a.id);
    const base = { id: randomUUID(), agreementId: a.id, projectId, regionCode: p.regionCode, orderNumber, purchaserEntityId: p.purchaserEntityId, title: input.title, description: input.description, createdAt: now, createdBy: ctx.actor!.personId };
    if (input.mode === 'direct') {
      const member = members.find((m) => m.supplierEntityId === input.supplierEntityId);
      if (!member) throw new DomainError('NOT_A_MEMBER', bilingual('该供应商不是本框架协议的入围供应商', 'The supplier is not a member of this agreement'), 422, { field: 'supplierEntityId' }, 'FA-08');
      const problem = directOrderProblem(input.priceFen, member.admittedPriceFen);
      if (problem) throw ruleError(problem);
      const c = await draftOrderContract(tx, ctx, audit, p, { orderNumber, title: input.title, supplierEntityId: member.supplierEntityId, priceFen: input.priceFen }, input.contract);
      const row: OrderRow = { ...base, mode: 'direct', status: 'decided', deadline: null, ceilingFen: null, supplierEntityId: member.supplierEntityId, priceFen: input.priceFen, contractId: c.id, decidedAt: now };
      await tx.insert(frameworkOrder).values(row);
      audit.record({ action: 'framework.order_direct', subjectType: 'framework_order', subjectId: row.id, regionCode: p.regionCode, projectId, after: { orderNumber, supplierEntityId: row.supplierEntityId, priceFen: row.priceFen, admittedPriceFen: member.admittedPriceFen, contractId: c.id } });
    } else {
      const deadline = new Date(input.deadline);
      if (deadline <= now) throw new DomainError('DEADLINE_PASSED', bilingual('竞价截止时间应晚于当前时间', 'The deadline must be in the future'), 422, { field: 'deadline' }, 'FA-07');
      const row: OrderRow = { ...base, mode: 'competition', status: 'competing', deadline, ceilingFen: competitionCeiling(members), supplierEntityId: null, priceFen: null, contractId: null, decidedAt: null };
      await tx.insert(frameworkOrder).values(row);
      // FA-07: every member is invited.
      await notify(
        tx,
        now,
        members.map((m) => ({
          to: supplierDesk(m.supplierEntityId),
          title: bilingual(`${orderNumber} 二次竞价邀请`, `${orderNumber}: invitation to a second-round competition`),
          body: bilingual(`《${input.title}》二次竞价，最高限价为最高入围价格，请于截止时间前报价（仅可报价一次）。`, `“${input.title}”: offer once before the deadline, at most the highest admitted price.`),
          link: `/workspace/projects/${projectId}`,
          subject: { type: 'project', id: projectId },
        })),
      );
      audit.record({ action: 'framework.order_competition', subjectType: 'framework_order', subjectId: row.id, regionCode: p.regionCode, projectId, after: { orderNumber, deadline: deadline.toISOString(), ceilingFen: row.ceilingFen, invited: members.map((m) => m.supplierEntityId) } });
    }
    return frameworkViewFor(tx, ctx, p, now);
  });
}

/** FA-07, FA-09: a competition invites the members at its creation; one that joins later takes part in later ones. */
const invitedTo = (m: MemberRow, o: OrderRow) => m.joinedAt === null || m.joinedAt <= o.createdAt;

async function loadOrder(db: Db, orderId: string, forUpdate = false) {
  const q = db.select().from(frameworkOrder).where(eq(frameworkOrder.id, orderId));
  const [o] = forUpdate ? await q.for('update') : await q;
  if (!o) throw notFound(bilingual('采购订单', 'Order'));
  const p = (await findProjectRow(db, o.projectId))!;
  return { o, p };
}

/**
 * FA-07: a member offers once, before the deadline, at most the ceiling. The price is sealed under the
 * platform's key; the audit entry is sealed as an offer (disclosed at the deadline), and nobody is told.
 */
export async function submitOffer(ctx: Context, orderId: string, input: z.infer<typeof offerInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    const { o, p } = await loadOrder(tx, orderId);
    const members = await membersOf(tx, o.agreementId);
    const member = members.some((m) => m.supplierEntityId === actor.entityId && invitedTo(m, o));
    // A non-member learns nothing about the order beyond what the agreement shows everyone.
    if (!member) throw ruleError(offerProblem({ member: false, alreadyOffered: false, now: new Date(0), deadline: new Date(1), priceFen: 0, ceilingFen: 0 })!, 403);
    if (o.mode !== 'competition' || o.status !== 'competing' || !o.deadline) throw conflict('NOT_COMPETING', bilingual('该订单不接受报价', 'This order takes no offers'));
    const [mine] = await tx.select({ orderId: frameworkOffer.orderId }).from(frameworkOffer).where(and(eq(frameworkOffer.orderId, orderId), eq(frameworkOffer.supplierEntityId, actor.entityId)));
    const now = ctx.platform.clock.now();
    const problem = offerProblem({ member, alreadyOffered: Boolean(mine), now, deadline: o.deadline, priceFen: input.priceFen, ceilingFen: o.ceilingFen! });
    if (problem) throw ruleError(problem, problem.code === 'ABOVE_CEILING' ? 422 : 409);
    const inserted = await tx
      .insert(frameworkOffer)
      .values({ orderId, supplierEntityId: actor.entityId, sealedPrice: ctx.platform.sealer.seal(String(input.priceFen)), submittedAt: now, submittedBy: actor.personId })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw ruleError(offerProblem({ member, alreadyOffered: true, now, deadline: o.deadline, priceFen: input.priceFen, ceilingFen: o.ceilingFen! })!, 409);
    audit.record({ action: 'framework.offer', subjectType: 'framework_order', subjectId: orderId, regionCode: p.regionCode, projectId: null, sealed: 'offer', after: { supplierEntityId: actor.entityId, submittedAt: now.toISOString() } });
    return { orderId, submittedAt: now.toISOString(), priceFen: input.priceFen };
  });
}

/**
 * FA-07: after the deadline the purchaser opens the competition: the lowest offer wins (a tie goes to
 * the better admitted rank) and its contract is drafted; without offers the order fails.
 */
export async function decideOrder(ctx: Context, orderId: string, input: z.infer<typeof decisionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { o, p } = await loadOrder(tx, orderId, true);
    if (!isPurchaserOf(ctx.actor, p)) throw hiddenRow('framework_order', orderId, bilingual('采购订单', 'Order'));
    if (o.mode !== 'competition' || o.status !== 'competing') throw conflict('ALREADY_DECIDED', bilingual('该订单已确定', 'The order is decided already'));
    const now = ctx.platform.clock.now();
    if (offersSealed(o.deadline!, now)) throw new DomainError('COMPETITION_RUNNING', bilingual('二次竞价尚未截止', 'The competition has not closed yet'), 409, {}, 'FA-07');
    const offers = await openOffers(ctx, tx, orderId);
    const members = await membersOf(tx, o.agreementId, true);
    const winner = competitionWinner(offers, (id) => members.find((m) => m.supplierEntityId === id)?.rank ?? Number.MAX_SAFE_INTEGER);
    if (!winner) {
      await tx.update(frameworkOrder).set({ status: orderTransition('fail', o.status), decidedAt: now }).where(eq(frameworkOrder.id, orderId));
      audit.record({ action: 'framework.order_failed', subjectType: 'framework_order', subjectId: orderId, regionCode: p.regionCode, projectId: p.id, before: { status: o.status }, after: { status: 'failed', offers: 0 } });
      return frameworkViewFor(tx, ctx, p, now);
    }
    if (!input.contract) throw new DomainError('CONTRACT_REQUIRED', bilingual('请填写成交合同的履约期限、地点、验收标准和条款', 'Give the contract’s period, place, acceptance criteria and terms'), 422, { field: 'contract' });
    const c = await draftOrderContract(tx, ctx, audit, p, { orderNumber: o.orderNumber, title: o.title, supplierEntityId: winner.supplierEntityId, priceFen: winner.priceFen }, input.contract);
    await tx.update(frameworkOrder).set({ status: orderTransition('decide', o.status), supplierEntityId: winner.supplierEntityId, priceFen: winner.priceFen, contractId: c.id, decidedAt: now }).where(eq(frameworkOrder.id, orderId));
    await notify(
      tx,
      now,
      offers.map((x) => ({
        to: supplierDesk(x.supplierEntityId),
        title: x === winner ? bilingual(`${o.orderNumber} 二次竞价成交`, `${o.orderNumber}: your offer won`) : bilingual(`${o.orderNumber} 二次竞价结果`, `${o.orderNumber}: the competition's result`),
        body: x === winner ? bilingual('贵公司报价最低，已成交，请签署合同。', 'Your offer was the lowest; please sign the contract.') : bilingual('本次二次竞价已由其他供应商成交。', 'Another member won this competition.'),
        link: `/workspace/projects/${p.id}`,
        subject: { type: 'project', id: p.id },
      })),
    );
    audit.record({
      action: 'framework.order_decide',
      subjectType: 'framework_order',
      subjectId: orderId,
      regionCode: p.regionCode,
      projectId: p.id,
      before: { status: o.status },
      after: { status: 'decided', supplierEntityId: winner.supplierEntityId, priceFen: winner.priceFen, contractId: c.id, offers: offers.map((x) => ({ supplierEntityId: x.supplierEntityId, priceFen: x.priceFen, submittedAt: x.submittedAt.toISOString() })) },
    });
    return frameworkViewFor(tx, ctx, p, now);
  });
}

/** FA-09: the highest price admitted in the first stage (those that left since included) — the most a joining supplier may ask. */
const firstStageCeiling = (members: readonly MemberRow[]) => competitionCeiling(members.filter((m) => m.joinedAt === null));

/**
 * FA-09: a member leaves an open agreement by notice, within the term. It takes part in no order from
 * then on (a competition it was invited to no longer takes its offer); the orders it won stand.
 */
export async function leaveAgreement(ctx: Context, projectId: string) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    const p = await findProjectRow(tx, projectId);
    if (!p || p.status === 'draft') throw notFound(bilingual('采购项目', 'Project'));
    if (p.method !== 'framework') throw notFramework();
    const a = await agreementOf(tx, projectId);
    if (!a) throw conflict('NO_AGREEMENT', bilingual('尚未订立框架协议', 'There is no framework agreement yet'));
    const members = await membersOf(tx, a.id);
    const mine = members.find((m) => m.supplierEntityId === actor.entityId);
    const now = ctx.platform.clock.now();
    const problem = leaveProblem({ kind: a.kind, termStart: a.termStart, termEnd: a.termEnd, today: shanghaiDate(now), member: Boolean(mine) });
    if (problem) throw ruleError(problem, 409);
    await tx.update(frameworkMember).set({ leftAt: now }).where(and(eq(frameworkMember.agreementId, a.id), eq(frameworkMember.supplierEntityId, actor.entityId)));
    await notify(tx, now, [
      {
        to: { entityId: p.purchaserEntityId, role: 'purchaser' },
        title: bilingual(`${p.projectNumber} 入围供应商退出`, `${p.projectNumber}: a member left the framework agreement`),
        body: bilingual('一家入围供应商已通知退出本开放式框架协议。', 'A member gave notice and left this open framework agreement.'),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'project', id: projectId },
      },
    ]);
    audit.record({ action: 'framework.leave', subjectType: 'project', subjectId: projectId, regionCode: p.regionCode, projectId, before: { member: true, admittedPriceFen: mine!.admittedPriceFen, rank: mine!.rank }, after: { supplierEntityId: actor.entityId, leftAt: now.toISOString() } });
    return frameworkViewFor(tx, ctx, p, now);
  });
}

/**
 * FA-09: during the term a supplier that is not a member applies to join an open agreement, stating
 * how it meets the call's conditions and its price (at most the highest first-stage admitted price).
 * The purchaser is told; the application waits for the review of those running the project.
 */
export async function applyToJoin(ctx: Context, projectId: string, input: z.infer<typeof applicationInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    const p = await findProjectRow(tx, projectId);
    if (!p || p.status === 'draft') throw notFound(bilingual('采购项目', 'Project'));
    if (p.method !== 'framework') throw notFramework();
    const a = await agreementOf(tx, projectId);
    if (!a) throw conflict('NO_AGREEMENT', bilingual('尚未订立框架协议', 'There is no framework agreement yet'));
    // Serialise applications to one agreement so that "not twice" holds under concurrent requests.
    await tx.select({ id: frameworkAgreement.id }).from(frameworkAgreement).where(eq(frameworkAgreement.id, a.id)).for('update');
    const members = await membersOf(tx, a.id, true);
    const pending = await tx
      .select({ id: frameworkApplication.id })
      .from(frameworkApplication)
      .where(and(eq(frameworkApplication.agreementId, a.id), eq(frameworkApplication.supplierEntityId, actor.entityId), eq(frameworkApplication.status, 'pending')));
    const now = ctx.platform.clock.now();
    const problem = joinProblem({
      kind: a.kind,
      termStart: a.termStart,
      termEnd: a.termEnd,
      today: shanghaiDate(now),
      member: members.some((m) => m.supplierEntityId === actor.entityId && m.leftAt === null),
      pending: pending.length > 0,
      priceFen: input.priceFen,
      ceilingFen: firstStageCeiling(members),
    });
    if (problem) throw ruleError(problem, problem.code === 'ABOVE_ADMITTED_PRICE' ? 422 : 409);
    const row = { id: randomUUID(), agreementId: a.id, projectId, regionCode: p.regionCode, supplierEntityId: actor.entityId, statement: input.statement, priceFen: input.priceFen, status: 'pending' as const, reasons: null, submittedAt: now, submittedBy: actor.personId, decidedAt: null, decidedBy: null };
    await tx.insert(frameworkApplication).values(row);
    await notify(tx, now, [
      {
        to: { entityId: p.purchaserEntityId, role: 'purchaser' },
        title: bilingual(`${p.projectNumber} 新的加入申请`, `${p.projectNumber}: an application to join the framework agreement`),
        body: bilingual('有供应商申请加入本开放式框架协议，请审核。', 'A supplier applied to join this open framework agreement; please review it.'),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'project', id: projectId },
      },
    ]);
    audit.record({ action: 'framework.apply', subjectType: 'framework_application', subjectId: row.id, regionCode: p.regionCode, projectId, after: { supplierEntityId: row.supplierEntityId, priceFen: row.priceFen, statement: row.statement } });
    return frameworkViewFor(tx, ctx, p, now);
  });
}

/**
 * FA-09: those running the project admit an application (the supplier becomes a member at the price it
 * stated, ranked after the members before it, and is invited to competitions created from then on) or
 * refuse it, with reasons told to the applicant. Within the term only.
 */
export async function decideApplication(ctx: Context, applicationId: string, input: z.infer<typeof applicationDecisionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [x] = await tx.select().from(frameworkApplication).where(eq(frameworkApplication.id, applicationId)).for('update');
    if (!x) throw notFound(bilingual('加入申请', 'Application'));
    const p = (await findProjectRow(tx, x.projectId))!;
    if (!managesProject(ctx.actor, p)) throw hiddenRow('framework_application', applicationId, bilingual('加入申请', 'Application'));
    if (x.status !== 'pending') throw conflict('ALREADY_DECIDED', bilingual('该申请已审核', 'The application is decided already'));
    const a = (await agreementOf(tx, x.projectId))!;
    const now = ctx.platform.clock.now();
    if (!withinTerm(a, shanghaiDate(now)))
      throw new DomainError('OUTSIDE_TERM', bilingual(`框架协议有效期为${a.termStart}至${a.termEnd}`, `The agreement runs from ${a.termStart} to ${a.termEnd}`), 409, {}, 'FA-09');
    const status = applicationTransition(input.decision, x.status);
    await tx.update(frameworkApplication).set({ status, reasons: input.reasons, decidedAt: now, decidedBy: ctx.actor!.personId }).where(eq(frameworkApplication.id, applicationId));
    let rank: number | null = null;
    if (status === 'admitted') {
      const members = await membersOf(tx, a.id, true);
      rank = Math.max(0, ...members.map((m) => m.rank)) + 1;
      // One that left and applied again rejoins at its new price and rank.
      await tx
        .insert(frameworkMember)
        .values({ agreementId: a.id, supplierEntityId: x.supplierEntityId, bidId: null, rank, admittedPriceFen: x.priceFen, joinedAt: now, leftAt: null })
        .onConflictDoUpdate({ target: [frameworkMember.agreementId, frameworkMember.supplierEntityId], set: { rank, admittedPriceFen: x.priceFen, joinedAt: now, leftAt: null } });
    }
    await notify(tx, now, [
      {
        to: supplierDesk(x.supplierEntityId),
        title: status === 'admitted' ? bilingual(`${p.projectNumber} 加入申请已通过`, `${p.projectNumber}: you joined the framework agreement`) : bilingual(`${p.projectNumber} 加入申请未通过`, `${p.projectNumber}: your application was refused`),
        body: bilingual(`审核意见：${input.reasons}`, `Reasons: ${input.reasons}`),
        link: `/workspace/projects/${p.id}`,
        subject: { type: 'project', id: p.id },
      },
    ]);
    audit.record({
      action: status === 'admitted' ? 'framework.application_admit' : 'framework.application_refuse',
      subjectType: 'framework_application',
      subjectId: applicationId,
      regionCode: p.regionCode,
      projectId: p.id,
      before: { status: x.status },
      after: { status, reasons: input.reasons, supplierEntityId: x.supplierEntityId, admittedPriceFen: status === 'admitted' ? x.priceFen : null, rank },
    });
    return frameworkViewFor(tx, ctx, p, now);
  });
}

async function openOffers(ctx: Context, db: Db, orderId: string) {
  const rows = await db.select().from(frameworkOffer).where(eq(frameworkOffer.orderId, orderId)).orderBy(asc(frameworkOffer.submittedAt));
  return rows.map((r) => ({ supplierEntityId: r.supplierEntityId, priceFen: Number(ctx.platform.sealer.unseal(r.sealedPrice)), submittedAt: r.submittedAt }));
}

/** The project's framework agreement (public once admitted: 入围结果), with the orders its reader may see. */
export async function projectFramework(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const p = await findProjectRow(db, projectId);
  if (!p || p.status === 'draft') throw notFound(bilingual('采购项目', 'Project'));
  if (p.method !== 'framework') return null;
  return frameworkViewFor(db, ctx, p, ctx.platform.clock.now());
}

async function frameworkViewFor(db: Db, ctx: Context, p: ProjectRow, now: Date) {
  const actor = ctx.actor;
  const a = await agreementOf(db, p.id);
  if (!a) return { agreement: null, orders: [], mayOrder: false, applications: [], mayApply: false, mayLeave: false, admission: await admissionFacts(db, actor, p) };
  const members = await membersOf(db, a.id);
  const orders = await db.select().from(frameworkOrder).where(eq(frameworkOrder.agreementId, a.id)).orderBy(asc(frameworkOrder.createdAt));
  const names = await entityNames(db, members.map((m) => m.supplierEntityId));
  const manages = managesProject(actor, p) || supervisesProject(actor, p);
  const myMembership = actor?.roles.includes('supplier') ? members.find((m) => m.supplierEntityId === actor.entityId) : undefined;
  const isMember = Boolean(myMembership);
  const contracts = new Map(
    (await db.select({ id: contract.id, status: contract.status, contractNumber: contract.contractNumber }).from(contract).where(eq(contract.projectId, p.id))).map((c) => [c.id, c]),
  );
  // A member sees the competitions it was invited to; any supplier the orders it won (one that left an open agreement included, FA-09).
  const supplierId = actor?.roles.includes('supplier') ? actor.entityId : null;
  const visibleOrders = manages ? orders : orders.filter((o) => (isMember && o.mode === 'competition' && invitedTo(myMembership!, o)) || (supplierId !== null && o.supplierEntityId === supplierId));
  const orderViews = [];
  for (const o of visibleOrders) {
    const sealed = o.deadline ? offersSealed(o.deadline, now) : false;
    const mineRow = isMember && o.mode === 'competition' ? (await db.select().from(frameworkOffer).where(and(eq(frameworkOffer.orderId, o.id), eq(frameworkOffer.supplierEntityId, actor!.entityId))))[0] : undefined;
    // Sealed until the deadline: no list, no count, no time — for everyone, those running the project included.
    const offers =
      manages && o.mode === 'competition' && !sealed
        ? (await openOffers(ctx, db, o.id)).map((x) => ({ supplierEntityId: x.supplierEntityId, supplierName: names.get(x.supplierEntityId) ?? '', priceFen: x.priceFen, submittedAt: x.submittedAt.toISOString() }))
        : null;
    const c = o.contractId ? contracts.get(o.contractId) : undefined;
    const wonByMe = o.supplierEntityId !== null && o.supplierEntityId === actor?.entityId;
    orderViews.push({
      id: o.id,
      orderNumber: o.orderNumber,
      title: o.title,
      description: o.description,
      mode: o.mode,
      status: o.status,
      deadline: o.deadline?.toISOString() ?? null,
      ceilingFen: o.ceilingFen,
      open: o.mode === 'competition' && o.status === 'competing' && sealed,
      supplierName: o.supplierEntityId && (manages || wonByMe || !sealed) ? (names.get(o.supplierEntityId) ?? '') : null,
      priceFen: o.supplierEntityId && (manages || wonByMe || !sealed) ? o.priceFen : null,
      contract: c && (manages || wonByMe) ? { id: c.id, contractNumber: c.contractNumber, status: c.status } : null,
      offers,
      myOffer: mineRow ? { priceFen: Number(ctx.platform.sealer.unseal(mineRow.sealedPrice)), submittedAt: mineRow.submittedAt.toISOString() } : null,
      mayOffer: isMember && o.mode === 'competition' && o.status === 'competing' && sealed && !mineRow,
      mayDecide: isPurchaserOf(actor, p) && o.mode === 'competition' && o.status === 'competing' && !sealed,
    });
  }
  // FA-09: applications to join — all to those running or overseeing the project, its own to a supplier.
  const applicationRows =
    a.kind !== 'open' || !actor
      ? []
      : manages
        ? await db.select().from(frameworkApplication).where(eq(frameworkApplication.agreementId, a.id)).orderBy(asc(frameworkApplication.submittedAt))
        : actor.roles.includes('supplier')
          ? await db.select().from(frameworkApplication).where(and(eq(frameworkApplication.agreementId, a.id), eq(frameworkApplication.supplierEntityId, actor.entityId))).orderBy(asc(frameworkApplication.submittedAt))
          : [];
  const applicantNames = await entityNames(db, applicationRows.map((x) => x.supplierEntityId));
  const mayDecideApplications = managesProject(actor, p);
  const pendingMine = applicationRows.some((x) => x.status === 'pending' && x.supplierEntityId === actor?.entityId);
  const mayApply =
    Boolean(actor?.roles.includes('supplier')) &&
    joinProblem({ kind: a.kind, termStart: a.termStart, termEnd: a.termEnd, today: shanghaiDate(now), member: isMember, pending: pendingMine, priceFen: 0, ceilingFen: 0 }) === null;
  return {
    applications: applicationRows.map((x) => ({
      id: x.id,
      supplierName: applicantNames.get(x.supplierEntityId) ?? '',
      statement: x.statement,
      priceFen: x.priceFen,
      status: x.status,
      reasons: x.reasons,
      submittedAt: x.submittedAt.toISOString(),
      decidedAt: x.decidedAt?.toISOString() ?? null,
      mayDecide: mayDecideApplications && x.status === 'pending',
    })),
    mayApply,
    mayLeave: Boolean(myMembership) && leaveProblem({ kind: a.kind, termStart: a.termStart, termEnd: a.termEnd, today: shanghaiDate(now), member: true }) === null,
    agreement: {
      id: a.id,
      kind: a.kind,
      termStart: a.termStart,
      termEnd: a.termEnd,
      admittedAt: a.admittedAt.toISOString(),
      members: members.map((m) => ({ supplierEntityId: m.supplierEntityId, supplierName: names.get(m.supplierEntityId) ?? '', rank: m.rank, admittedPriceFen: m.admittedPriceFen, joinedAt: m.joinedAt?.toISOString() ?? null })),
      ceilingFen: competitionCeiling(members),
    },
    orders: orderViews,
    mayOrder: isPurchaserOf(actor, p),
    admission: null,
  };
}

/** For those running the project, once the report is signed: how many responded, qualified, and may be admitted (FA-04). */
async function admissionFacts(db: Db, actor: Actor | null, p: ProjectRow) {
  if (!managesProject(actor, p)) return null;
  const [l] = await lotsOf(db, p.id);
  if (!l || l.status !== 'evaluated') return null;
  const [report] = await db.select().from(evaluationReport).where(eq(evaluationReport.lotId, l.id));
  if (report?.status !== 'signed') return null;
  const settings = await frameworkSettings(db, p.regionCode);
  const qualifying = report.result.bids.filter((b) => b.valid).length;
  return { responding: report.result.bids.length, qualifying, maximumAdmitted: maximumAdmitted(qualifying, settings), minimumAdmitted: settings.minimumAdmitted, termMonths: p.category === 'services' ? settings.servicesTermMonths : settings.goodsTermMonths };
}
