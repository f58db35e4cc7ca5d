import { quartiles, upperFence } from './quartiles';
import { setResult } from './results';
import { secondLowestBidRatios } from './second-lowest';
import { DEFAULT_CONTEXT, FROM_QUARTILES, type OcdsIndicator, type Results } from './types';

export const R058: OcdsIndicator<{ threshold: number | string }> = {
  code: 'R058',
  name: { 'zh-CN': '中标价大幅低于其他报价', 'en-US': 'Heavily discounted bid' },
  explanation: {
    'zh-CN': '次低有效报价比中标报价高出的比例是偏高的离群值：不低于全部项目该比例的上限 Q3+1.5×IQR（也可设定固定阈值）。大幅低价中标可能意味着以次充好、低价抢标后再变更。命中只是提示人工核查的线索，不是结论。仅适用于最低价中标的项目；中标人同时标记（值为 0）。',
    'en-US': 'How much the second-lowest valid bid exceeds the winning bid is a high outlier: at or above Q3 + 1.5·IQR of that ratio across all processes (or a fixed threshold). A deep discount can mean the winner plans to deliver less than promised. A match is a reason for a person to look, never a verdict. Only for processes won by the lowest bid; the winner is flagged too (value 0).',
  },
  groups: ['OCID', 'Tenderer'],
  parameters: { threshold: FROM_QUARTILES },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const ratios = secondLowestBidRatios(releases, context);
    const fence = typeof parameters.threshold === 'number' ? parameters.threshold : upperFence(quartiles([...ratios.values()].map((entry) => entry.ratio)));
    // A fence of 0 would flag every process (ratios are never negative); NaN (no data) flags none.
    if (!(fence > 0)) return results;
    for (const [ocid, entry] of ratios) {
      if (!(entry.ratio >= fence)) continue;
      setResult(results, 'OCID', ocid, 'R058', entry.ratio);
      setResult(results, 'Tenderer', entry.winnerId, 'R058', 0);
    }
    return results;
  },
};
