import { describe, expect, it } from 'vitest';
import { fiscalYearOf, orderLineProblems, splitCheck, thresholdProblem, totalsByCategory, type ProductForOrder } from './mall.rules';

const T = 100_000_000; // 100万元

describe('the mall threshold (MALL-02)', () => {
  it('takes an order exactly at the threshold and refuses one fen over', () => {
    expect(thresholdProblem(T, T)).toBeNull();
    expect(thresholdProblem(T + 1, T)).toMatchObject({ ruleId: 'MALL-02', code: 'ABOVE_MALL_THRESHOLD' });
  });
});

describe('split purchases (MALL-03, GP-94)', () => {
  const check = (earlier: number[], thisOrderFen: number) => splitCheck({ categoryCode: 'A02010104', fiscalYear: 2026, earlier: earlier.map((totalFen) => ({ totalFen })), thisOrderFen, thresholdFen: T });

  it('is not a split when the running total is exactly at the threshold, and is one fen over it', () => {
    expect(check([60_000_000], 40_000_000)).toMatchObject({ split: false, cumulativeFen: T, earlierOrders: 1 });
    expect(check([60_000_000], 40_000_001)).toMatchObject({ split: true, cumulativeFen: T + 1, earlierFen: 60_000_000 });
  });

  it('adds up every earlier order of the 品目', () => {
    expect(check([30_000_000, 30_000_000, 30_000_000], 10_000_001)).toMatchObject({ split: true, earlierOrders: 3 });
  });

  it('never calls a first order a split (a single order is MALL-02’s)', () => {
    expect(check([], T).split).toBe(false);
  });

  it('counts the fiscal year as the calendar year of the Shanghai day', () => {
    expect([fiscalYearOf('2026-01-01'), fiscalYearOf('2026-12-31'), fiscalYearOf('2027-01-01')]).toEqual([2026, 2026, 2027]);
  });

  it('totals an order by 品目', () => {
    expect([...totalsByCategory([{ categoryCode: 'A', totalFen: 1 }, { categoryCode: 'B', totalFen: 2 }, { categoryCode: 'A', totalFen: 3 }])]).toEqual([['A', 4], ['B', 2]]);
  });
});

describe('order lines (MALL-01, MALL-04)', () => {
  const product = (over: Partial<ProductForOrder> = {}): ProductForOrder => ({ id: 'p1', supplierEntityId: 's1', categoryCode: 'A02010104', name: '台式机', specification: 'i5', unitPriceFen: 500_000, stock: 10, deliveryRegions: ['310000'], active: true, ...over });

  it('takes a product in stock delivered to the purchaser’s district', () => {
    expect(orderLineProblems([{ productId: 'p1', quantity: 10 }], [product()], '310104')).toEqual([]);
  });

  it('refuses more than the stock, another province, a product not on sale, and two suppliers in one order', () => {
    expect(orderLineProblems([{ productId: 'p1', quantity: 11 }], [product()], '310104').map((p) => p.code)).toEqual(['OUT_OF_STOCK']);
    expect(orderLineProblems([{ productId: 'p1', quantity: 1 }], [product()], '370100').map((p) => p.code)).toEqual(['NOT_DELIVERED']);
    expect(orderLineProblems([{ productId: 'p1', quantity: 1 }], [product({ active: false })], '310104').map((p) => p.code)).toEqual(['PRODUCT_UNAVAILABLE']);
    expect(orderLineProblems([{ productId: 'p1', quantity: 1 }, { productId: 'p2', quantity: 1 }], [product(), product({ id: 'p2', supplierEntityId: 's2' })], '310104').map((p) => p.code)).toEqual(['ONE_SUPPLIER']);
  });
});
