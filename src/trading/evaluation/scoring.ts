import { createHmac } from 'node:crypto';

/**
 * Evaluation arithmetic as plain functions (issue 5): SME price deduction, price score, totals,
 * ranking and ties, the same-brand rule and the abnormal-low-price check. Prices are integer
 * fen; a deduction is applied by scaling (fen × (10000 − bp)), so comparisons stay exact; only
 * scores, which are points, are decimals.
 */
export type SmeStatus = 'smallMicro' | 'consortium' | 'none';

export interface PricedBid {
  bidId: string;
  priceFen: number;
  sme: SmeStatus;
  /** Brand of the core product (GP-60); null when not applicable. */
  coreBrand?: string | null;
}

export interface DeductionRates {
  /** SME-04, applied to small and micro enterprises. */
  smallMicroBp: number | null;
  /** SME-05, applied to qualifying consortia and subcontracting. */
  consortiumBp: number | null;
}

/**
 * The evaluated price, scaled by 10,000 to stay an integer: the bid price less the policy
 * deduction (SME-04/05). It is used for the base price and each bid's price score (GP-54),
 * never for the contract price.
 */
export function evaluatedPriceScaled(bid: PricedBid, rates: DeductionRates): number {
  const bp = bid.sme === 'smallMicro' ? (rates.smallMicroBp ?? 0) : bid.sme === 'consortium' ? (rates.consortiumBp ?? 0) : 0;
  return bid.priceFen * (10_000 - bp);
}

/** The evaluated price in fen, for display (may have a fraction of a fen). */
export const evaluatedPriceFen = (bid: PricedBid, rates: DeductionRates) => evaluatedPriceScaled(bid, rates) / 10_000;

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * GP-52: price score = (evaluation base price / evaluated price) × price weight, the base price
 * being the lowest evaluated price among valid bids (GP-54). Rounded to two decimals.
 */
export function priceScores(bids: PricedBid[], rates: DeductionRates, priceWeight: number): Map<string, number> {
  if (bids.length === 0) return new Map();
  const scaled = new Map(bids.map((b) => [b.bidId, evaluatedPriceScaled(b, rates)]));
  const base = Math.min(...scaled.values());
  return new Map(bids.map((b) => [b.bidId, round2((base / scaled.get(b.bidId)!) * priceWeight)]));
}

export interface ScoredBid extends PricedBid {
  /** Sum of the experts' averaged scores on the criteria other than price. */
  otherPoints: number;
}

export interface RankedBid {
  bidId: string;
  evaluatedPriceFen: number;
  priceScore: number | null;
  total: number | null;
  rank: number;
  /** Bids sharing this rank (a tie to be broken under GP-57). */
  tiedWith: string[];
}

/**
 * GP-55 (lowest evaluated price: ascending price) and GP-56 (comprehensive scoring: total
 * descending, then evaluated price ascending). Equal on every count is a tie: same rank.
 */
export function rank(method: 'lowestPrice' | 'scoring', bids: ScoredBid[], rates: DeductionRates, priceWeight: number): RankedBid[] {
  const scores = method === 'scoring' ? priceScores(bids, rates, priceWeight) : new Map<string, number>();
  const rows = bids.map((b) => {
    const priceScore = scores.get(b.bidId) ?? null;
    return { bid: b, scaled: evaluatedPriceScaled(b, rates), priceScore, total: priceScore === null ? null : round2(priceScore + b.otherPoints) };
  });
  const compare = (a: (typeof rows)[number], b: (typeof rows)[number]) => (method === 'scoring' ? (b.total! - a.total!) || a.scaled - b.scaled : a.scaled - b.scaled);
  rows.sort(compare);
  return rows.map((row): RankedBid => {
    const tied = rows.filter((other) => compare(row, other) === 0).map((o) => o.bid.bidId);
    return {
      bidId: row.bid.bidId,
      evaluatedPriceFen: row.scaled / 10_000,
      priceScore: row.priceScore,
      total: row.total,
      rank: rows.findIndex((other) => compare(row, other) === 0) + 1,
      tiedWith: tied.filter((id) => id !== row.bid.bidId),
    };
  });
}

/**
 * A random order anyone holding the seed can replay: each id's HMAC under the seed, sorted.
 * GP-57 breaks ties this way; GP-43 draws experts this way.
 */
