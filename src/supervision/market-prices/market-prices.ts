import { and, gte, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inRegion } from '../../identity';
import { provinceOf } from '../../identity/region-scope';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import { readSetting } from '../../platform/settings/settings';
import { contract } from '../../trading/contract/contract.schema';
import { comparableKey, marketPrices, type PricedItem } from './market-prices.rules';

export const marketPriceQuery = z.object({
  item: z.string().trim().min(1).max(100).describe('What is being bought, e.g. 智慧黑板; matched ignoring spaces, punctuation and width'),
  months: z.coerce.number().int().min(3).max(36).default(12),
});

/** How many contracts a market price needs behind it (seed 004 leaves it open): a setting. */
const minContracts = (ctx: Context) => readSetting(ctx.platform.database.db, 'supervision.marketPriceMinContracts', z.int().min(1).max(100), 3);

/**
 * Market average prices for what a purchaser is about to budget or plan: the signed contracts of
 * the caller's province in the last `months` months, their items matching `item`, averaged by
 * comparable item and quarter.
 */
export async function findMarketPrices(ctx: Context, q: z.infer<typeof marketPriceQuery>) {
  const db = ctx.platform.database.db;
  const since = new Date(ctx.platform.clock.now().getTime() - q.months * 31 * 86_400_000);
  const rows = await db
    .select({ id: contract.id, signedAt: contract.signedAt, items: contract.items })
    .from(contract)
    .where(and(inArray(contract.status, ['signed', 'completed']), gte(contract.signedAt, since), inRegion(contract.regionCode, provinceOf(ctx.actor!.regionCode)), sql`${contract.items}::text <> '[]'`));
  const wanted = comparableKey(q.item);
  const items: PricedItem[] = rows.flatMap((c) =>
    c.items.filter((i) => comparableKey(i.name).includes(wanted)).map((i) => ({ contractId: c.id, signedOn: shanghaiDate(c.signedAt!), name: i.name, model: i.model, quantity: i.quantity, unitPriceFen: i.unitPriceFen })),
  );
  const { value: minimum } = await minContracts(ctx);
  return { item: q.item, minContracts: minimum, prices: marketPrices(items, minimum) };
}
