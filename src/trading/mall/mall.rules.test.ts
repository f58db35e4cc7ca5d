import { describe, expect, it } from 'vitest';
import { buildCalendar, shanghaiInstant } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import {
  applicationProblem,
  basketBudgetFen,
  biddingPeriodProblem,
  budgetProblem,
  closeDecision,
  earliestClose,
  fiscalYearOf,
  orderLineProblems,
  quoteLineProblems,
  quotesSealed,
  quoteTimingProblem,
  quoteTotalFen,
  rankQuotes,
  splitCheck,
  thresholdProblem,
  totalsByCategory,
  type BasketLine,
  type MallProblem,
  type OpenedQuote,
  type ProductForOrder,
  type QuoteLineInput,
} from './mall.rules';
import { applicationTransition, BASKET_STATUSES, BASKET_TRANSITIONS, basketTransition } from './mall.states';

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

// ——— 网上竞价 (MALL-05..07) and 入驻 (MALL-08) ———

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const at = (day: string, time: string) => shanghaiInstant(day, time);
const THREE_DAYS = { minimumPeriod: 3, periodUnit: 'days' as const };

describe('the bidding period (MALL-05)', () => {
  it('closes on the third day after publication at the earliest (the day of publication is not counted, T-01), at any time of that day', () => {
    expect(earliestClose(calendar, '2026-06-01', THREE_DAYS, 'cautious')).toBe('2026-06-04');
    expect(biddingPeriodProblem(calendar, at('2026-06-01', '10:00'), at('2026-06-04', '00:00'), THREE_DAYS, 'cautious')).toBeNull();
    expect(biddingPeriodProblem(calendar, at('2026-06-01', '10:00'), at('2026-06-03', '23:59'), THREE_DAYS, 'cautious')).toMatchObject({ ruleId: 'MALL-05', code: 'BIDDING_PERIOD_TOO_SHORT', field: 'closesAt' });
  });

  it('moves a minimum ending on a holiday to the next working day under the cautious policy, not under the strict one (T-08)', () => {
    // 2026-09-30 + 3 days = 3 October, inside the National Day holiday (1–7 October).
    expect(earliestClose(calendar, '2026-09-30', THREE_DAYS, 'cautious')).toBe('2026-10-08');
    expect(earliestClose(calendar, '2026-09-30', THREE_DAYS, 'strictCalendar')).toBe('2026-10-03');
  });

  it('counts working days where the region sets them', () => {
    expect(earliestClose(calendar, '2026-06-05', { minimumPeriod: 3, periodUnit: 'workingDays' }, 'cautious')).toBe('2026-06-10');
  });

  it('refuses a close before the publication itself', () => {
    expect(biddingPeriodProblem(calendar, at('2026-06-01', '10:00'), at('2026-06-01', '09:00'), { minimumPeriod: 1, periodUnit: 'days' }, 'strictCalendar')?.code).toBe('BIDDING_PERIOD_TOO_SHORT');
  });
});