export function drawOrder(ids: string[], seed: string): string[] {
  const keyed = ids.map((id) => ({ id, key: createHmac('sha256', seed).update(id).digest('hex') }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.id);
}

/**
 * GP-60: bidders offering the same core brand count as one. Under lowest price only the
 * cheapest of them enters; under scoring only the best-ranked may be recommended. Returns the
 * bids set aside, with the one kept for each brand.
 */
export function sameBrandExclusions(ranked: RankedBid[], bids: PricedBid[]): { bidId: string; keptBidId: string; brand: string }[] {
  const brandOf = new Map(bids.map((b) => [b.bidId, b.coreBrand?.trim().toLowerCase() || null]));
  const kept = new Map<string, string>();
  const out: { bidId: string; keptBidId: string; brand: string }[] = [];
  for (const r of ranked) {
    const brand = brandOf.get(r.bidId);
    if (!brand) continue;
    const first = kept.get(brand);
    if (first) out.push({ bidId: r.bidId, keptBidId: first, brand });
    else kept.set(brand, r.bidId);
  }
  return out;
}

/**
 * GP-59: a price "obviously lower" than the other compliant bidders' calls for a written
 * explanation before the bid can stand. The law sets no figure; the threshold (default 20 %
 * below the average of the others) is a setting, and the result is a request, not a verdict.
 */
export function abnormallyLowBids(bids: PricedBid[], thresholdBp = 2_000): { bidId: string; averageOfOthersFen: number; belowBp: number }[] {
  if (bids.length < 2) return [];
  const total = bids.reduce((s, b) => s + b.priceFen, 0);
  return bids
    .map((b) => {
      const averageOfOthersFen = (total - b.priceFen) / (bids.length - 1);
      return { bidId: b.bidId, averageOfOthersFen, belowBp: Math.round(((averageOfOthersFen - b.priceFen) / averageOfOthersFen) * 10_000) };
    })
    .filter((x) => x.belowBp >= thresholdBp);
}

/**
 * GP-58: when a bid's figures disagree, corrections apply in this order unless the documents
 * say otherwise: (1) the price schedule prevails over the body of the bid; (2) the amount in
 * words prevails over figures; (3) a misplaced decimal point in a unit price: the schedule's
 * total prevails and the unit price is corrected; (4) a total that is not the sum of unit price
 * × quantity: the unit prices prevail. The corrected price binds only once the bidder confirms it.
 */
export interface PriceStatement {
  scheduleTotalFen: number;
  bodyTotalFen: number | null;
  /** The schedule's amount in words, already read as fen (null when absent or equal). */
  wordsTotalFen: number | null;
  items: { unitPriceFen: number; quantity: number; lineTotalFen: number }[];
}

export interface Correction {
  step: 1 | 2 | 3 | 4;
  description: string;
  fromFen: number;
  toFen: number;
}

export function correctPrice(s: PriceStatement): { totalFen: number; corrections: Correction[] } {
  const corrections: Correction[] = [];
  let total = s.scheduleTotalFen;
  if (s.bodyTotalFen !== null && s.bodyTotalFen !== total)
    corrections.push({ step: 1, description: '开标一览表与投标文件正文不一致，以开标一览表为准', fromFen: s.bodyTotalFen, toFen: total });
  if (s.wordsTotalFen !== null && s.wordsTotalFen !== total) {
    corrections.push({ step: 2, description: '大写金额与小写金额不一致，以大写金额为准', fromFen: total, toFen: s.wordsTotalFen });
    total = s.wordsTotalFen;
  }
  const items = s.items.map((i) => ({ ...i }));
  for (const item of items) {
    for (const factor of [10, 100, 1000]) {
      // (3) A unit price off by a power of ten whose line total (at the right scale) matches: fix the unit price.
      for (const candidate of [item.unitPriceFen * factor, item.unitPriceFen / factor]) {
        if (Number.isInteger(candidate) && candidate * item.quantity === item.lineTotalFen && item.unitPriceFen * item.quantity !== item.lineTotalFen) {
          corrections.push({ step: 3, description: '单价小数点明显错位，以总价为准并修正单价', fromFen: item.unitPriceFen, toFen: candidate });
          item.unitPriceFen = candidate;
        }
      }
    }
  }
  if (items.length) {
    const sum = items.reduce((acc, i) => acc + Math.round(i.unitPriceFen * i.quantity), 0);
    if (sum !== total) {
      corrections.push({ step: 4, description: '总价金额与按单价汇总金额不一致，以单价金额计算结果为准', fromFen: total, toFen: sum });
      total = sum;
    }
  }
  return { totalFen: total, corrections };
}
