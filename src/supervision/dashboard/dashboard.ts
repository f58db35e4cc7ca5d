import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { regionPrefix } from '../../identity';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import { queryRows } from '../../platform/database/database';
import { overduePayments as overduePaymentList } from '../../money/payments/payments';
import { overdueRefunds as overdueRefundList } from '../../money/refunds/refunds';
import { listCases } from '../complaints/complaints';

/**
 * 一屏管交易 (seeds 001, 002, 004): the supervisor's figures for its region and one trading type.
 * Every figure is computed from the records, in one pass each, and carries the link to the list
 * behind it in the web app. Only opened lots count bidders: before the deadline who bid is sealed.
 */
export const dashboardQuery = z.object({
  category: z.enum(['goods', 'services', 'works']).optional().describe('The trading type; all when absent'),
  months: z.coerce.number().int().min(1).max(36).default(12),
});

const num = (v: unknown) => Number(v ?? 0);

export async function dashboard(ctx: Context, q: z.infer<typeof dashboardQuery>) {
  const db = ctx.platform.database.db;
  const region = `${regionPrefix(ctx.actor!.regionCode)}%`;
  const inScope: SQL = sql`p.region_code LIKE ${region} ${q.category ? sql`AND p.category = ${q.category}` : sql``}`;
  const now = ctx.platform.clock.now();
  const since = new Date(now.getTime() - q.months * 31 * 86_400_000);

  const [byMonth, methods, bidders, money, disclosure, payment, alerts, running] = await Promise.all([
    queryRows<{ month: string; projects: number; budgetFen: string; contractFen: string }>(
      db,
      sql`SELECT to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(DISTINCT p.id)::int AS projects,
            coalesce(sum(l.budget_fen), 0)::text AS "budgetFen",
            coalesce(sum((SELECT sum(c.price_fen) FROM contract c WHERE c.lot_id = l.id AND c.status IN ('signed', 'completed'))), 0)::text AS "contractFen"
          FROM project p JOIN lot l ON l.project_id = p.id
          WHERE ${inScope} AND p.created_at >= ${since}
          GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<{ method: string; projects: number }>(db, sql`SELECT p.method, count(*)::int AS projects FROM project p WHERE ${inScope} GROUP BY 1 ORDER BY 2 DESC`),
    queryRows<{ bidders: number; lots: number }>(
      db,
      sql`SELECT n AS bidders, count(*)::int AS lots FROM (
            SELECT l.id, (SELECT count(*) FROM bid b WHERE b.lot_id = l.id AND b.status = 'decrypted')::int AS n
            FROM lot l JOIN project p ON p.id = l.project_id JOIN opening o ON o.lot_id = l.id
            WHERE ${inScope} AND o.status = 'closed') x GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<{ budgetFen: string; contractFen: string; smeFen: string; contracts: number }>(
      db,
      sql`SELECT coalesce(sum(l.budget_fen), 0)::text AS "budgetFen", coalesce(sum(c.price_fen), 0)::text AS "contractFen",
            coalesce(sum(c.price_fen) FILTER (WHERE e.sme_size IS NOT NULL), 0)::text AS "smeFen", count(*)::int AS contracts
          FROM contract c JOIN lot l ON l.id = c.lot_id JOIN project p ON p.id = c.project_id JOIN entity e ON e.id = c.supplier_entity_id
          WHERE ${inScope} AND c.status IN ('signed', 'completed')`,
    ),
    queryRows<{ awarded: number; published: number }>(
      db,
      sql`SELECT count(DISTINCT p.id)::int AS awarded,
            count(DISTINCT p.id) FILTER (WHERE EXISTS (SELECT 1 FROM notice n WHERE n.project_id = p.id AND n.notice_type = 'award'))::int AS published
          FROM project p JOIN lot l ON l.project_id = p.id JOIN award a ON a.lot_id = l.id
          WHERE ${inScope} AND a.status = 'awarded'`,
    ),
    queryRows<{ paid: number; avgDays: string | null }>(
      db,
      sql`SELECT count(*)::int AS paid, avg(pa.paid_on::date - (a.recorded_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS "avgDays"
          FROM payment_application pa JOIN contract c ON c.id = pa.contract_id JOIN project p ON p.id = c.project_id
          JOIN acceptance a ON a.contract_id = pa.contract_id AND a.milestone_no = pa.milestone_no
          WHERE ${inScope} AND pa.status = 'paid' AND pa.paid_on IS NOT NULL`,
    ),
    queryRows<{ code: string; open: number }>(
      db,
      sql`SELECT a.code, count(*)::int AS open FROM red_flag_alert a LEFT JOIN project p ON p.id = a.project_id
          WHERE a.region_code LIKE ${region} AND a.gone_at IS NULL AND a.status IN ('open', 'investigating') ${q.category ? sql`AND p.category = ${q.category}` : sql``}
          GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<{ kind: 'opening' | 'evaluation'; projectId: string; projectNumber: string; title: string; lotNo: number }>(
      db,
      // An opened lot is being evaluated once its committee's evaluation has begun, until its report.
      sql`SELECT CASE WHEN l.status = 'decrypting' THEN 'opening' ELSE 'evaluation' END AS kind, p.id AS "projectId", p.project_number AS "projectNumber", p.title, l.lot_no AS "lotNo"
          FROM lot l JOIN project p ON p.id = l.project_id LEFT JOIN committee c ON c.project_id = p.id
          WHERE ${inScope} AND (l.status = 'decrypting' OR (l.status = 'opened' AND c.status = 'evaluating' AND c.evaluation_starts_at <= ${now}))
          ORDER BY p.deadline DESC LIMIT 50`,
    ),
  ]);
  const overdueCases = (await listCases(ctx, { overdue: true })).items.length;
  // The overdue lists each belong to their own desk: refunds (GP-25) to the finance supervisor, SME payments (PAY-01) to it and the authority.
  const roles = ctx.actor!.roles;
  const overdueRefunds = roles.includes('supervisor') ? (await overdueRefundList(ctx)).items.length : null;
  const overduePayments = roles.includes('supervisor') || roles.includes('authority') ? (await overduePaymentList(ctx)).length : null;
  const m = money[0]!;
  const contractFen = num(m.contractFen);
  const budgetFen = num(m.budgetFen);
  return {
    asOf: shanghaiDate(now),
    category: q.category ?? null,
    byMonth: byMonth.map((r) => ({ month: r.month, projects: r.projects, budgetFen: num(r.budgetFen), contractFen: num(r.contractFen) })),
    methods,
    biddersPerLot: bidders,
    savings: { budgetFen, contractFen, rate: budgetFen ? (budgetFen - contractFen) / budgetFen : null, contracts: m.contracts },
    smeShare: { smeFen: num(m.smeFen), contractFen, rate: contractFen ? num(m.smeFen) / contractFen : null },
    // Every step of the chain is online here, so every trade is an e-trade; the rate is the share
    // of awarded projects whose result notice was published.
    disclosure: { awarded: disclosure[0]!.awarded, published: disclosure[0]!.published, rate: disclosure[0]!.awarded ? disclosure[0]!.published / disclosure[0]!.awarded : null },
    acceptanceToPayment: { paid: payment[0]!.paid, averageDays: payment[0]!.avgDays === null ? null : Math.round(Number(payment[0]!.avgDays) * 10) / 10 },
    openAlerts: alerts,
    overdueCases,
    overdueRefunds,
    overduePayments,
    running,
  };
}
