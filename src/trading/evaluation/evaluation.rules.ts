import { abnormallyLowBids, drawOrder, rank, sameBrandExclusions, type DeductionRates, type PricedBid } from './scoring';

/**
 * A lot's evaluation from what the committee recorded (pure): validity after review (majority
 * of the members), GP-62 price ceilings, GP-59 explanations, the scores, the ranking with ties
 * drawn under GP-57, the same-brand rule (GP-60) and the recommended candidates.
 */
export type ReviewCriterion = 'qualification' | 'compliance';
export const REVIEW_CRITERIA: readonly ReviewCriterion[] = ['qualification', 'compliance'];

export interface EvaluationInput {
  method: 'lowestPrice' | 'scoring';
  criteria: { name: string; weight: number; isPrice: boolean }[];
  rates: DeductionRates;
  ceilingFen: number;
  minimumValidBids: { count: number; ruleId: string };
  memberIds: string[];
  bids: (PricedBid & { supplierEntityId: string; supplierName: string })[];
  reviews: { bidId: string; personId: string; criterion: ReviewCriterion; passed: boolean; reason: string | null }[];
  scores: { bidId: string; personId: string; criterion: string; points: number }[];
  explanations: { bidId: string; accepted: boolean | null }[];
  /** GP-58 corrections and the bidder's answer (null: not answered yet). Confirmed ones are already in priceFen. */
  corrections: { bidId: string; confirmed: boolean | null }[];
  /** GP-59 threshold in basis points below the average of the others (a setting). */
  abnormalThresholdBp: number;
  tieSeed: string;
  /** 磋商/谈判 once the final offers are open: the responses that gave one (their priceFen is the final offer); the others drop out (CS-06, NG-05). */
  finalOffers?: { ruleId: string; given: string[] } | null;
}

export interface EvaluatedBid {
  bidId: string;
  supplierEntityId: string;
  supplierName: string;
  priceFen: number;
  sme: PricedBid['sme'];
  valid: boolean;
  invalidReasons: string[];
  evaluatedPriceFen: number;
  criterionPoints: Record<string, number>;
  priceScore: number | null;
  total: number | null;
  rank: number | null;
  recommended: boolean;
}

export interface EvaluationResult {
  method: EvaluationInput['method'];
  bids: EvaluatedBid[];
  /** Recommended candidates in order (at most three). */
  candidates: string[];
  failed: { ruleId: string; reason: string } | null;
  tieBreak: { seed: string; tied: string[]; order: string[] }[];
  sameBrand: { bidId: string; keptBidId: string; brand: string }[];
}

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const LABEL: Record<ReviewCriterion, string> = { qualification: '资格性审查', compliance: '符合性审查' };

/** GP-59: the valid bids whose price calls for a written explanation. */
export function explanationsNeeded(input: Pick<EvaluationInput, 'bids' | 'abnormalThresholdBp'>, validBidIds: string[]) {
  return abnormallyLowBids(input.bids.filter((b) => validBidIds.includes(b.bidId)), input.abnormalThresholdBp);
}

/** What each member still has to record before the committee can report. */
export function missingWork(input: EvaluationInput, personId: string, validBidIds: string[]): string[] {
  const missing: string[] = [];
  for (const b of input.bids)
    for (const c of REVIEW_CRITERIA)
      if (!input.reviews.some((r) => r.bidId === b.bidId && r.personId === personId && r.criterion === c)) missing.push(`${b.supplierName}：${LABEL[c]}`);
  if (input.method === 'scoring')
    for (const b of input.bids.filter((x) => validBidIds.includes(x.bidId)))
      for (const c of input.criteria.filter((x) => !x.isPrice))
        if (!input.scores.some((s) => s.bidId === b.bidId && s.personId === personId && s.criterion === c.name)) missing.push(`${b.supplierName}：${c.name}`);
  return missing;
}

/** Bids that pass review by majority and do not exceed the ceiling (GP-62). */
const groupBy = <T extends { bidId: string }>(rows: T[]) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.bidId);
    if (group) group.push(row);
    else groups.set(row.bidId, [row]);
  }
  return groups;
};

