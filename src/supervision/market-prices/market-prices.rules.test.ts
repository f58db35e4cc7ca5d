import { describe, expect, it } from 'vitest';
import { comparableKey, marketPrices, quarterOf, type PricedItem } from './market-prices.rules';

const item = (contractId: string, unitPriceFen: number, over: Partial<PricedItem> = {}): PricedItem => ({ contractId, signedOn: '2026-05-10', name: '86英寸智慧黑板', model: 'X1', quantity: 10, unitPriceFen, ...over });

describe('market average prices (seed 004)', () => {
  it('treats the same item written differently as one, and another model as another', () => {
    expect(comparableKey('86英寸 智慧黑板（X1）')).toBe(comparableKey('86英寸智慧黑板(x1)'));
    expect(comparableKey('X1')).not.toBe(comparableKey('X2'));
  });

  it('counts quarters in the calendar', () => {
    expect([quarterOf('2026-01-01'), quarterOf('2026-03-31'), quarterOf('2026-04-01'), quarterOf('2026-12-31')]).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4']);
  });

  it('weights the average by quantity, and gives the spread and the contracts behind it', () => {
    // (10×18,000 + 10×20,000 + 20×19,000) ÷ 40 = 19,000 yuan; spread (20,000 − 18,000) ÷ 19,000 = 0.105.
    const [p] = marketPrices([item('a', 1_800_000), item('b', 2_000_000), item('c', 1_900_000, { quantity: 20, name: '86英寸 智慧黑板', model: 'x1' })]);
    expect(p).toEqual({ item: '86英寸智慧黑板', model: 'X1', period: '2026-Q2', contracts: 3, quantity: 40, averageFen: 1_900_000, minFen: 1_800_000, maxFen: 2_000_000, spread: 0.105 });
  });

  it('shows nothing with fewer contracts than the minimum (one deal is not a market), and keeps quarters apart', () => {
    expect(marketPrices([item('a', 1_800_000), item('b', 2_000_000)])).toEqual([]);
    expect(marketPrices([item('a', 1_800_000), item('b', 2_000_000)], 2)).toHaveLength(1);
    const split = marketPrices([item('a', 1), item('b', 1), item('c', 1, { signedOn: '2026-07-01' })], 2);
    expect(split.map((p) => p.period)).toEqual(['2026-Q2']);
  });

  it('leaves out items without a price or a quantity', () => {
    expect(marketPrices([item('a', 0), item('b', 1_000, { quantity: 0 }), item('c', 1_000)], 1)).toHaveLength(1);
  });
});
