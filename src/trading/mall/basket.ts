import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, inRegion, oversees, provinceOf, regionCovers } from '../../identity';
import { entity } from '../../identity/identity.schema';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { systemContext, type Actor, type Context, type Platform } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, conflict, notFound, staleRevision, type Bilingual } from '../../platform/errors';
import type { SubjectGuard } from '../../platform/http/subjects';
import { enqueueJob, type JobHandler } from '../../platform/jobs/jobs';
import { notify } from '../../platform/notifications/notifications';
import { readSetting } from '../../platform/settings/settings';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { minimumPeriodPolicy } from '../notice/publish-tender';
import { contract } from '../contract/contract.schema';
import { supplierDesk } from '../project/project.access';
import { mallThresholdFen, recordMallOrder, refuseUnacknowledgedSplit, splitChecks, splitThresholdFen } from './mall';
import {
  BIDDING_DEFAULTS,
  BIDDING_SETTING_KEYS,
  basketBudgetFen,
  basketLineBudgets,
  biddingPeriodProblem,
  budgetProblem,
  closeDecision,
  fiscalYearOf,
  mallCategory,
  quoteLineProblems,
  quotesSealed,
  quoteTimingProblem,
  quoteTotalFen,
  rankQuotes,
  thresholdProblem,
  type BasketLine,
  type BasketOutcome,
  type BiddingSettings,
  type MallProblem,
  type OpenedQuote,
  type QuoteLineInput,
} from './mall.rules';
import { mallBasket, mallProduct, mallQuote, mallSupplier, type MallOrderLine } from './mall.schema';
import { basketTransition, type BasketStatus } from './mall.states';

/**
 * 网上竞价 in the e-mall (MALL-05..07): a purchaser puts a basket out for quotes until its close; admitted
 * suppliers quote once, sealed; a durable job opens the quotes at the close and awards the lowest that
 * meets the basket — the award is a mall order and its contract, as a direct order is (recordMallOrder).
 */

export const MALL_BASKET_CLOSE_JOB = 'mall.close_basket';

type BasketRow = typeof mallBasket.$inferSelect;

const problemError = (p: MallProblem, status = 422) => new DomainError(p.code, p.messages, status, { field: p.field }, p.ruleId);

/** At most 1亿元 a unit, so that a line (at most 100,000 units) stays exact in a JavaScript number. */
const UNIT_PRICE_MAX_FEN = 10_000_000_000;

/** MALL-05, MALL-07: the region's bidding settings (platform-wide unless the region sets its own). */
export async function biddingSettings(db: Db, regionCode: string): Promise<BiddingSettings> {
  const read = <T>(key: keyof BiddingSettings, schema: z.ZodType<T>) => readSetting(db, BIDDING_SETTING_KEYS[key], schema, BIDDING_DEFAULTS[key] as T, regionCode).then((s) => s.value);
  return {
    minimumPeriod: await read('minimumPeriod', z.int().min(1).max(60)),
    periodUnit: await read('periodUnit', z.enum(['days', 'workingDays'])),
    minimumQuotes: await read('minimumQuotes', z.int().min(1).max(20)),
    tooFewQuotes: await read('tooFewQuotes', z.enum(['fail', 'purchaserConfirms'])),
  };
}

export const basketInput = z
  .object({
    title: z.string().trim().min(2).max(200),
    lines: z
      .array(
        z.object({
          categoryCode: z.string().refine((c) => Boolean(mallCategory(c)), { message: 'Unknown 品目 code' }).describe('品目 code (GET /api/mall/categories)'),
          name: z.string().trim().min(2).max(200),
          specification: z.string().trim().min(2).max(2000).describe('规格、配置与技术要求'),
          quantity: z.int().min(1).max(100_000),
          budgetUnitPriceFen: z.int().min(1).max(UNIT_PRICE_MAX_FEN).describe('预算单价: the line’s budget is quantity × this'),
        }),
      )
      .min(1)
      .max(50),
    deliveryAddress: z.string().trim().min(2).max(200),
    closesAt: z.iso.datetime().describe('竞价截止时间: at least the region’s minimum period after today (MALL-05)'),
    acknowledgeSplit: z.boolean().default(false).describe('MALL-03 (GP-94): the purchaser has read the split-purchase warning and confirms this is a separate need'),
    splitReason: z.string().trim().max(2000).default('').describe('Why this basket is not one need split (required with acknowledgeSplit)'),
  })
  .meta({ id: 'MallBasketInput' });