describe('quotes (MALL-06)', () => {
  const closesAt = at('2026-06-04', '10:00');
  const timing = (over: Partial<Parameters<typeof quoteTimingProblem>[0]> = {}) => quoteTimingProblem({ admitted: true, status: 'bidding', now: new Date(closesAt.getTime() - 1), closesAt, alreadyQuoted: false, ...over });

  it('takes a quote one millisecond before the close and refuses one at the close', () => {
    expect(timing()).toBeNull();
    expect(timing({ now: closesAt })).toMatchObject({ code: 'BIDDING_CLOSED' });
    expect(quotesSealed(closesAt, new Date(closesAt.getTime() - 1))).toBe(true);
    expect(quotesSealed(closesAt, closesAt)).toBe(false);
  });

  it('refuses a supplier not admitted, a second quote, and a basket no longer bidding', () => {
    expect(timing({ admitted: false })?.code).toBe('NOT_ADMITTED');
    expect(timing({ alreadyQuoted: true })?.code).toBe('ALREADY_QUOTED');
    expect(timing({ status: 'awaitingConfirmation' })?.code).toBe('BIDDING_CLOSED');
  });

  const lines: BasketLine[] = [
    { lineNo: 1, categoryCode: 'A02010104', name: '台式计算机', specification: 'i5/16G', quantity: 10, budgetUnitPriceFen: 600_000 },
    { lineNo: 2, categoryCode: 'A02021001', name: '打印机', specification: 'A4 黑白', quantity: 2, budgetUnitPriceFen: 200_000 },
  ];
  const product = (over: Partial<ProductForOrder> = {}): ProductForOrder => ({ id: 'pc', supplierEntityId: 's1', categoryCode: 'A02010104', name: '台式机', specification: 'i5', unitPriceFen: 550_000, stock: 10, deliveryRegions: ['310000'], active: true, ...over });
  const products = [product(), product({ id: 'printer', categoryCode: 'A02021001', stock: 2 })];
  const quote = (pc: Partial<QuoteLineInput> = {}) => [{ lineNo: 1, productId: 'pc', unitPriceFen: 550_000, ...pc }, { lineNo: 2, productId: 'printer', unitPriceFen: 190_000 }];
  const codes = (q: QuoteLineInput[], ps = products, supplier = 's1', region = '310104') => quoteLineProblems(lines, q, ps, supplier, region).map((p) => p.code);

  it('takes every line quoted with the supplier’s own products in stock for exactly the quantity', () => {
    expect(codes(quote())).toEqual([]);
    expect(quoteTotalFen(lines, quote())).toBe(10 * 550_000 + 2 * 190_000);
  });

  it('refuses a line left out, quoted twice, or not in the basket', () => {
    expect(codes(quote().slice(0, 1))).toEqual(['LINE_NOT_QUOTED']);
    expect(codes([...quote(), { lineNo: 2, productId: 'printer', unitPriceFen: 1 }])).toEqual(['DUPLICATE_LINE']);
    expect(codes([...quote(), { lineNo: 3, productId: 'printer', unitPriceFen: 1 }])).toEqual(['UNKNOWN_LINE']);
  });

  it('refuses another supplier’s product, one withdrawn, one of another 品目, one not delivered there, one short of stock by one', () => {
    expect(codes(quote(), products, 's2')).toEqual(['PRODUCT_UNAVAILABLE', 'PRODUCT_UNAVAILABLE']);
    expect(codes(quote(), [product({ active: false }), products[1]!])).toEqual(['PRODUCT_UNAVAILABLE']);
    expect(codes(quote({ productId: 'printer' }))).toEqual(['WRONG_CATEGORY']);
    expect(codes(quote(), products, 's1', '370102')).toEqual(['NOT_DELIVERED', 'NOT_DELIVERED']);
    expect(codes(quote(), [product({ stock: 9 }), products[1]!])).toEqual(['OUT_OF_STOCK']);
  });

  it('takes a total exactly at the budget and refuses one fen over (T-04)', () => {
    expect(basketBudgetFen(lines)).toBe(6_400_000);
    expect(budgetProblem(6_400_000, 6_400_000)).toBeNull();
    expect(budgetProblem(6_400_001, 6_400_000)).toMatchObject({ ruleId: 'MALL-06', code: 'ABOVE_BUDGET' });
  });
});

