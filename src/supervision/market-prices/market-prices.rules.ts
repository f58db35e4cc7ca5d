/**
 * 市场均价 (seed 004): for frequently bought general goods, the average unit price that signed
 * contracts paid, by item of comparable specification (价格同质可比) and by quarter, with its spread
 * and how many contracts stand behind it. Plain functions over contract items.
 */
export interface PricedItem {
  contractId: string;
  signedOn: string; // YYYY-MM-DD, Shanghai
  name: string;
  model: string | null;
  quantity: number;
  unitPriceFen: number;
}

export interface MarketPrice {
  item: string;
  model: string | null;
  period: string; // YYYY-Qn
  contracts: number;
  quantity: number;
  /** Quantity-weighted: what a unit cost on average across the contracts. */
  averageFen: number;
  minFen: number;
  maxFen: number;
  /** (max − min) ÷ average: how far apart the prices paid were. */
  spread: number;
}

/** Full-width to half-width, spaces and punctuation out, Latin letters lower-case: 86英寸 智慧黑板（X1） and 86英寸智慧黑板(x1) are one item. */
export function comparableKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * Averages by comparable item (name and model) and quarter. A price needs `minContracts` contracts
 * behind it before it is shown (one contract's price is that deal, not a market price).
 */
export function marketPrices(items: readonly PricedItem[], minContracts = 3): MarketPrice[] {
  const groups = new Map<string, { item: string; model: string | null; period: string; rows: PricedItem[] }>();
  for (const i of items) {
    if (!(i.quantity > 0) || !(i.unitPriceFen > 0)) continue;
    const period = quarterOf(i.signedOn);
    const key = `${comparableKey(i.name)}|${comparableKey(i.model ?? '')}|${period}`;
    const g = groups.get(key) ?? { item: i.name.trim(), model: i.model?.trim() || null, period, rows: [] };
    g.rows.push(i);
    groups.set(key, g);
  }
  const prices: MarketPrice[] = [];
  for (const g of groups.values()) {
    const contracts = new Set(g.rows.map((r) => r.contractId)).size;
    if (contracts < minContracts) continue;
    const quantity = g.rows.reduce((n, r) => n + r.quantity, 0);
    const averageFen = Math.round(g.rows.reduce((n, r) => n + r.unitPriceFen * r.quantity, 0) / quantity);
    const minFen = Math.min(...g.rows.map((r) => r.unitPriceFen));
    const maxFen = Math.max(...g.rows.map((r) => r.unitPriceFen));
    prices.push({ item: g.item, model: g.model, period: g.period, contracts, quantity, averageFen, minFen, maxFen, spread: Math.round(((maxFen - minFen) / averageFen) * 1000) / 1000 });
  }
  return prices.sort((a, b) => a.item.localeCompare(b.item, 'zh-CN') || (a.model ?? '').localeCompare(b.model ?? '') || b.period.localeCompare(a.period));
}
