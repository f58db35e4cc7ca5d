import { describe, expect, it } from 'vitest';
import { COMPLEX_BUDGET_FEN, committeeProblems, drawExperts, electedChair, type PoolExpert } from './committee';
import { methodDefinition, minimumPanel } from '../methods/methods';
import { evaluateLot, missingWork, REVIEW_CRITERIA, type EvaluationInput } from './evaluation.rules';
import { abnormallyLowBids, correctPrice, drawOrder, priceScores, rank, sameBrandExclusions, type ScoredBid } from './scoring';

const yuan = (n: number) => n * 100;
const rates = { smallMicroBp: 1000, consortiumBp: null };

describe('worked example: goods, 30 % price weight, 10 % small-enterprise deduction (GP-52, GP-54, SME-04)', () => {
  // A is a large firm, B a small one; B is dearer but its evaluated price is 10 % lower.
  const bids: ScoredBid[] = [
    { bidId: 'A', priceFen: yuan(1_000_000), sme: 'none', otherPoints: 65 },
    { bidId: 'B', priceFen: yuan(1_080_000), sme: 'smallMicro', otherPoints: 64.5 },
  ];

  it('without the deduction, A wins', () => {
    const ranked = rank('scoring', bids, { smallMicroBp: null, consortiumBp: null }, 30);
    expect(ranked.map((r) => [r.bidId, r.priceScore, r.total])).toEqual([
      ['A', 30, 95],
      ['B', 27.78, 92.28],
    ]);
  });

  it('with it, B’s evaluated price (972,000) becomes the base and B wins', () => {
    const ranked = rank('scoring', bids, rates, 30);
    expect(ranked.map((r) => [r.bidId, r.evaluatedPriceFen, r.priceScore, r.total])).toEqual([
      ['B', yuan(972_000), 30, 94.5],
      ['A', yuan(1_000_000), 29.16, 94.16],
    ]);
  });

  it('applies the deduction to the evaluated price only; the price scores follow (base / evaluated) × weight', () => {
    const scores = priceScores(bids, rates, 30);
    expect(scores.get('B')).toBe(30);
    expect(scores.get('A')).toBe(29.16);
  });
});

describe('ranking and ties (GP-55, GP-56, GP-57)', () => {
  it('ranks equal totals by the lower evaluated price, and equal on both as a tie', () => {
    const bids: ScoredBid[] = [
      { bidId: 'C', priceFen: yuan(500_000), sme: 'none', otherPoints: 60 },
      { bidId: 'D', priceFen: yuan(500_000), sme: 'none', otherPoints: 60 },
      { bidId: 'E', priceFen: yuan(450_000), sme: 'none', otherPoints: 57 },
    ];
    const ranked = rank('scoring', bids, rates, 30);
    // E: 30 + 57 = 87; C and D: 27 + 60 = 87 each. Equal totals: E is cheaper; C and D tie.
    expect(ranked.map((r) => [r.bidId, r.total, r.rank, r.tiedWith])).toEqual([
      ['E', 87, 1, []],
      ['C', 87, 2, ['D']],
      ['D', 87, 2, ['C']],
    ]);
    const order = drawOrder(['C', 'D'], 'seed-2026-03-23-lot1');
    expect(drawOrder(['D', 'C'], 'seed-2026-03-23-lot1')).toEqual(order);
  });

  it('ranks lowest-price evaluations by evaluated price', () => {
    const ranked = rank('lowestPrice', [
      { bidId: 'F', priceFen: yuan(100_000), sme: 'none', otherPoints: 0 },
      { bidId: 'G', priceFen: yuan(105_000), sme: 'smallMicro', otherPoints: 0 },
    ], rates, 0);
    expect(ranked.map((r) => r.bidId)).toEqual(['G', 'F']);
  });
});

