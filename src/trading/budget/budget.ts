import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sum } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { formatYuan, MAX_FEN } from '../../platform/money';
import { inTransaction } from '../../platform/unit-of-work';
import { CATEGORIES } from '../methods/methods';
import { paymentApplication } from '../../money/payments/payments.schema';
import { contract } from '../contract/contract.schema';
import { budgetLine, plan, project } from '../trading.schema';

export const budgetLineInput = z.object({
  fiscalYear: z.int().min(2020).max(2100),
  code: z.string().trim().min(1).max(50).describe('指标编码 as issued by the budget system'),
  name: z.string().trim().min(1).max(200),
  category: z.enum(CATEGORIES),
  amountFen: z.int().positive().max(MAX_FEN),
});

export type BudgetLineRow = typeof budgetLine.$inferSelect;

/** What is left of a budget line: its amount less every plan drawn on it that is not cancelled. */
export async function committedFen(db: Db, budgetLineId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(plan.amountFen) })
    .from(plan)
    .where(and(eq(plan.budgetLineId, budgetLineId), ne(plan.status, 'cancelled')));
  return Number(row?.total ?? 0);
}

/**
 * The budget loop of a purchaser's lines (seeds 003, 004): what plans drew on each, what signed
 * contracts commit, and what the treasury has paid against them.
 */
export async function listBudgetLines(db: Db, purchaserEntityId: string) {
  const lines = await db.select().from(budgetLine).where(eq(budgetLine.purchaserEntityId, purchaserEntityId)).orderBy(budgetLine.fiscalYear, budgetLine.code);
  const contracted = await db
    .select({ lineId: plan.budgetLineId, total: sum(contract.priceFen) })
    .from(contract)
    .innerJoin(project, eq(project.id, contract.projectId))
    .innerJoin(plan, eq(plan.id, project.planId))
    .where(and(eq(plan.purchaserEntityId, purchaserEntityId), inArray(contract.status, ['signed', 'completed'])))
    .groupBy(plan.budgetLineId);
  const paid = await db
    .select({ lineId: plan.budgetLineId, total: sum(paymentApplication.totalFen) })
    .from(paymentApplication)
    .innerJoin(project, eq(project.id, paymentApplication.projectId))
    .innerJoin(plan, eq(plan.id, project.planId))
    .where(and(eq(plan.purchaserEntityId, purchaserEntityId), eq(paymentApplication.status, 'paid')))
    .groupBy(plan.budgetLineId);
  const of = (rows: { lineId: string | null; total: string | null }[], id: string) => Number(rows.find((r) => r.lineId === id)?.total ?? 0);
  return Promise.all(
    lines.map(async (l) => ({ ...budgetLineView(l), remainingFen: l.amountFen - (await committedFen(db, l.id)), contractedFen: of(contracted, l.id), paidFen: of(paid, l.id) })),
  );
}

export function budgetLineView(l: BudgetLineRow) {
  return { id: l.id, fiscalYear: l.fiscalYear, code: l.code, name: l.name, category: l.category, amountFen: l.amountFen, createdAt: l.createdAt.toISOString(), revision: l.revision };
}

/** The purchaser records a budget line issued by the budget system (预算管理一体化). */
export async function createBudgetLine(ctx: Context, input: z.infer<typeof budgetLineInput>) {
  const actor = ctx.actor!;
  return inTransaction(ctx, async (tx, audit) => {
    const [existing] = await tx
      .select({ id: budgetLine.id })
      .from(budgetLine)
      .where(and(eq(budgetLine.purchaserEntityId, actor.entityId), eq(budgetLine.fiscalYear, input.fiscalYear), eq(budgetLine.code, input.code)));
    if (existing) throw new DomainError('BUDGET_LINE_EXISTS', bilingual('该预算指标已录入', 'This budget line is already recorded'), 409, { field: 'code' });
    const [row] = await tx
      .insert(budgetLine)
      .values({ id: randomUUID(), purchaserEntityId: actor.entityId, regionCode: actor.regionCode, ...input, createdAt: ctx.platform.clock.now() })
      .returning();
    const view = budgetLineView(row!);
    audit.record({ action: 'budgetLine.create', subjectType: 'budgetLine', subjectId: row!.id, regionCode: actor.regionCode, after: view });
    return { ...view, remainingFen: view.amountFen, contractedFen: 0, paidFen: 0 };
  });
}

/**
 * Locks the budget line and checks that `amountFen` fits in what is left. The row lock
 * makes two plans drawn at the same moment wait for each other, so neither can overdraw.
 */
export async function reserveBudget(tx: Db, budgetLineId: string, purchaserEntityId: string, amountFen: number): Promise<BudgetLineRow> {
  const [line] = await tx
    .select()
    .from(budgetLine)
    .where(and(eq(budgetLine.id, budgetLineId), eq(budgetLine.purchaserEntityId, purchaserEntityId)))
    .for('update');
  if (!line) throw notFound(bilingual('预算指标', 'Budget line'));
  const remaining = line.amountFen - (await committedFen(tx, line.id));
  if (amountFen > remaining)
    throw new DomainError(
      'BUDGET_EXCEEDED',
      bilingual(`采购计划金额超过预算指标余额（余额${formatYuan(remaining)}元）`, `The plan exceeds what is left of the budget line (${formatYuan(remaining)} yuan left)`),
      422,
      { field: 'amountFen', remainingFen: remaining },
      'TR-04',
    );
  return line;
}
