import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { withErrors } from '../../platform/http/schemas';
import { dashboard, dashboardQuery } from './dashboard';

const fenSeries = z.object({ month: z.string(), projects: z.int(), budgetFen: z.number(), contractFen: z.number() });
const rate = z.number().nullable().describe('0..1; null when there is nothing to divide');

/** 一屏管交易: the supervisor's dashboard figures for its region. */
export function dashboardRoutes(app: App) {
  app.get(
    '/api/supervision/dashboard',
    {
      config: { access: { roles: ['supervisor', 'authority', 'operator'], feature: 'dashboard' } },
      schema: {
        tags: ['supervision'],
        summary: '监管驾驶舱 / Volume and value by month, methods, bidders per lot, savings, SME share, disclosure, acceptance to payment, open alerts, overdue cases, what runs now',
        querystring: dashboardQuery,
        response: withErrors({
          200: z.object({
            asOf: z.string(),
            category: z.string().nullable(),
            byMonth: z.array(fenSeries),
            methods: z.array(z.object({ method: z.string(), projects: z.int() })),
            biddersPerLot: z.array(z.object({ bidders: z.int(), lots: z.int() })),
            savings: z.object({ budgetFen: z.number(), contractFen: z.number(), rate, contracts: z.int() }),
            smeShare: z.object({ smeFen: z.number(), contractFen: z.number(), rate }),
            disclosure: z.object({ awarded: z.int(), published: z.int(), rate }),
            acceptanceToPayment: z.object({ paid: z.int(), averageDays: z.number().nullable() }),
            openAlerts: z.array(z.object({ code: z.string(), open: z.int() })),
            overdueCases: z.int(),
            overdueRefunds: z.int().nullable().describe('Deposit refunds past due (GP-25); null for roles that do not follow them'),
            overduePayments: z.int().nullable().describe('SME payments past due (PAY-01); null for roles that do not follow them'),
            running: z.array(z.object({ kind: z.enum(['opening', 'evaluation']), projectId: z.uuid(), projectNumber: z.string(), title: z.string(), lotNo: z.int() })),
          }),
        }),
      },
    },
    async (request) => dashboard(request.ctx, request.query),
  );
}