describe('the close (MALL-07)', () => {
  const t0 = at('2026-06-02', '10:00');
  let no = 0;
  const q = (supplierEntityId: string, totalFen: number, minutes = 0, problems: MallProblem[] = []): OpenedQuote => ({ supplierEntityId, totalFen, submittedAt: new Date(t0.getTime() + minutes * 60_000), quoteNo: ++no, problems });
  const unmet: MallProblem = { ruleId: 'MALL-06', code: 'OUT_OF_STOCK', field: 'lines', messages: { 'zh-CN': '库存不足', 'en-US': 'Out of stock' } };
  const THREE = { minimumQuotes: 3, tooFewQuotes: 'fail' as const };

  it('awards the lowest of three quotes meeting the basket (exactly the minimum)', () => {
    const d = closeDecision([q('a', 300), q('b', 200), q('c', 250)], THREE);
    expect(d).toMatchObject({ transition: 'award', meeting: 3, best: { supplierEntityId: 'b' } });
  });

  it('breaks a tie by the earliest received, then by the order of arrival', () => {
    expect(closeDecision([q('a', 200, 5), q('b', 200, 1), q('c', 300)], THREE).best?.supplierEntityId).toBe('b');
    const [first, second] = [q('x', 200, 1), q('y', 200, 1)];
    expect(rankQuotes([second!, first!]).map((r) => r.supplierEntityId)).toEqual(['x', 'y']);
  });

  it('leaves out a quote that no longer meets the basket, even the lowest', () => {
    const d = closeDecision([q('a', 100, 0, [unmet]), q('b', 200), q('c', 250), q('d', 300)], THREE);
    expect(d).toMatchObject({ transition: 'award', meeting: 3, best: { supplierEntityId: 'b' } });
  });

  it('fails with one fewer than the minimum meeting the basket, or waits for the purchaser where the region lets it confirm', () => {
    const two = [q('a', 300), q('b', 200), q('c', 100, 0, [unmet])];
    expect(closeDecision(two, THREE)).toMatchObject({ transition: 'fail', best: null, meeting: 2 });
    expect(closeDecision(two, { minimumQuotes: 3, tooFewQuotes: 'purchaserConfirms' })).toMatchObject({ transition: 'awaitConfirmation', meeting: 2, best: { supplierEntityId: 'b' } });
    expect(closeDecision(two, { minimumQuotes: 2, tooFewQuotes: 'fail' })).toMatchObject({ transition: 'award', best: { supplierEntityId: 'b' } });
  });

  it('fails without a quote meeting the basket, whatever the region sets', () => {
    expect(closeDecision([], { minimumQuotes: 1, tooFewQuotes: 'purchaserConfirms' })).toMatchObject({ transition: 'fail', meeting: 0 });
    expect(closeDecision([q('a', 1, 0, [unmet])], { minimumQuotes: 3, tooFewQuotes: 'purchaserConfirms' })).toMatchObject({ transition: 'fail', meeting: 0 });
  });
});

describe('the basket’s states (an explicit table)', () => {
  it('moves a bidding basket at its close to awarded, failed or awaiting the purchaser, and from there only by the purchaser', () => {
    expect(basketTransition('award', 'bidding')).toBe('awarded');
    expect(basketTransition('fail', 'bidding')).toBe('failed');
    expect(basketTransition('awaitConfirmation', 'bidding')).toBe('awaitingConfirmation');
    expect(basketTransition('confirm', 'awaitingConfirmation')).toBe('awarded');
    expect(basketTransition('decline', 'awaitingConfirmation')).toBe('failed');
  });

  it('refuses every other move', () => {
    const allowed = new Set(['award:bidding', 'fail:bidding', 'awaitConfirmation:bidding', 'confirm:awaitingConfirmation', 'decline:awaitingConfirmation']);
    for (const t of Object.keys(BASKET_TRANSITIONS) as (keyof typeof BASKET_TRANSITIONS)[])
      for (const from of BASKET_STATUSES) if (!allowed.has(`${t}:${from}`)) expect(() => basketTransition(t, from), `${t} from ${from}`).toThrow();
  });

  it('decides an application once (MALL-08)', () => {
    expect(applicationTransition('admit', 'pending')).toBe('admitted');
    expect(applicationTransition('refuse', 'pending')).toBe('refused');
    expect(() => applicationTransition('admit', 'refused')).toThrow();
    expect(() => applicationTransition('refuse', 'admitted')).toThrow();
  });
});

describe('applications to the mall (MALL-08)', () => {
  it('takes one from a supplier neither admitted nor waiting', () => {
    expect(applicationProblem({ admitted: false, pending: false })).toBeNull();
    expect(applicationProblem({ admitted: true, pending: false })?.code).toBe('ALREADY_ADMITTED');
    expect(applicationProblem({ admitted: false, pending: true })?.code).toBe('ALREADY_APPLIED');
  });
});
