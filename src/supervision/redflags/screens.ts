/**
 * Bid-distribution screens for one lot: statistics of the bid prices that move when bidders collude
 * (Imhof 2017, "Simple statistical screens to detect bid rigging", Univ. Fribourg WP 484; Imhof, Karagök &
 * Rutz 2018, "Screening for bid rigging – does it work?", J. Competition Law & Economics; Huber & Imhof
 * 2019, "Machine learning with screens for detecting bid-rigging cartels", Int. J. Industrial Organization).
 * In rigged tenders the cover bids sit close together (low CV and spread, high kurtosis) while the
 * designated winner stands apart below them (high relative distance, negative skew).
 *
 * Four bids at least: with fewer, the kurtosis is undefined and the others say little.
 * Standard deviations are sample ones (n − 1), as in the cited studies' statistical software.
 * The thresholds are this platform's settings, not findings: the studies report the direction of each
 * screen and typical values, and the cut-offs should be calibrated on local data. A flag is a reason for a
 * person to look at the lot, never a verdict.
 */
import type { Bilingual } from './ocds/types';

export const SCREEN_CODES = ['S-CV', 'S-SPD', 'S-RD', 'S-KURT', 'S-SKEW'] as const;
export type ScreenCode = (typeof SCREEN_CODES)[number];

/** How the winner is chosen, which decides what a suspicious distribution looks like. */
export type AwardMethod = 'lowestPrice' | 'comprehensiveScoring' | 'averageBenchmark';
export const AWARD_METHODS: readonly AwardMethod[] = ['lowestPrice', 'comprehensiveScoring', 'averageBenchmark'];

export const MINIMUM_BIDS = 4;

/** Flag when the value is below, or above, the threshold. */
export interface FlagRule {
  side: 'below' | 'above';
  threshold: number;
}

