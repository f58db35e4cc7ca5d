import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { withErrors } from '../../platform/http/schemas';
import { findMarketPrices, marketPriceQuery } from './market-prices';

/** 市场均价 (seed 004): for those who budget, plan and oversee purchases. */
export function marketPriceRoutes(app: App) {
  app.get(
    '/api/market-prices',
    {
      config: { access: { roles: ['purchaser', 'agency', 'supervisor', 'authority', 'operator'] } },
      schema: {
        tags: ['supervision'],
        summary: '市场均价 / Average unit prices paid under signed contracts of my province, by comparable item and quarter, with spread and the number of contracts',
        querystring: marketPriceQuery,
        response: withErrors({
          200: z.object({
            item: z.string(),
            minContracts: z.int().describe('A price is shown only with at least this many contracts behind it'),
            prices: z.array(z.object({ item: z.string(), model: z.string().nullable(), period: z.string(), contracts: z.int(), quantity: z.number(), averageFen: z.int(), minFen: z.int(), maxFen: z.int(), spread: z.number() })),
          }),
        }),
      },
    },
    async (request) => findMarketPrices(request.ctx, request.query),
  );
}