export const quoteInput = z
  .object({
    lines: z
      .array(z.object({ lineNo: z.int().min(1).max(50), productId: z.uuid().describe('One of the supplier’s own products on sale, of the line’s 品目'), unitPriceFen: z.int().min(1).max(UNIT_PRICE_MAX_FEN) }))
      .min(1)
      .max(50),
  })
  .meta({ id: 'MallQuoteInput' });

export const basketDecisionInput = z
  .object({
    decision: z.enum(['confirm', 'decline']).describe('confirm: take the lowest quote meeting the basket despite too few quotes; decline: the bidding fails'),
    reason: z.string().trim().min(2).max(2000),
    revision: z.int().min(1),
  })
  .meta({ id: 'MallBasketDecision' });

/**
 * MALL-05, MALL-02, MALL-03: the purchaser publishes a basket: its budget within the mall threshold, its
 * close at least the minimum period away, the split warning as for an order. The admitted suppliers of
 * the province are invited; the close is a durable job.
 */
export async function publishBasket(ctx: Context, input: z.infer<typeof basketInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    // One purchaser's orders and baskets one at a time: the running total of MALL-03 cannot be raced past.
    const [purchaser] = await tx.select().from(entity).where(eq(entity.id, actor.entityId)).for('update');
    if (!purchaser) throw notFound(bilingual('采购人', 'Purchaser'));
    const lines: BasketLine[] = input.lines.map((l, i) => ({ lineNo: i + 1, ...l }));
    const budgetFen = basketBudgetFen(lines);
    const thresholdFen = await mallThresholdFen(tx, purchaser.regionCode);
    const over = thresholdProblem(budgetFen, thresholdFen);
    if (over) throw problemError(over);
    const now = ctx.platform.clock.now();
    const closesAt = new Date(input.closesAt);
    const settings = await biddingSettings(tx, purchaser.regionCode);
    const { value: policy } = await minimumPeriodPolicy(tx, purchaser.regionCode);
    const period = biddingPeriodProblem(await loadCalendar(tx), now, closesAt, settings, policy);
    if (period) throw problemError(period);
    const fiscalYear = fiscalYearOf(shanghaiDate(now));
    const splits = await splitChecks(tx, purchaser.id, fiscalYear, basketLineBudgets(lines), await splitThresholdFen(tx, purchaser.regionCode));
    refuseUnacknowledgedSplit(splits, input);
    const id = randomUUID();
    const row: BasketRow = {
      id,
      basketNumber: `DZJJ${shanghaiDate(now).replaceAll('-', '')}-${id.slice(0, 6).toUpperCase()}`,
      purchaserEntityId: purchaser.id,
      regionCode: purchaser.regionCode,
      title: input.title,
      lines,
      budgetFen,
      deliveryAddress: input.deliveryAddress,
      fiscalYear,
      publishedAt: now,
      publishedBy: actor.personId,
      closesAt,
      minimumQuotes: settings.minimumQuotes,
      tooFewQuotes: settings.tooFewQuotes,
      status: 'bidding',
      splitFlag: splits.length ? { checks: splits, reason: input.splitReason } : null,
      outcome: null,
      closedAt: null,
      supplierEntityId: null,
      awardFen: null,
      orderId: null,
      contractId: null,
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
      revision: 1,
    };
    await tx.insert(mallBasket).values(row);
    await enqueueJob(tx, now, { kind: MALL_BASKET_CLOSE_JOB, payload: { basketId: id }, runAt: closesAt, dedupeKey: `${MALL_BASKET_CLOSE_JOB}:${id}` });
    const invited = await tx.select({ entityId: mallSupplier.entityId }).from(mallSupplier).where(inRegion(mallSupplier.regionCode, provinceOf(purchaser.regionCode)));
    await notify(
      tx,
      now,
      invited.map((s) => ({
        to: supplierDesk(s.entityId),
        title: bilingual(`电子卖场网上竞价 ${row.basketNumber}`, `Mall bidding ${row.basketNumber}`),
        body: bilingual(`${purchaser.name}发起网上竞价《${row.title}》，${shanghaiDate(closesAt)}截止，请在截止前报价（仅可报价一次）。`, `${purchaser.name} put “${row.title}” out for quotes until ${shanghaiDate(closesAt)}: quote once before the close.`),
        link: `/workspace/mall/baskets/${id}`,
        subject: { type: 'mall_basket', id },
      })),
    );
    audit.record({ action: 'mall.basket_publish', subjectType: 'mall_basket', subjectId: id, regionCode: purchaser.regionCode, after: { basketNumber: row.basketNumber, title: row.title, lines, budgetFen, closesAt: closesAt.toISOString(), splitFlag: row.splitFlag } });
    return (await basketViews(tx, ctx, [row]))[0]!;
  });
}