export interface ScreenDefinition {
  code: ScreenCode;
  name: Bilingual;
  explanation: Bilingual;
  /** Per award method, when the screen raises a flag; null: the screen is reported but never flags there. */
  rules: Record<AwardMethod, FlagRule | null>;
  /** From the prices sorted ascending (at least MINIMUM_BIDS); null where undefined (e.g. all bids equal). */
  compute(sortedPrices: readonly number[]): number | null;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
/** Sample standard deviation (divides by n − 1). */
function sampleStandardDeviation(values: readonly number[]): number {
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

// Under an average-benchmark award (the bid closest to an average of the bids wins, as in 平均值基准价法),
// a cartel wins by moving the average with many coordinated bids, which can widen the spread rather than
// narrow it (Conley & Decarolis 2016, "Detecting bidders groups in collusive auctions", AEJ: Micro). So
// dispersion flags there point the other way, and the screens built on "the lowest bid wins" are not flagged.
export const SCREENS: readonly ScreenDefinition[] = [
  {
    code: 'S-CV',
    name: { 'zh-CN': '报价变异系数', 'en-US': 'Coefficient of variation' },
    explanation: {
      'zh-CN': '报价的样本标准差除以平均值。串通投标时陪标报价往往彼此接近，变异系数偏低（默认低于 0.06 提示）；在平均值基准价法下，串通者可能故意拉开报价以操纵基准价，因此改为变异系数偏高（默认高于 0.15）时提示。命中只是提示人工核查的线索，不是结论。',
      'en-US': 'Sample standard deviation of the bids over their mean. Cover bids in a rigged tender tend to sit close together, so a low value is suspect (below 0.06 by default); under an average-benchmark award a cartel may spread its bids to steer the benchmark, so there a high value is (above 0.15 by default). A flag is a reason for a person to look, never a verdict.',
    },
    // 0.06: a setting between the few-percent CVs the studies find in rigged Swiss tenders and the higher ones of competitive tenders.
    // 0.15: a setting of ours, above the competitive values; no study we know gives a cut-off for average-benchmark awards.
    rules: { lowestPrice: { side: 'below', threshold: 0.06 }, comprehensiveScoring: { side: 'below', threshold: 0.06 }, averageBenchmark: { side: 'above', threshold: 0.15 } },
    compute(prices) {
      const average = mean(prices);
      return average > 0 ? sampleStandardDeviation(prices) / average : null;
    },
  },
  {
    code: 'S-SPD',
    name: { 'zh-CN': '报价极差率', 'en-US': 'Spread' },
    explanation: {
      'zh-CN': '（最高价−最低价）/最低价。串通投标时报价区间往往收窄（默认低于 0.10 提示）；平均值基准价法下改为区间异常宽（默认高于 0.40）时提示。命中只是提示人工核查的线索，不是结论。',
      'en-US': '(highest − lowest) / lowest bid. Rigged tenders tend to have a narrow range (below 0.10 by default is suspect); under an average-benchmark award, an unusually wide one is (above 0.40 by default). A flag is a reason for a person to look, never a verdict.',
    },
    // Settings of ours, consistent with the CV cut-offs: four bids with a CV of 0.06 span about 0.13 of the mean (Huber & Imhof 2019 use the spread as a predictor without a cut-off).
    rules: { lowestPrice: { side: 'below', threshold: 0.1 }, comprehensiveScoring: { side: 'below', threshold: 0.1 }, averageBenchmark: { side: 'above', threshold: 0.4 } },
    compute(prices) {
      const lowest = prices[0]!;
      return lowest > 0 ? (prices[prices.length - 1]! - lowest) / lowest : null;
    },
  },
  {
    code: 'S-RD',
    name: { 'zh-CN': '最低两价相对距离', 'en-US': 'Relative distance' },
    explanation: {
      'zh-CN': '（次低价−最低价）/ 未中标报价（除最低价外各报价）的样本标准差。陪标报价彼此接近而与指定中标人拉开距离时，该值偏高（默认高于 1 提示）。仅在最低价中标时提示。命中只是提示人工核查的线索，不是结论。',
      'en-US': '(second-lowest − lowest bid) / sample standard deviation of the losing bids (all but the lowest). When cover bids cluster and the designated winner stands apart, it is high (above 1 by default). Flags only where the lowest price wins. A flag is a reason for a person to look, never a verdict.',
    },
    // 1: RD > 1 means the gap to the winner is wider than the losers' own dispersion, the pattern Imhof (2017) reads as cover bidding.
    rules: { lowestPrice: { side: 'above', threshold: 1 }, comprehensiveScoring: null, averageBenchmark: null },
    compute(prices) {
      const losingDeviation = sampleStandardDeviation(prices.slice(1));
      return losingDeviation > 0 ? (prices[1]! - prices[0]!) / losingDeviation : null;
    },
  },
  {
    code: 'S-KURT',
    name: { 'zh-CN': '报价峰度', 'en-US': 'Kurtosis' },
    explanation: {
      'zh-CN': '报价的样本修正超额峰度。陪标报价聚集、个别报价远离时峰度偏高（默认高于 1 提示）。平均值基准价法下不提示。命中只是提示人工核查的线索，不是结论。',
      'en-US': 'Sample-adjusted excess kurtosis of the bids. Clustered cover bids with one bid far away give a high value (above 1 by default). Not flagged under an average-benchmark award. A flag is a reason for a person to look, never a verdict.',
    },
    // 1: a setting of ours; Imhof (2017) finds kurtosis higher in the cartel period than after it, without a cut-off.
    rules: { lowestPrice: { side: 'above', threshold: 1 }, comprehensiveScoring: { side: 'above', threshold: 1 }, averageBenchmark: null },
    compute(prices) {
      const n = prices.length;
      const average = mean(prices);
      const deviation = sampleStandardDeviation(prices);
      if (!(deviation > 0)) return null;
      const fourthMoments = prices.reduce((sum, value) => sum + ((value - average) / deviation) ** 4, 0);
      return ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * fourthMoments - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
    },
  },
  {
    code: 'S-SKEW',
    name: { 'zh-CN': '报价偏度', 'en-US': 'Skewness' },
    explanation: {
      'zh-CN': '报价的样本修正偏度。指定中标人的报价明显低于聚集的陪标报价时偏度为负（默认低于 −1 提示）。仅在最低价中标时提示。命中只是提示人工核查的线索，不是结论。',
      'en-US': 'Sample-adjusted skewness of the bids. A designated winner well below clustered cover bids makes it negative (below −1 by default). Flags only where the lowest price wins. A flag is a reason for a person to look, never a verdict.',
    },
    // −1: a setting of ours; Imhof (2017) finds negative skewness in the cartel period, without a cut-off.
    rules: { lowestPrice: { side: 'below', threshold: -1 }, comprehensiveScoring: null, averageBenchmark: null },
    compute(prices) {
      const n = prices.length;
      const average = mean(prices);
      const deviation = sampleStandardDeviation(prices);
      if (!(deviation > 0)) return null;
      const thirdMoments = prices.reduce((sum, value) => sum + ((value - average) / deviation) ** 3, 0);
      return (n / ((n - 1) * (n - 2))) * thirdMoments;
    },
  },
];

/** Threshold overrides per screen code: `threshold` for lowest-price and scoring awards, `averageBenchmarkThreshold` for average-benchmark ones. */
export type ScreenSettings = Partial<Record<ScreenCode, { threshold?: number; averageBenchmarkThreshold?: number }>>;

export interface LotScreens {
  bidCount: number;
  awardMethod: AwardMethod;
  /** Each screen's value; null where it is undefined for these prices. */
  values: Record<ScreenCode, number | null>;
  /** The screens whose value is on the suspect side of the threshold for this award method. */
  flags: ScreenCode[];
}

export function ruleFor(screen: ScreenDefinition, awardMethod: AwardMethod, settings: ScreenSettings = {}): FlagRule | null {
  const rule = screen.rules[awardMethod];
  if (rule === null) return null;
  const override = settings[screen.code];
  const threshold = awardMethod === 'averageBenchmark' ? override?.averageBenchmarkThreshold : override?.threshold;
  return threshold === undefined ? rule : { ...rule, threshold };
}

/**
 * Screens one lot's bid prices (fen or any unit; only ratios are used). Fewer than 4 prices: null, no screen.
 * Throws RangeError on a price that is not a finite number, which is a caller's error rather than data to screen.
 */
export function screenLot(prices: readonly number[], awardMethod: AwardMethod = 'lowestPrice', settings: ScreenSettings = {}): LotScreens | null {
  if (prices.some((price) => !Number.isFinite(price))) throw new RangeError('bid prices must be finite numbers');
  if (prices.length < MINIMUM_BIDS) return null;
  const sorted = [...prices].sort((a, b) => a - b);
  const values = {} as Record<ScreenCode, number | null>;
  const flags: ScreenCode[] = [];
  for (const screen of SCREENS) {
    const value = screen.compute(sorted);
    values[screen.code] = value;
    const rule = ruleFor(screen, awardMethod, settings);
    if (value === null || rule === null) continue;
    if (rule.side === 'below' ? value < rule.threshold : value > rule.threshold) flags.push(screen.code);
  }
  return { bidCount: sorted.length, awardMethod, values, flags };
}
