import { z } from 'zod';
import { idParams, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { FORFEIT_GROUNDS, REFUND_STATUSES, REFUND_TRIGGERS } from './refund.rules';
import { decideDeposit, depositDecisionInput, overdueRefunds } from './refunds';

const iso = z.string().describe('ISO 8601, UTC');
const localDate = z.string().describe('Shanghai calendar date, YYYY-MM-DD');

/** One deposit's refund, as its bidder and the deciding purchaser see it (GP-22 to GP-25, EB-06, GP-78). */
export const depositRefundSchema = z
  .object({
    status: z.enum(REFUND_STATUSES),
    trigger: z.enum(REFUND_TRIGGERS).nullable(),
    ruleId: z.string().nullable().describe('GP-22 (award), GP-23 (contract), GP-24 (withdrawal), PAY-06 (released)'),
    dueDate: localDate.nullable(),
    note: z.string().nullable(),
    refundedAt: iso.nullable(),
    amountFen: z.int().nullable(),
    payees: z.array(z.object({ accountName: z.string(), accountNumber: z.string(), amountFen: z.int() })).describe('The accounts the money came from, each with what it gets back'),
    overdueDays: z.int(),
    overdueFeeFen: z.int().describe('GP-25: paid with a late refund, or accrued so far on one not yet paid'),
    forfeit: z.object({ ground: z.enum(FORFEIT_GROUNDS), ruleId: z.string(), reason: z.string(), legalBasis: z.string(), amountFen: z.int(), decidedAt: iso }).nullable(),
  })
  .meta({ id: 'DepositRefund' });

const overdueListSchema = z
  .object({
    asOf: iso,
    items: z.array(
      z.object({
        virtualAccountId: z.uuid(),
        projectId: z.uuid(),
        projectNumber: z.string(),
        projectTitle: z.string(),
        lotNo: z.int(),
        supplierName: z.string(),
        regionCode: z.string(),
        status: z.enum(REFUND_STATUSES),
        trigger: z.enum(REFUND_TRIGGERS).nullable(),
        ruleId: z.string().nullable(),
        dueDate: localDate,
        refundedAt: iso.nullable(),
        principalFen: z.int(),
        overdueDays: z.int(),
        overdueFeeFen: z.int(),
      }),
    ),
  })
  .meta({ id: 'OverdueRefunds' });

/** The purchaser's decision on a deposit it may keep, and the supervisors' list of late refunds. */
export function refundRoutes(app: App) {
  app.post(
    '/api/lots/:id/deposit-decisions',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'lot', action: 'manage' } },
      schema: {
        tags: ['deposits'],
        summary:
          '保证金处理决定 / Forfeit a bidder’s deposit on a ground the rules give (the winner refused to sign, GP-78; its own decryption failure, EB-06), with the reason and the clause of the documents; or release a held deposit for refund',
        params: idParams,
        body: depositDecisionInput,
        response: withErrors({ 200: depositRefundSchema.nullable() }, 404, 409, 422),
      },
    },
    async (request) => decideDeposit(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/supervision/overdue-refunds',
    {
      config: { access: { roles: ['supervisor'] } },
      schema: { tags: ['deposits'], summary: '逾期退还保证金 / Deposit refunds paid late or past due and unpaid, with the days and the overdue fee (GP-25), in the supervisor’s region', response: withErrors({ 200: overdueListSchema }) },
    },
    async (request) => overdueRefunds(request.ctx),
  );
}