async function admittedActive(db: Db, entityIds: string[]): Promise<Set<string>> {
  if (!entityIds.length) return new Set();
  const rows = await db
    .select({ id: mallSupplier.entityId })
    .from(mallSupplier)
    .innerJoin(entity, eq(entity.id, mallSupplier.entityId))
    .where(and(inArray(mallSupplier.entityId, entityIds), eq(entity.status, 'active')));
  return new Set(rows.map((r) => r.id));
}

async function productsOf(db: Db, ids: string[]) {
  return ids.length ? db.select().from(mallProduct).where(inArray(mallProduct.id, [...new Set(ids)])) : [];
}

interface SealedQuote {
  lines: QuoteLineInput[];
  totalFen: number;
}

/**
 * MALL-06: an admitted supplier quotes once, before the close: every line with one of its own products
 * on sale, the total within the budget. Sealed under the platform's key; the audit entry is sealed as an
 * offer (disclosed at the close), nobody is told, and the basket's revision does not move.
 */
export async function submitQuote(ctx: Context, basketId: string, input: z.infer<typeof quoteInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const actor = ctx.actor!;
    // Shared with other quotes, exclusive with the close: a quote either lands before the close opens them, or is refused.
    const [b] = await tx.select().from(mallBasket).where(eq(mallBasket.id, basketId)).for('share');
    if (!b) throw notFound(bilingual('网上竞价', 'Bidding'));
    const admitted = (await admittedActive(tx, [actor.entityId])).has(actor.entityId);
    const [mine] = await tx.select({ basketId: mallQuote.basketId }).from(mallQuote).where(and(eq(mallQuote.basketId, basketId), eq(mallQuote.supplierEntityId, actor.entityId)));
    const now = ctx.platform.clock.now();
    const timing = quoteTimingProblem({ admitted, status: b.status, now, closesAt: b.closesAt, alreadyQuoted: Boolean(mine) });
    if (timing) throw problemError(timing, timing.code === 'NOT_ADMITTED' ? 403 : 409);
    const [lineProblem] = quoteLineProblems(b.lines, input.lines, await productsOf(tx, input.lines.map((l) => l.productId)), actor.entityId, b.regionCode);
    if (lineProblem) throw problemError(lineProblem);
    const totalFen = quoteTotalFen(b.lines, input.lines);
    const over = budgetProblem(totalFen, b.budgetFen);
    if (over) throw problemError(over);
    const content: SealedQuote = { lines: input.lines, totalFen };
    const inserted = await tx
      .insert(mallQuote)
      .values({ basketId, supplierEntityId: actor.entityId, sealedContent: ctx.platform.sealer.seal(JSON.stringify(content)), submittedAt: now, submittedBy: actor.personId })
      .onConflictDoNothing()
      .returning({ basketId: mallQuote.basketId });
    if (!inserted.length) throw problemError(quoteTimingProblem({ admitted, status: b.status, now, closesAt: b.closesAt, alreadyQuoted: true })!, 409);
    audit.record({ action: 'mall.quote', subjectType: 'mall_basket', subjectId: basketId, regionCode: b.regionCode, projectId: null, sealed: 'offer', after: { supplierEntityId: actor.entityId, submittedAt: now.toISOString() } });
    return { basketId, submittedAt: now.toISOString(), totalFen, lines: input.lines };
  });
}

