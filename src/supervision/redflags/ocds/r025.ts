import { asObject, asString, eligibleReleases, soleWinnerId, statusOf } from './release';
import { lowerFence, quantile, quartiles } from './quartiles';
import { setResult } from './results';
import { DEFAULT_CONTEXT, FROM_QUARTILES, type OcdsIndicator, type Results } from './types';

export const R025: OcdsIndicator<{ percentile: number; threshold: number | string }> = {
  code: 'R025',
  name: { 'zh-CN': '投标多而中标少', 'en-US': 'Excessive unsuccessful bids' },
  explanation: {
    'zh-CN': '某投标人有效投标的项目数位于所有投标人的前列（不少于第 75 百分位），而中标项目数/有效投标项目数是偏低的离群值（不超过 Q1−1.5×IQR，也可设定固定阈值）。屡投不中可能是为合谋伙伴陪标。命中只是提示人工核查的线索，不是结论：新进入市场的企业也会如此。',
    'en-US': 'A tenderer among those with the most valid bids (at or above the 75th percentile of the number of processes bid) has a ratio of processes won to processes bid that is a low outlier (at or below Q1 − 1.5·IQR, or a fixed threshold). Losing again and again can mean cover bidding for a partner. A match is a reason for a person to look, never a verdict: a newcomer to a market loses often too.',
  },
  groups: ['Tenderer'],
  parameters: { percentile: 75, threshold: FROM_QUARTILES },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const tally = new Map<string, { won: number; bid: number }>();
    for (const { release } of eligibleReleases(releases, context)) {
      const sole = soleWinnerId(release);
      if (sole === undefined) continue;
      // Each tenderer counts once per process, however many valid bids it made there.
      const validTenderers = new Set<string>();
      for (const bid of sole.bids) {
        const tenderers = Array.isArray(bid.tenderers) ? bid.tenderers : undefined;
        if (statusOf(bid) !== 'valid' || tenderers === undefined || tenderers.length !== 1) continue;
        const id = asString(asObject(tenderers[0])?.id);
        if (id !== undefined) validTenderers.add(id);
      }
      for (const id of validTenderers) {
        const entry = tally.get(id) ?? { won: 0, bid: 0 };
        entry.bid += 1;
        if (id === sole.winnerId) entry.won += 1;
        tally.set(id, entry);
      }
    }
    const entries = [...tally.entries()].map(([id, { won, bid }]) => ({ id, bid, ratio: won / bid }));
    const topBidders = quantile(
      entries.map((entry) => entry.bid),
      parameters.percentile / 100,
    );
    let fence: number;
    let q1: number;
    if (typeof parameters.threshold === 'number') {
      fence = parameters.threshold;
      q1 = 1; // a set threshold needs no guard on the data's quartiles
    } else {
      const quartilesOfRatios = quartiles(entries.map((entry) => entry.ratio));
      fence = lowerFence(quartilesOfRatios);
      q1 = quartilesOfRatios.q1;
    }
    // Ratios are never negative: with Q1 or the fence at 0, most top tenderers would be flagged.
    if (!(q1 > 0 && fence > 0)) return results;
    for (const entry of entries) {
      if (entry.bid >= topBidders && entry.ratio <= fence) setResult(results, 'Tenderer', entry.id, 'R025', entry.ratio);
    }
    return results;
  },
};