export function reviewOutcome(input: EvaluationInput): Map<string, string[]> {
  const reasons = new Map<string, string[]>();
  const half = input.memberIds.length / 2;
  const reviews = groupBy(input.reviews);
  for (const b of input.bids) {
    const out: string[] = [];
    if (input.finalOffers && !input.finalOffers.given.includes(b.bidId)) out.push(`未在规定时间内提交最后报价（${input.finalOffers.ruleId}）`);
    else if (b.priceFen > input.ceilingFen) out.push('投标报价超过采购预算或最高限价（GP-62）');
    for (const c of REVIEW_CRITERIA) {
      const fails = (reviews.get(b.bidId) ?? []).filter((r) => r.criterion === c && !r.passed);
      if (fails.length > half) out.push(`未通过${LABEL[c]}：${[...new Set(fails.map((f) => f.reason ?? ''))].filter(Boolean).join('；')}`);
    }
    const explanation = input.explanations.find((e) => e.bidId === b.bidId);
    if (explanation?.accepted === false) out.push('报价明显低于其他投标人报价且未能合理说明，按GP-59作无效投标处理');
    if (input.corrections.find((c) => c.bidId === b.bidId)?.confirmed === false) out.push('投标人不确认评标委员会的报价修正，按GP-58作无效投标处理');
    reasons.set(b.bidId, out);
  }
  return reasons;
}

export function evaluateLot(input: EvaluationInput): EvaluationResult {
  const reasons = reviewOutcome(input);
  const valid = input.bids.filter((b) => reasons.get(b.bidId)!.length === 0);
  const averages = new Map<string, Record<string, number>>();
  const scores = groupBy(input.scores.filter((s) => input.memberIds.includes(s.personId)));
  for (const b of valid) {
    const points: Record<string, number> = {};
    for (const c of input.method === 'scoring' ? input.criteria.filter((x) => !x.isPrice) : []) {
      const given = (scores.get(b.bidId) ?? []).filter((s) => s.criterion === c.name);
      points[c.name] = given.length ? round2(given.reduce((sum, s) => sum + s.points, 0) / given.length) : 0;
    }
    averages.set(b.bidId, points);
  }
  const priceWeight = input.criteria.find((c) => c.isPrice)?.weight ?? 0;
  const ranked = rank(
    input.method,
    valid.map((b) => ({ ...b, otherPoints: round2(Object.values(averages.get(b.bidId)!).reduce((s, p) => s + p, 0)) })),
    input.rates,
    priceWeight,
  );

  // GP-57: within each group of tied bids, the order is drawn under the recorded seed.
  const tieBreak: EvaluationResult['tieBreak'] = [];
  const order: string[] = [];
  for (const r of ranked) {
    if (order.includes(r.bidId)) continue;
    if (r.tiedWith.length === 0) order.push(r.bidId);
    else {
      const tied = [r.bidId, ...r.tiedWith];
      const drawn = drawOrder(tied, input.tieSeed);
      tieBreak.push({ seed: input.tieSeed, tied, order: drawn });
      order.push(...drawn);
    }
  }
  const byId = new Map(ranked.map((r) => [r.bidId, r]));
  const orderedRanks = order.map((id) => byId.get(id)!);
  const sameBrand = sameBrandExclusions(orderedRanks, valid);
  const candidates = order.filter((id) => !sameBrand.some((s) => s.bidId === id)).slice(0, 3);
  const failed =
    valid.length < input.minimumValidBids.count
      ? { ruleId: input.minimumValidBids.ruleId, reason: `通过资格性和符合性审查的供应商不足${input.minimumValidBids.count}家（${valid.length}家），本标项废标` }
      : null;

  return {
    method: input.method,
    bids: input.bids.map((b) => {
      const r = byId.get(b.bidId);
      const position = order.indexOf(b.bidId);
      return {
        bidId: b.bidId,
        supplierEntityId: b.supplierEntityId,
        supplierName: b.supplierName,
        priceFen: b.priceFen,
        sme: b.sme,
        valid: Boolean(r),
        invalidReasons: reasons.get(b.bidId)!,
        evaluatedPriceFen: r ? r.evaluatedPriceFen : b.priceFen,
        criterionPoints: averages.get(b.bidId) ?? {},
        priceScore: r?.priceScore ?? null,
        total: r?.total ?? null,
        rank: position >= 0 ? position + 1 : null,
        recommended: !failed && candidates.includes(b.bidId),
      };
    }),
    candidates: failed ? [] : candidates,
    failed,
    tieBreak,
    sameBrand,
  };
}