/** The quotes of a basket, opened: each with what keeps it from meeting the basket now (MALL-06 again, at the close). */
async function openQuotes(tx: Db, ctx: Context, b: BasketRow): Promise<(OpenedQuote & { lines: QuoteLineInput[] })[]> {
  const rows = await tx.select().from(mallQuote).where(eq(mallQuote.basketId, b.id)).orderBy(asc(mallQuote.quoteNo));
  const quotes = rows.map((r) => ({ row: r, content: JSON.parse(ctx.platform.sealer.unseal(r.sealedContent)) as SealedQuote }));
  const admitted = await admittedActive(tx, rows.map((r) => r.supplierEntityId));
  const products = await productsOf(tx, quotes.flatMap((q) => q.content.lines.map((l) => l.productId)));
  return quotes.map(({ row, content }) => {
    const problems: MallProblem[] = [];
    const timing = quoteTimingProblem({ admitted: admitted.has(row.supplierEntityId), status: 'bidding', now: row.submittedAt, closesAt: b.closesAt, alreadyQuoted: false });
    if (timing) problems.push(timing);
    problems.push(...quoteLineProblems(b.lines, content.lines, products, row.supplierEntityId, b.regionCode));
    const over = budgetProblem(content.totalFen, b.budgetFen);
    if (over) problems.push(over);
    return { supplierEntityId: row.supplierEntityId, totalFen: content.totalFen, submittedAt: row.submittedAt, quoteNo: row.quoteNo, problems, lines: content.lines };
  });
}

/** The award: the winning quote's lines become a mall order and its signed contract (the direct order's path). */
async function award(tx: Db, ctx: Context, audit: AuditRecorder, b: BasketRow, winner: OpenedQuote & { lines: QuoteLineInput[] }) {
  const [purchaser] = await tx.select().from(entity).where(eq(entity.id, b.purchaserEntityId));
  const products = new Map((await productsOf(tx, winner.lines.map((l) => l.productId))).map((p) => [p.id, p]));
  const lines: MallOrderLine[] = b.lines.map((l) => {
    const q = winner.lines.find((x) => x.lineNo === l.lineNo)!;
    const p = products.get(q.productId)!;
    return { productId: p.id, categoryCode: p.categoryCode, name: p.name, specification: p.specification, quantity: l.quantity, unitPriceFen: q.unitPriceFen, totalFen: q.unitPriceFen * l.quantity };
  });
  return recordMallOrder(tx, ctx, audit, {
    purchaser: { id: b.purchaserEntityId, name: purchaser!.name, regionCode: b.regionCode },
    supplierEntityId: winner.supplierEntityId,
    lines,
    deliveryAddress: b.deliveryAddress,
    // The basket's year: it was committed, and counted in the running totals, then (MALL-03).
    fiscalYear: b.fiscalYear,
    // Flagged once, on the basket itself (supervision lists it there).
    splitFlag: null,
    orderedBy: b.publishedBy,
    basket: { id: b.id, basketNumber: b.basketNumber, title: b.title },
  });
}

const outcomeOf = (quotes: readonly OpenedQuote[], decision: ReturnType<typeof closeDecision>): BasketOutcome => {
  const ranked = rankQuotes(quotes);
  return {
    quotes: quotes.map((q) => ({
      supplierEntityId: q.supplierEntityId,
      totalFen: q.totalFen,
      submittedAt: q.submittedAt.toISOString(),
      rank: ranked.indexOf(q) >= 0 ? ranked.indexOf(q) + 1 : null,
      problems: q.problems.map((p) => ({ code: p.code, messages: p.messages })),
    })),
    meeting: decision.meeting,
    bestSupplierEntityId: ranked[0]?.supplierEntityId ?? null,
    reason: decision.reason,
  };
};

const ACTION_OF = { award: 'mall.basket_award', fail: 'mall.basket_fail', awaitConfirmation: 'mall.basket_await_confirmation', confirm: 'mall.basket_confirm', decline: 'mall.basket_decline' } as const;

/**
 * MALL-07: the close. Opens the sealed quotes, checks each against the basket again, and awards the
 * lowest that meets it (ties: the earliest received); with fewer than the minimum it fails or waits for
 * the purchaser (setting). Everyone who quoted, and the purchaser, are told the result.
 */