describe('same brand (GP-60) and abnormally low prices (GP-59)', () => {
  it('keeps only the best-ranked bid of a brand', () => {
    const bids: ScoredBid[] = [
      { bidId: 'H', priceFen: yuan(300_000), sme: 'none', otherPoints: 50, coreBrand: 'Lenovo' },
      { bidId: 'I', priceFen: yuan(290_000), sme: 'none', otherPoints: 50, coreBrand: 'lenovo ' },
      { bidId: 'J', priceFen: yuan(310_000), sme: 'none', otherPoints: 55, coreBrand: 'Huawei' },
    ];
    const ranked = rank('scoring', bids, rates, 30);
    expect(sameBrandExclusions(ranked, bids)).toEqual([{ bidId: 'H', keptBidId: 'I', brand: 'lenovo' }]);
  });

  it('asks the bidder whose price is far below the others for an explanation', () => {
    const bids = [1_000_000, 980_000, 1_020_000, 600_000].map((p, i) => ({ bidId: `K${i}`, priceFen: yuan(p), sme: 'none' as const }));
    expect(abnormallyLowBids(bids)).toEqual([{ bidId: 'K3', averageOfOthersFen: yuan(1_000_000), belowBp: 4000 }]);
    expect(abnormallyLowBids(bids.slice(0, 3))).toEqual([]);
  });
});

describe('arithmetic corrections in the order of GP-58', () => {
  it('takes the schedule over the body, words over figures, fixes a misplaced decimal point, then sums the unit prices', () => {
    const result = correctPrice({
      scheduleTotalFen: yuan(99_000),
      bodyTotalFen: yuan(98_000),
      wordsTotalFen: yuan(100_000),
      items: [
        { unitPriceFen: yuan(50), quantity: 100, lineTotalFen: yuan(50_000) }, // unit price 500 written as 50.0
        { unitPriceFen: yuan(520), quantity: 100, lineTotalFen: yuan(50_000) }, // line total wrong
      ],
    });
    expect(result.corrections.map((c) => c.step)).toEqual([1, 2, 3, 4]);
    expect(result.totalFen).toBe(yuan(50_000 + 52_000));
  });
});

describe('the committee (GP-40, GP-41, GP-42) and the draw (GP-43)', () => {
  it('needs 5 or more, odd, experts two thirds; 7 from 10 million yuan inclusive', () => {
    const tender = methodDefinition('openTender', 'goods');
    const panel = (budgetFen: number) => ({ name: tender.panel.name, minimum: minimumPanel(tender, { budgetFen, complex: false, openTenderThresholdFen: 0, largeBudgetFen: COMPLEX_BUDGET_FEN }), odd: true, expertShareRuleId: tender.panel.expertShareRuleId });
    expect(committeeProblems({ size: 5, experts: 4, purchaserRepresentatives: 1 }, panel(COMPLEX_BUDGET_FEN - 1))).toEqual([]);
    expect(committeeProblems({ size: 5, experts: 3, purchaserRepresentatives: 2 }, panel(0)).map((p) => p.ruleId)).toEqual(['GP-42']);
    expect(committeeProblems({ size: 6, experts: 6, purchaserRepresentatives: 0 }, panel(0)).map((p) => p.ruleId)).toEqual(['GP-40']);
    expect(committeeProblems({ size: 5, experts: 5, purchaserRepresentatives: 0 }, panel(COMPLEX_BUDGET_FEN)).map((p) => p.ruleId)).toEqual(['GP-41']);
    expect(committeeProblems({ size: 7, experts: 5, purchaserRepresentatives: 2 }, panel(COMPLEX_BUDGET_FEN))).toEqual([]);
  });

  it('draws reproducibly from the eligible pool, with recusal for parties, own agency and frequency', () => {
    const expert = (id: string, over: Partial<PoolExpert> = {}): PoolExpert => ({ id, specialities: ['A02.01'], employerEntityId: null, status: 'active', unavailableDates: [], recentDrawsForPurchaser: 0, declaredConflicts: [], agencyEntityId: null, ...over });
    const pool = [
      expert('e1'),
      expert('e2', { employerEntityId: 'bidder-1' }),
      expert('e3', { agencyEntityId: 'agency-1' }),
      expert('e4', { recentDrawsForPurchaser: 3 }),
      expert('e5', { specialities: ['C01'] }),
      expert('e6'),
      expert('e7'),
      expert('e8', { status: 'suspended' }),
    ];
    const request = { count: 3, specialities: ['A02'], date: '2026-03-24', purchaserEntityId: 'p-1', agencyEntityId: 'agency-1', bidderEntityIds: ['bidder-1'], maxDrawsPerPurchaser: 3, excludedExpertIds: [] };
    const first = drawExperts(pool, request, 'seed-1');
    expect([...first.drawn].sort()).toEqual(['e1', 'e6', 'e7']);
    expect(Object.fromEntries(first.recused.map((r) => [r.id, r.reason]))).toEqual({ e2: 'employedByParty', e3: 'ownAgency', e4: 'drawnTooOften', e5: 'wrongSpeciality', e8: 'notActive' });
    expect(drawExperts([...pool].reverse(), request, 'seed-1').drawn).toEqual(first.drawn);
    // A refusal: redraw without the one who refused; the pool is now one short.
    const redraw = drawExperts(pool, { ...request, excludedExpertIds: ['e6'] }, 'seed-1');
    expect(redraw.shortBy).toBe(1);
  });
});

