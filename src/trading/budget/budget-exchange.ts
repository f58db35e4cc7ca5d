import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries } from '../../identity';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual } from '../../platform/errors';
import { formatYuan } from '../../platform/money';
import { inTransaction } from '../../platform/unit-of-work';
import { paymentApplication } from '../../money/payments/payments.schema';
import { contract } from '../contract/contract.schema';
import { budgetLine, plan, project } from '../trading.schema';
import { budgetLineInput, budgetLineView, listBudgetLines } from './budget';

/**
 * The budget loop with the budget-management system (预算管理一体化, seeds 003, 004): its lines come
 * in through an import, and what plans, contracts and payments did with them goes back through an
 * export. The built-in adapter is a JSON file/API exchange in the format below (`budget-exchange/1`):
 * the budget system, or a newcomer with a file, posts its lines and reads the flows back. An adapter
 * for another system translates its documents into these two shapes.
 */
export const EXCHANGE_FORMAT = 'budget-exchange/1' as const;

export const importedLine = budgetLineInput.extend({
  lineId: z.string().trim().min(1).max(100).describe('The budget system’s own id of the line: importing it again changes nothing'),
});
export const budgetImportInput = z.object({
  format: z.literal(EXCHANGE_FORMAT).optional(),
  lines: z.array(importedLine).min(1).max(2000),
});
export type ImportedLine = z.infer<typeof importedLine>;

type Existing = { id: string; sourceLineId: string | null; fiscalYear: number; code: string; name: string; category: string; amountFen: number };
export type ImportDecision = { kind: 'create' } | { kind: 'unchanged'; id: string } | { kind: 'link'; id: string } | { kind: 'refuse'; code: string; messages: ReturnType<typeof bilingual> };

const sameLine = (a: Existing, b: ImportedLine) => a.fiscalYear === b.fiscalYear && a.code === b.code && a.name === b.name && a.category === b.category && a.amountFen === b.amountFen;

/**
 * What an imported line does to the purchaser's lines. The same line id again changes nothing; a
 * line whose figures changed since it was imported is refused, not applied: plans have drawn on it,
 * and an adjustment of the budget (预算调整) is a decision the purchaser takes knowingly (a new
 * line id, or by hand), not something a re-sent file does silently. A line entered by hand earlier
 * with the same code is linked to the budget system's id when it agrees, refused when it does not.
 */
export function importDecision(line: ImportedLine, bySource: Existing | undefined, byCode: Existing | undefined): ImportDecision {
  if (bySource) {
    if (sameLine(bySource, line)) return { kind: 'unchanged', id: bySource.id };
    const amount = bySource.amountFen !== line.amountFen;
    return {
      kind: 'refuse',
      code: 'BUDGET_LINE_CHANGED',
      messages: amount
        ? bilingual(
            `预算指标${line.lineId}（${line.code}）已导入，金额${formatYuan(bySource.amountFen)}元，本次为${formatYuan(line.amountFen)}元：已导入的指标不随重复导入变更，预算调整请以新指标下达`,
            `Budget line ${line.lineId} (${line.code}) was imported at ${formatYuan(bySource.amountFen)} yuan and now reads ${formatYuan(line.amountFen)} yuan: an imported line does not change on re-import; issue an adjustment as a new line`,
          )
        : bilingual(`预算指标${line.lineId}（${line.code}）已导入，内容与本次不一致`, `Budget line ${line.lineId} (${line.code}) was imported with different details`),
    };
  }
  if (byCode) {
    if (byCode.sourceLineId === null && sameLine(byCode, line)) return { kind: 'link', id: byCode.id };
    return {
      kind: 'refuse',
      code: 'BUDGET_LINE_EXISTS',
      messages: bilingual(`${line.fiscalYear}年度指标编码${line.code}已存在且与导入内容不一致`, `Budget line code ${line.code} of ${line.fiscalYear} already exists with different details`),
    };
  }
  return { kind: 'create' };
}

/** Imports the budget system's lines for the purchaser: all of the file or none of it. */
export async function importBudgetLines(ctx: Context, input: z.infer<typeof budgetImportInput>) {
  const actor = ctx.actor!;
  const seen = new Set<string>();
  for (const [i, l] of input.lines.entries()) {
    if (seen.has(l.lineId)) throw new DomainError('DUPLICATE_LINE', bilingual(`文件中预算指标${l.lineId}重复`, `Budget line ${l.lineId} appears twice in the file`), 422, { field: `lines.${i}.lineId` });
    seen.add(l.lineId);
  }
  return inTransaction(ctx, async (tx, audit) => {
    const mine = await tx.select().from(budgetLine).where(eq(budgetLine.purchaserEntityId, actor.entityId)).for('update');
    const outcome = { created: [] as string[], linked: [] as string[], unchanged: [] as string[] };
    const now = ctx.platform.clock.now();
    for (const [i, line] of input.lines.entries()) {
      const decision = importDecision(
        line,
        mine.find((m) => m.sourceLineId === line.lineId),
        mine.find((m) => m.fiscalYear === line.fiscalYear && m.code === line.code),
      );
      if (decision.kind === 'refuse') throw new DomainError(decision.code, decision.messages, 409, { field: `lines.${i}`, lineId: line.lineId });
      if (decision.kind === 'unchanged') outcome.unchanged.push(line.lineId);
      if (decision.kind === 'link') {
        await tx.update(budgetLine).set({ sourceLineId: line.lineId }).where(eq(budgetLine.id, decision.id));
        outcome.linked.push(line.lineId);
      }
      if (decision.kind === 'create') {
        const { lineId, ...fields } = line;
        const [row] = await tx.insert(budgetLine).values({ id: randomUUID(), purchaserEntityId: actor.entityId, regionCode: actor.regionCode, ...fields, sourceLineId: lineId, createdAt: now }).returning();
        mine.push(row!);
        outcome.created.push(lineId);
        audit.record({ action: 'budgetLine.import', subjectType: 'budgetLine', subjectId: row!.id, regionCode: actor.regionCode, after: { ...budgetLineView(row!), sourceLineId: lineId } });
      }
    }
    // The import itself is on the trail even when it changed nothing (a re-sent file).
    audit.record({ action: 'budgetLine.import_file', subjectType: 'entity', subjectId: actor.entityId, regionCode: actor.regionCode, detail: outcome });
    return { created: outcome.created.length, linked: outcome.linked.length, unchanged: outcome.unchanged.length };
  });
}