export async function closeBasket(ctx: Context, basketId: string): Promise<{ status: BasketStatus } | { notYet: Date }> {
  const [before] = await ctx.platform.database.db.select({ status: mallBasket.status, closesAt: mallBasket.closesAt }).from(mallBasket).where(eq(mallBasket.id, basketId));
  if (!before) throw new Error(`no basket ${basketId}`);
  if (before.status !== 'bidding') return { status: before.status };
  if (quotesSealed(before.closesAt, ctx.platform.clock.now())) return { notYet: before.closesAt };
  return inTransaction(ctx, async (tx, audit) => {
    const [b] = await tx.select().from(mallBasket).where(eq(mallBasket.id, basketId)).for('update');
    const now = ctx.platform.clock.now();
    // Closed by another run meanwhile: this run fails and its retry finds the basket closed.
    if (!b || b.status !== 'bidding' || quotesSealed(b.closesAt, now)) throw new Error(`basket ${basketId} changed while closing`);
    const quotes = await openQuotes(tx, ctx, b);
    // The rule announced with the basket, not the settings of today.
    const decision = closeDecision(quotes, b);
    const outcome = outcomeOf(quotes, decision);
    const status = basketTransition(decision.transition, b.status);
    const awarded = decision.transition === 'award' ? await award(tx, ctx, audit, b, decision.best as (typeof quotes)[number]) : null;
    await tx
      .update(mallBasket)
      .set({ status, outcome, closedAt: now, supplierEntityId: awarded ? decision.best!.supplierEntityId : null, awardFen: awarded?.totalFen ?? null, orderId: awarded?.id ?? null, contractId: awarded?.contractId ?? null, revision: b.revision + 1 })
      .where(eq(mallBasket.id, b.id));
    await tellResult(tx, now, b, quotes, decision.transition, awarded ? decision.best!.supplierEntityId : null, decision.reason);
    audit.record({ action: ACTION_OF[decision.transition], subjectType: 'mall_basket', subjectId: b.id, regionCode: b.regionCode, before: { status: b.status }, after: { status, outcome, orderNumber: awarded?.orderNumber ?? null, contractId: awarded?.contractId ?? null } });
    return { status };
  });
}

/** The purchaser and every supplier that quoted learn the result (the winner is told by its order's notice). */
async function tellResult(tx: Db, now: Date, b: BasketRow, quotes: readonly OpenedQuote[], transition: keyof typeof ACTION_OF, winner: string | null, reason: Bilingual) {
  const link = `/workspace/mall/baskets/${b.id}`;
  const subject = { type: 'mall_basket', id: b.id };
  const toPurchaser =
    transition === 'awaitConfirmation'
      ? { title: bilingual(`网上竞价 ${b.basketNumber} 待确认`, `Bidding ${b.basketNumber}: your decision`), body: bilingual(`《${b.title}》${reason['zh-CN']}。`, `“${b.title}”: ${reason['en-US']}.`) }
      : winner
        ? { title: bilingual(`网上竞价 ${b.basketNumber} 已成交`, `Bidding ${b.basketNumber} awarded`), body: bilingual(`《${b.title}》已按最低报价成交，合同已生成。`, `“${b.title}” went to the lowest quote; the contract is written.`) }
        : { title: bilingual(`网上竞价 ${b.basketNumber} 失败`, `Bidding ${b.basketNumber} failed`), body: bilingual(`《${b.title}》：${reason['zh-CN']}。`, `“${b.title}”: ${reason['en-US']}.`) };
  await notify(tx, now, [
    { to: { entityId: b.purchaserEntityId, role: 'purchaser' }, ...toPurchaser, link, subject },
    ...quotes
      .filter((q) => q.supplierEntityId !== winner)
      .map((q) => ({
        to: supplierDesk(q.supplierEntityId),
        title: bilingual(`网上竞价 ${b.basketNumber} 结果`, `Bidding ${b.basketNumber}: the result`),
        body: winner ? bilingual(`《${b.title}》已由其他供应商成交。`, `Another supplier won “${b.title}”.`) : transition === 'awaitConfirmation' ? bilingual(`《${b.title}》报价不足，待采购人确认。`, `“${b.title}”: too few quotes, the purchaser decides.`) : bilingual(`《${b.title}》竞价失败。`, `“${b.title}”: the bidding failed.`),
        link,
        subject,
      })),
  ]);
}

