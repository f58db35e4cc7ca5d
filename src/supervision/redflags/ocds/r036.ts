import { allowsPriceComparison, asArray, bidPrice, eligibleReleases, mainCurrency, objects, statusOf, submittedBids } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type OcdsIndicator, type Results } from './types';

export const R036: OcdsIndicator<Record<string, never>> = {
  code: 'R036',
  name: { 'zh-CN': '最低报价被否决', 'en-US': 'Lowest bid disqualified' },
  explanation: {
    'zh-CN': '项目已有有效授标，且有带金额的有效投标，而全部已提交投标中报价最低的一份被否决。在最低价中标的项目中，否决最低价可能是为了让事先确定的投标人中标。命中只是提示人工核查的线索，不是结论：最低价投标也可能确实不符合要求，或项目本来就不是最低价中标。',
    'en-US': 'The process has an active award and a valid bid with an amount, and the lowest submitted bid was disqualified. Where the lowest price wins, disqualifying it can hand the contract to a chosen bidder. A match is a reason for a person to look, never a verdict: the lowest bid may really have failed the requirements, or price may not have been the only criterion.',
  },
  groups: ['OCID'],
  parameters: {},
  run(releases, _parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const currency = mainCurrency(releases, context);
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      if (!allowsPriceComparison(release, context)) continue;
      if (!objects(asArray(release.awards)).some((award) => statusOf(award) === 'active')) continue;
      let lowest: { amount: number; disqualified: boolean } | undefined;
      let validWithAmount = false;
      for (const bid of submittedBids(release)) {
        const price = bidPrice(bid);
        if (price === undefined || price.currency !== currency) continue;
        // Strict <: of equal lowest amounts, the first bid listed decides.
        if (lowest === undefined || price.amount < lowest.amount) lowest = { amount: price.amount, disqualified: statusOf(bid) === 'disqualified' };
        if (statusOf(bid) === 'valid') validWithAmount = true;
      }
      if (validWithAmount && lowest?.disqualified === true) setResult(results, 'OCID', ocid, 'R036', 1);
    }
    return results;
  },
};