describe('a lot evaluated from the committee’s records (evaluateLot)', () => {
  const members = ['e1', 'e2', 'e3', 'e4', 'e5'];
  const bids = ['A', 'B', 'C', 'D'].map((id, i) => ({
    bidId: id,
    supplierEntityId: `s${id}`,
    supplierName: `供应商${id}`,
    priceFen: yuan([900_000, 950_000, 980_000, 990_000][i]!),
    sme: (id === 'B' ? 'smallMicro' : 'none') as 'smallMicro' | 'none',
  }));
  const passAll: EvaluationInput['reviews'] = bids.flatMap((b) => members.flatMap((p) => REVIEW_CRITERIA.map((criterion) => ({ bidId: b.bidId, personId: p, criterion, passed: true, reason: null }))));
  const base: EvaluationInput = {
    method: 'lowestPrice',
    criteria: [],
    rates: { smallMicroBp: 1000, consortiumBp: null },
    ceilingFen: yuan(1_000_000),
    minimumValidBids: { count: 3, ruleId: 'GP-35' },
    memberIds: members,
    bids,
    reviews: passAll,
    scores: [],
    explanations: [],
    corrections: [],
    abnormalThresholdBp: 2000,
    tieSeed: 'seed',
  };

  it('lowest evaluated price: the small firm’s deducted price (855,000) ranks first; three candidates', () => {
    const r = evaluateLot(base);
    expect(r.candidates).toEqual(['B', 'A', 'C']);
    expect(r.bids.find((b) => b.bidId === 'B')!.evaluatedPriceFen).toBe(yuan(855_000));
    expect(r.bids.find((b) => b.bidId === 'B')!.priceFen).toBe(yuan(950_000)); // the contract price is untouched
  });

  it('a bid fails review only when a majority of the members fail it (3 of 5, not 2 of 5)', () => {
    const fail = (n: number) => passAll.map((x) => (x.bidId === 'B' && x.criterion === 'compliance' && members.indexOf(x.personId) < n ? { ...x, passed: false, reason: '交货期不满足' } : x));
    expect(evaluateLot({ ...base, reviews: fail(2) }).bids.find((b) => b.bidId === 'B')!.valid).toBe(true);
    const three = evaluateLot({ ...base, reviews: fail(3) }).bids.find((b) => b.bidId === 'B')!;
    expect(three.valid).toBe(false);
    expect(three.invalidReasons).toEqual(['未通过符合性审查：交货期不满足']);
  });

  it('GP-62: a price one fen above the ceiling is invalid; at the ceiling it stands', () => {
    const at = { ...base, ceilingFen: yuan(990_000) };
    expect(evaluateLot(at).bids.every((b) => b.valid)).toBe(true);
    const over = { ...base, ceilingFen: yuan(990_000) - 1 };
    expect(evaluateLot(over).bids.find((b) => b.bidId === 'D')!.invalidReasons[0]).toContain('GP-62');
  });

  it('GP-59: a rejected explanation invalidates the bid; GP-35: fewer than three valid bids fail the lot', () => {
    const r = evaluateLot({ ...base, explanations: [{ bidId: 'A', accepted: false }], reviews: passAll.filter((x) => x.bidId !== 'D' || x.criterion !== 'qualification').concat(members.map((p) => ({ bidId: 'D', personId: p, criterion: 'qualification' as const, passed: false, reason: '资质证书过期' }))) });
    expect(r.bids.filter((b) => b.valid).map((b) => b.bidId)).toEqual(['B', 'C']);
    expect(r.failed?.ruleId).toBe('GP-35');
    expect(r.candidates).toEqual([]);
  });

  it('GP-58: a bidder who does not confirm the committee’s correction has an invalid bid', () => {
    const r = evaluateLot({ ...base, corrections: [{ bidId: 'C', confirmed: false }, { bidId: 'D', confirmed: true }] });
    expect(r.bids.find((b) => b.bidId === 'C')!.invalidReasons).toEqual(['投标人不确认评标委员会的报价修正，按GP-58作无效投标处理']);
    expect(r.bids.find((b) => b.bidId === 'D')!.valid).toBe(true);
  });

  it('GP-57: equal evaluated prices are ordered by a draw anyone can replay from the seed', () => {
    const tied = { ...base, bids: bids.map((b) => ({ ...b, priceFen: yuan(900_000), sme: 'none' as const })) };
    const r = evaluateLot(tied);
    expect(r.tieBreak).toHaveLength(1);
    expect(r.candidates).toEqual(drawOrder(['A', 'B', 'C', 'D'], 'seed').slice(0, 3));
    expect(evaluateLot(tied).candidates).toEqual(r.candidates);
  });

  it('comprehensive scoring averages the members’ points per criterion and adds the price score', () => {
    const scoring: EvaluationInput = {
      ...base,
      method: 'scoring',
      criteria: [
        { name: '价格', weight: 30, isPrice: true },
        { name: '技术', weight: 70, isPrice: false },
      ],
      scores: bids.flatMap((b, i) => members.map((p, j) => ({ bidId: b.bidId, personId: p, criterion: '技术', points: 60 - i + (j % 2) }))),
    };
    const r = evaluateLot(scoring);
    const b = r.bids.find((x) => x.bidId === 'B')!;
    expect(b.criterionPoints).toEqual({ 技术: 59.4 }); // (59+60+59+60+59)/5
    expect(b.priceScore).toBe(30);
    expect(b.total).toBe(89.4);
    expect(missingWork(scoring, 'e1', ['A', 'B', 'C', 'D'])).toEqual([]);
    expect(missingWork({ ...scoring, scores: [] }, 'e1', ['A'])).toEqual(['供应商A：技术']);
  });
});

describe('electing the chair', () => {
  const members = ['a', 'b', 'c', 'd', 'e'];
  it('elects with more than half of the members (3 of 5), not with 2, and ignores votes of non-members', () => {
    expect(electedChair([{ voterId: 'a', candidateId: 'c' }, { voterId: 'b', candidateId: 'c' }, { voterId: 'x', candidateId: 'c' }], members)).toBeNull();
    expect(electedChair([{ voterId: 'a', candidateId: 'c' }, { voterId: 'b', candidateId: 'c' }, { voterId: 'c', candidateId: 'c' }], members)).toBe('c');
  });
});