/** MALL-07: the durable job at the close (run again later if the clock has not reached it, e.g. a close moved later). */
export const basketCloseHandler =
  (platform: Platform): JobHandler =>
  async (payload, control) => {
    const result = await closeBasket(systemContext(platform), String(payload.basketId));
    if ('notYet' in result) control.reschedule(result.notYet);
    return result;
  };

/**
 * MALL-07: where the region lets it, the purchaser confirms the lowest of too few quotes (checked against
 * the basket again: stock may have gone since the close) or declines, with its reason.
 */
export async function decideBasket(ctx: Context, basketId: string, input: z.infer<typeof basketDecisionInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const [b] = await tx.select().from(mallBasket).where(eq(mallBasket.id, basketId)).for('update');
    if (!b) throw notFound(bilingual('网上竞价', 'Bidding'));
    if (b.status !== 'awaitingConfirmation') throw conflict('NOT_AWAITING_CONFIRMATION', bilingual('该网上竞价不需要采购人确认', 'This bidding is not waiting for your decision'));
    if (b.revision !== input.revision) throw staleRevision();
    const now = ctx.platform.clock.now();
    const status = basketTransition(input.decision, b.status);
    let awarded: Awaited<ReturnType<typeof award>> | null = null;
    let winner: string | null = null;
    if (input.decision === 'confirm') {
      const quotes = await openQuotes(tx, ctx, b);
      const best = rankQuotes(quotes)[0];
      if (!best) throw new DomainError('NO_QUOTE_MEETS', bilingual('现已没有符合竞价要求的报价（商品可能已下架或库存不足），不能确认成交', 'No quote meets the basket any more (a product may be withdrawn or sold out): nothing to confirm'), 409, {}, 'MALL-07');
      awarded = await award(tx, ctx, audit, b, best);
      winner = best.supplierEntityId;
    }
    await tx
      .update(mallBasket)
      .set({ status, supplierEntityId: winner, awardFen: awarded?.totalFen ?? null, orderId: awarded?.id ?? null, contractId: awarded?.contractId ?? null, decidedAt: now, decidedBy: ctx.actor!.personId, decisionReason: input.reason, revision: b.revision + 1 })
      .where(eq(mallBasket.id, b.id));
    const quoted = (b.outcome?.quotes ?? []).map((q) => q.supplierEntityId).filter((id) => id !== winner);
    await notify(
      tx,
      now,
      quoted.map((id) => ({
        to: supplierDesk(id),
        title: bilingual(`网上竞价 ${b.basketNumber} 结果`, `Bidding ${b.basketNumber}: the result`),
        body: winner ? bilingual(`《${b.title}》已由采购人确认其他供应商成交。`, `The purchaser took another supplier’s quote for “${b.title}”.`) : bilingual(`《${b.title}》采购人未确认成交，竞价失败。`, `The purchaser declined: “${b.title}” failed.`),
        link: `/workspace/mall/baskets/${b.id}`,
        subject: { type: 'mall_basket', id: b.id },
      })),
    );
    audit.record({ action: ACTION_OF[input.decision], subjectType: 'mall_basket', subjectId: b.id, regionCode: b.regionCode, before: { status: b.status }, after: { status, reason: input.reason, supplierEntityId: winner, awardFen: awarded?.totalFen ?? null, contractId: awarded?.contractId ?? null } });
    return (await basketViews(tx, ctx, [{ ...b, status, supplierEntityId: winner, awardFen: awarded?.totalFen ?? null, orderId: awarded?.id ?? null, contractId: awarded?.contractId ?? null, decidedAt: now, decidedBy: ctx.actor!.personId, decisionReason: input.reason, revision: b.revision + 1 }]))[0]!;
  });
}

// ——— Who reads a basket, and what of it ———

interface BasketFacts {
  purchaserEntityId: string;
  regionCode: string;
}
const isPurchaserOf = (actor: Actor | null, f: BasketFacts) => Boolean(actor?.roles.includes('purchaser') && actor.entityId === f.purchaserEntityId);
/** Suppliers of the province read the baskets put out there (a 竞价 is an open call to the mall's suppliers). */
const isSupplierIn = (actor: Actor | null, f: BasketFacts) => Boolean(actor?.roles.includes('supplier') && provinceOf(actor.regionCode) === provinceOf(f.regionCode));
const overseesBasket = (actor: Actor | null, f: BasketFacts) => Boolean(actor && oversees(actor.roles) && regionCovers(actor.regionCode, f.regionCode));

