import { z } from 'zod';
import { TRADING_TYPES } from '../../catalogue/catalogue.kinds';
import { withErrors, bilingualText } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { CATEGORIES } from '../methods/methods';
import { feeSchedule, portalSummary, smeWindow } from './portal';

/** The public portal's own answers: the home page's figures, the SME window and the fee schedule. */

const cited = { ruleId: z.string(), citation: bilingualText, statement: bilingualText };
const summarySchema = z
  .object({
    year: z.int().describe('The calendar year in Asia/Shanghai'),
    projectsPublished: z.int().describe('Projects whose tender notice was published this year'),
    noticesPublished: z.int(),
    awardedProjects: z.int().describe('Projects with an award notice published this year'),
    awardedLots: z.int(),
    awardedFen: z.int().describe('Total of the award amounts stated in this year’s award notices (fen)'),
    budgetFen: z.int().describe('Total budget of those lots (fen)'),
    savingsFen: z.int().describe('节约资金: budget − award amount (fen)'),
    savingsRateBp: z.int().describe('Savings / budget, basis points'),
    smeAwardedFen: z.int().describe('Awarded to small, micro and medium enterprises (fen)'),
    smeShareBp: z.int().describe('SME share of the awarded value, basis points'),
    byTradingType: z.array(
      z.object({
        tradingType: z.enum(TRADING_TYPES),
        entries: z.array(z.object({ code: z.string(), name: z.string(), entryLevel: z.string() })),
        projectsThisYear: z.int().nullable().describe('Null for types traded on sub-platforms that report no counts here'),
      }),
    ),
  })
  .meta({ id: 'PortalSummary' });
const smeLotSchema = z.object({
  projectId: z.uuid(),
  projectNumber: z.string(),
  projectTitle: z.string(),
  category: z.enum(CATEGORIES),
  regionCode: z.string(),
  deadline: z.string(),
  lotId: z.uuid(),
  lotNo: z.int(),
  lotTitle: z.string(),
  budgetFen: z.int(),
  measure: z.enum(['reserved', 'priceDeduction']),
  deductionBp: z.int().nullable(),
  consortiumDeductionBp: z.int().nullable(),
  noticeId: z.uuid(),
});
const smeSchema = z
  .object({
    date: z.string(),
    deductions: z.array(z.object({ category: z.enum(CATEGORIES), kind: z.enum(['smallMicro', 'consortium']), minBp: z.int(), maxBp: z.int(), ...cited })),
    reservationCeilings: z.array(z.object({ category: z.enum(CATEGORIES), ceilingFen: z.int(), ...cited })),
    regionalVariations: z.array(z.object({ regionCode: z.string() })).describe('SME-10 local tiers configured (none yet: the national ranges apply everywhere)'),
    reservedLots: z.array(smeLotSchema),
    deductionLots: z.array(smeLotSchema),
    financing: z.object({ products: z.array(z.object({ name: z.string() })), banks: z.array(z.object({ name: z.string(), regionCode: z.string() })) }),
  })
  .meta({ id: 'SmeWindow' });
const feesSchema = z
  .object({
    version: z.object({ title: z.string(), versionNo: z.int(), effectiveFrom: z.string(), publishedAt: z.string().nullable() }).nullable(),
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        category: z.string(),
        provider: z.string(),
        online: z.boolean(),
        charge: z.string(),
        free: z.boolean(),
        timeLimit: z.string().nullable(),
        basis: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'FeeSchedule' });

export function portalRoutes(app: App) {
  app.get(
    '/api/public/portal/summary',
    {
      config: { access: 'public' },
      schema: { tags: ['trading'], summary: '门户数据概览 / This year’s headline figures from published notices', response: withErrors({ 200: summarySchema }) },
    },
    async (request) => portalSummary(request.ctx.platform.database.db, request.ctx.platform.clock.now()),
  );
  app.get(
    '/api/public/sme',
    {
      config: { access: 'public' },
      schema: { tags: ['trading'], summary: '中小企业专窗 / SME policies in force, lots open to SMEs, financing offers', response: withErrors({ 200: smeSchema }) },
    },
    async (request) => smeWindow(request.ctx.platform.database.db, request.ctx.platform.clock.now()),
  );
  app.get(
    '/api/public/fees',
    {
      config: { access: 'public' },
      schema: { tags: ['catalogue'], summary: '收费标准 / The platform’s services and their charges (service list in force)', response: withErrors({ 200: feesSchema }) },
    },
    async (request) => feeSchedule(request.ctx.platform.database.db, request.ctx.platform.clock.now()),
  );
}
