import { allowsPriceComparison, bidPrice, eligibleReleases, organizationIds, submittedBids } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type OcdsIndicator, type Results } from './types';

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

export const R028: OcdsIndicator<Record<string, never>> = {
  code: 'R028',
  name: { 'zh-CN': '不同投标人报价完全相同', 'en-US': 'Identical bid prices' },
  explanation: {
    'zh-CN': '同一项目中，不同投标人（或联合体）提交了金额和币种完全相同的报价。可能是报价信息被泄露或投标人之间串通。命中只是提示人工核查的线索，不是结论：标准化产品的统一价格也会相同。涉及的投标人同时标记。',
    'en-US': 'In one process, different tenderers (or consortia) submitted bids with exactly the same amount and currency. It can mean a price was leaked or bidders coordinated. A match is a reason for a person to look, never a verdict: standard goods at a list price match too. The tenderers involved are flagged too.',
  },
  groups: ['OCID', 'Tenderer'],
  parameters: {},
  run(releases, _parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      if (!allowsPriceComparison(release, context)) continue;
      // The last tenderer set seen at each price; one tenderer may bid the same price twice without a flag.
      const tenderersByPrice = new Map<string, Set<string>>();
      for (const bid of submittedBids(release)) {
        const price = bidPrice(bid);
        if (price === undefined || !Array.isArray(bid.tenderers)) continue;
        const ids = new Set(organizationIds(bid.tenderers));
        if (ids.size === 0) continue;
        const key = `${price.amount} ${price.currency}`;
        const earlier = tenderersByPrice.get(key);
        if (earlier !== undefined && !sameSet(ids, earlier)) {
          setResult(results, 'OCID', ocid, 'R028', 1);
          for (const id of [...ids, ...earlier]) setResult(results, 'Tenderer', id, 'R028', 1);
        }
        tenderersByPrice.set(key, ids);
      }
    }
    return results;
  },
};