export const basketGuard: SubjectGuard<BasketFacts> = {
  name: bilingual('网上竞价', 'Bidding'),
  async load(db, id) {
    const [b] = await db.select({ purchaserEntityId: mallBasket.purchaserEntityId, regionCode: mallBasket.regionCode }).from(mallBasket).where(eq(mallBasket.id, id));
    return b ?? null;
  },
  decide(actor, action, f) {
    if (!isPurchaserOf(actor, f) && !isSupplierIn(actor, f) && !overseesBasket(actor, f)) return 'hidden';
    if (action === 'read') return 'allowed';
    if (action === 'quote') return isSupplierIn(actor, f) ? 'allowed' : 'denied';
    if (action === 'decide') return isPurchaserOf(actor, f) ? 'allowed' : 'denied';
    return 'denied';
  },
};

/** The baskets a reader sees: its own entity's (purchaser), its province's (supplier), its region's (overseers). */
function readableBaskets(actor: Actor): SQL {
  const clauses: SQL[] = [];
  if (actor.roles.includes('purchaser')) clauses.push(eq(mallBasket.purchaserEntityId, actor.entityId));
  if (actor.roles.includes('supplier')) clauses.push(inRegion(mallBasket.regionCode, provinceOf(actor.regionCode)));
  if (oversees(actor.roles)) clauses.push(inRegion(mallBasket.regionCode, actor.regionCode));
  return clauses.length ? or(...clauses)! : sql`false`;
}

export const basketQuery = z.object({ status: z.enum(['bidding', 'awaitingConfirmation', 'awarded', 'failed']).optional() });

export async function listBaskets(ctx: Context, q: z.infer<typeof basketQuery>) {
  const db = ctx.platform.database.db;
  const rows = await db
    .select()
    .from(mallBasket)
    .where(and(readableBaskets(ctx.actor!), q.status ? eq(mallBasket.status, q.status) : undefined))
    .orderBy(desc(mallBasket.publishedAt))
    .limit(200);
  return { items: await basketViews(db, ctx, rows) };
}

/** MALL-03 (GP-94) for supervision: the baskets of the reader's region published with an acknowledged split warning. */
export async function flaggedBaskets(ctx: Context) {
  const db = ctx.platform.database.db;
  const rows = await db.select().from(mallBasket).where(and(isNotNull(mallBasket.splitFlag), inRegion(mallBasket.regionCode, ctx.actor!.regionCode))).orderBy(desc(mallBasket.publishedAt)).limit(500);
  return { items: await basketViews(db, ctx, rows) };
}

export async function getBasket(ctx: Context, basketId: string) {
  const db = ctx.platform.database.db;
  const [b] = await db.select().from(mallBasket).where(eq(mallBasket.id, basketId));
  if (!b) throw notFound(bilingual('网上竞价', 'Bidding'));
  return (await basketViews(db, ctx, [b]))[0]!;
}

/**
 * A basket as its reader may see it. Before the close nobody sees a quote, who made one or how many
 * there are — the purchaser and the operator included; a supplier sees its own. After the close the
 * result (winner, price) is published to every reader; the opened quotes, with why any did not meet
 * the basket, to the purchaser and those overseeing it.
 */
