import { lowerFence, quartiles } from './quartiles';
import { setResult } from './results';
import { secondLowestBidRatios } from './second-lowest';
import { DEFAULT_CONTEXT, FROM_QUARTILES, type OcdsIndicator, type Results } from './types';

export const R024: OcdsIndicator<{ threshold: number | string }> = {
  code: 'R024',
  name: { 'zh-CN': '次低价与中标价过于接近', 'en-US': 'Price close to winning bid' },
  explanation: {
    'zh-CN': '次低有效报价比中标报价高出的比例（(次低价−中标价)/中标价）是偏低的离群值：不超过全部项目该比例的下限 Q1−1.5×IQR（也可设定固定阈值）。陪标者可能报出与合谋伙伴非常接近的价格来制造竞争假象。命中只是提示人工核查的线索，不是结论。仅适用于最低价中标的项目；中标人及次低价投标人同时标记（值为 0）。',
    'en-US': 'How much the second-lowest valid bid exceeds the winning bid, (second − winning) / winning, is a low outlier: at or below Q1 − 1.5·IQR of that ratio across all processes (or a fixed threshold). A colluding bidder can mimic competition with a price just above its partner’s. A match is a reason for a person to look, never a verdict. Only for processes won by the lowest bid; the winner and the second-lowest bidder are flagged too (value 0).',
  },
  groups: ['OCID', 'Tenderer'],
  parameters: { threshold: FROM_QUARTILES },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const ratios = secondLowestBidRatios(releases, context);
    let fence: number;
    let q1: number;
    if (typeof parameters.threshold === 'number') {
      fence = parameters.threshold;
      q1 = 1; // a set threshold needs no guard on the data's quartiles
    } else {
      const quartilesOfRatios = quartiles([...ratios.values()].map((entry) => entry.ratio));
      fence = lowerFence(quartilesOfRatios);
      q1 = quartilesOfRatios.q1;
    }
    // Ratios are never negative: if Q1 or the fence is 0, a quarter or more of processes would be "outliers".
    if (!(q1 > 0 && fence > 0)) return results;
    for (const [ocid, entry] of ratios) {
      if (entry.ratio > fence) continue;
      setResult(results, 'OCID', ocid, 'R024', entry.ratio);
      setResult(results, 'Tenderer', entry.winnerId, 'R024', 0);
      setResult(results, 'Tenderer', entry.secondLowestId, 'R024', 0);
    }
    return results;
  },
};