/** What goes back to the budget system: per line, the plans drawn, the contracts committed, the payments made. */
export async function exportBudgetFlows(db: Db, purchaserEntityId: string, now: Date) {
  const lines = await listBudgetLines(db, purchaserEntityId);
  const rows = await db.select({ id: budgetLine.id, sourceLineId: budgetLine.sourceLineId }).from(budgetLine).where(eq(budgetLine.purchaserEntityId, purchaserEntityId));
  const plans = await db.select().from(plan).where(eq(plan.purchaserEntityId, purchaserEntityId)).orderBy(asc(plan.createdAt));
  const planOf = new Map(plans.map((p) => [p.id, p.budgetLineId]));
  const projects = plans.length ? await db.select({ id: project.id, planId: project.planId }).from(project).where(inArray(project.planId, plans.map((p) => p.id))) : [];
  const lineOfProject = new Map(projects.map((p) => [p.id, planOf.get(p.planId)!]));
  const projectIds = projects.map((p) => p.id);
  const contracts = projectIds.length
    ? await db.select().from(contract).where(and(inArray(contract.projectId, projectIds), inArray(contract.status, ['signed', 'completed']))).orderBy(asc(contract.signedAt))
    : [];
  const payments = projectIds.length
    ? await db.select().from(paymentApplication).where(and(inArray(paymentApplication.projectId, projectIds), eq(paymentApplication.status, 'paid'))).orderBy(asc(paymentApplication.paidOn))
    : [];
  const me = (await entitySummaries(db, [purchaserEntityId])).get(purchaserEntityId);
  return {
    format: EXCHANGE_FORMAT,
    exportedAt: now.toISOString(),
    purchaser: { name: me?.name ?? '', creditCode: me?.creditCode ?? '' },
    lines: lines.map((l) => ({
      lineId: rows.find((r) => r.id === l.id)?.sourceLineId ?? null,
      budgetLineId: l.id,
      fiscalYear: l.fiscalYear,
      code: l.code,
      name: l.name,
      amountFen: l.amountFen,
      plannedFen: l.amountFen - l.remainingFen,
      contractedFen: l.contractedFen,
      paidFen: l.paidFen,
      plans: plans.filter((p) => p.budgetLineId === l.id).map((p) => ({ planId: p.id, title: p.title, amountFen: p.amountFen, status: p.status })),
      contracts: contracts
        .filter((c) => lineOfProject.get(c.projectId!) === l.id)
        .map((c) => ({ contractNumber: c.contractNumber, title: c.title, priceFen: c.priceFen, status: c.status as 'signed' | 'completed', signedAt: c.signedAt?.toISOString() ?? null })),
      payments: payments
        .filter((p) => lineOfProject.get(p.projectId!) === l.id)
        .map((p) => ({ applicationNumber: p.applicationNumber, contractId: p.contractId, milestoneNo: p.milestoneNo, totalFen: p.totalFen, paidOn: p.paidOn, voucherNumber: p.voucherNumber })),
    })),
  };
}

const flowLine = z.object({
  lineId: z.string().nullable().describe('The budget system’s id; null for a line entered by hand'),
  budgetLineId: z.uuid(),
  fiscalYear: z.int(),
  code: z.string(),
  name: z.string(),
  amountFen: z.int(),
  plannedFen: z.int().describe('Drawn by plans not cancelled'),
  contractedFen: z.int().describe('Committed by signed contracts'),
  paidFen: z.int().describe('Paid by the treasury'),
  plans: z.array(z.object({ planId: z.uuid(), title: z.string(), amountFen: z.int(), status: z.string() })),
  contracts: z.array(z.object({ contractNumber: z.string(), title: z.string(), priceFen: z.int(), status: z.enum(['signed', 'completed']), signedAt: z.string().nullable() })),
  payments: z.array(z.object({ applicationNumber: z.string(), contractId: z.uuid(), milestoneNo: z.int(), totalFen: z.int(), paidOn: z.string().nullable(), voucherNumber: z.string().nullable() })),
});
export const budgetExportSchema = z.object({ format: z.literal(EXCHANGE_FORMAT), exportedAt: z.string(), purchaser: z.object({ name: z.string(), creditCode: z.string() }), lines: z.array(flowLine) }).meta({ id: 'BudgetExchange' });
export const budgetImportResultSchema = z.object({ created: z.int(), linked: z.int(), unchanged: z.int() });