async function basketViews(db: Db, ctx: Context, rows: BasketRow[]) {
  const actor = ctx.actor;
  const now = ctx.platform.clock.now();
  const names = await entitySummaries(db, rows.flatMap((r) => [r.purchaserEntityId, ...(r.outcome?.quotes.map((q) => q.supplierEntityId) ?? []), ...(r.supplierEntityId ? [r.supplierEntityId] : [])]));
  const supplierId = actor?.roles.includes('supplier') ? actor.entityId : null;
  const mine = supplierId && rows.length ? await db.select().from(mallQuote).where(and(inArray(mallQuote.basketId, rows.map((r) => r.id)), eq(mallQuote.supplierEntityId, supplierId))) : [];
  const admitted = supplierId ? (await admittedActive(db, [supplierId])).has(supplierId) : false;
  const myProducts = new Map(mine.length ? (await productsOf(db, mine.flatMap((m) => (JSON.parse(ctx.platform.sealer.unseal(m.sealedContent)) as SealedQuote).lines.map((l) => l.productId)))).map((p) => [p.id, p]) : []);
  const contracts = await contractSummaries(db, rows.flatMap((r) => (r.contractId ? [r.contractId] : [])));
  const name = (id: string) => names.get(id)?.name ?? '';
  return rows.map((r) => {
    const purchaserReads = isPurchaserOf(actor, r);
    const overseer = overseesBasket(actor, r);
    const wonByMe = supplierId !== null && r.supplierEntityId === supplierId;
    const own = mine.find((m) => m.basketId === r.id);
    const ownContent = own ? (JSON.parse(ctx.platform.sealer.unseal(own.sealedContent)) as SealedQuote) : null;
    const sealed = quotesSealed(r.closesAt, now);
    const c = r.contractId ? contracts.get(r.contractId) : undefined;
    return {
      id: r.id,
      basketNumber: r.basketNumber,
      title: r.title,
      purchaserName: name(r.purchaserEntityId),
      regionCode: r.regionCode,
      lines: r.lines,
      budgetFen: r.budgetFen,
      deliveryAddress: r.deliveryAddress,
      publishedAt: r.publishedAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      status: r.status,
      sealed,
      revision: r.revision,
      splitFlag: purchaserReads || overseer ? r.splitFlag : null,
      // Published: who won, at what price; or why it failed (MALL-07).
      result:
        r.status === 'awarded'
          ? { supplierName: name(r.supplierEntityId!), priceFen: r.awardFen!, reason: r.outcome?.reason ?? null }
          : r.status === 'failed' || r.status === 'awaitingConfirmation'
            ? { supplierName: null, priceFen: null, reason: r.status === 'failed' && r.decisionReason ? bilingual(`采购人未确认成交：${r.decisionReason}`, `The purchaser declined: ${r.decisionReason}`) : (r.outcome?.reason ?? null) }
            : null,
      quotes:
        (purchaserReads || overseer) && r.outcome
          ? r.outcome.quotes.map((q) => ({ supplierName: name(q.supplierEntityId), totalFen: q.totalFen, submittedAt: q.submittedAt, rank: q.rank, problems: q.problems }))
          : null,
      minimumQuotes: r.minimumQuotes,
      tooFewQuotes: r.tooFewQuotes,
      myQuote:
        own && ownContent
          ? {
              submittedAt: own.submittedAt.toISOString(),
              totalFen: ownContent.totalFen,
              lines: ownContent.lines.map((l) => ({ ...l, productName: myProducts.get(l.productId)?.name ?? '' })),
            }
          : null,
      contract: c && (purchaserReads || overseer || wonByMe) ? c : null,
      mayQuote: Boolean(supplierId) && admitted && !own && r.status === 'bidding' && sealed,
      mayDecide: purchaserReads && r.status === 'awaitingConfirmation',
    };
  });
}

async function contractSummaries(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, { id: string; contractNumber: string; status: string }>();
  const rows = await db.select({ id: contract.id, contractNumber: contract.contractNumber, status: contract.status }).from(contract).where(inArray(contract.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** 竞价结果 (MALL-07), published to anyone: each closed basket's purchaser, what was bought, and who won at what price (or that it failed). */
export async function publishedResults(db: Db) {
  const rows = await db.select().from(mallBasket).where(inArray(mallBasket.status, ['awarded', 'failed'])).orderBy(desc(mallBasket.closedAt)).limit(100);
  const names = await entitySummaries(db, rows.flatMap((r) => [r.purchaserEntityId, ...(r.supplierEntityId ? [r.supplierEntityId] : [])]));
  return {
    items: rows.map((r) => ({
      basketNumber: r.basketNumber,
      title: r.title,
      purchaserName: names.get(r.purchaserEntityId)?.name ?? '',
      regionCode: r.regionCode,
      lines: r.lines.map((l) => ({ name: l.name, specification: l.specification, quantity: l.quantity })),
      closedAt: (r.decidedAt ?? r.closedAt)?.toISOString() ?? null,
      status: r.status,
      supplierName: r.supplierEntityId ? (names.get(r.supplierEntityId)?.name ?? '') : null,
      priceFen: r.awardFen,
    })),
  };
}
