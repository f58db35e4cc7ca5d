import { asObject, asString, eligibleReleases, organizationIds, statusOf, submittedBids, tenderOf } from './release';
import { quartiles, upperFence } from './quartiles';
import { setResult } from './results';
import { DEFAULT_CONTEXT, FROM_QUARTILES, type Group, type OcdsIndicator, type Results } from './types';

interface Tally {
  disqualified: number;
  submitted: number;
  /** For buyers and procuring entities: processes with a submitted bid (not used for tenderers). */
  processes: number;
}

function add(tallies: Map<string, Tally>, id: string, disqualified: number, submitted: number): void {
  const tally = tallies.get(id) ?? { disqualified: 0, submitted: 0, processes: 0 };
  tally.disqualified += disqualified;
  tally.submitted += submitted;
  tally.processes += 1;
  tallies.set(id, tally);
}

export const R038: OcdsIndicator<{ threshold: number | string; minimumSubmittedBids: number; minimumContractingProcesses: number }> = {
  code: 'R038',
  name: { 'zh-CN': '被否决投标比例过高', 'en-US': 'Excessive disqualified bids' },
  explanation: {
    'zh-CN': '按采购人、采购代理机构（procuringEntity）或投标人分别计算：被否决投标数/已提交投标数，是偏高的离群值（不低于 Q3+1.5×IQR，也可设定固定阈值）。采购人频繁否决投标可能是在为特定投标人排除竞争者；投标人频繁被否决可能是在故意陪标。命中只是提示人工核查的线索，不是结论。项目数少于 2 的采购人/代理机构、投标数少于 2 的投标人不参与计算。',
    'en-US': 'Per buyer, procuring entity or tenderer: disqualified bids / submitted bids is a high outlier (at or above Q3 + 1.5·IQR, or a fixed threshold). A buyer that disqualifies often may be clearing the field for a chosen bidder; a tenderer disqualified often may be placing cover bids. A match is a reason for a person to look, never a verdict. Buyers and procuring entities with fewer than 2 processes, and tenderers with fewer than 2 bids, are left out.',
  },
  groups: ['Buyer', 'ProcuringEntity', 'Tenderer'],
  parameters: { threshold: FROM_QUARTILES, minimumSubmittedBids: 2, minimumContractingProcesses: 2 },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const byBuyer = new Map<string, Tally>();
    const byProcuringEntity = new Map<string, Tally>();
    const byTenderer = new Map<string, Tally>();
    for (const { release } of eligibleReleases(releases, context)) {
      const submitted = submittedBids(release);
      if (submitted.length === 0) continue;
      let disqualified = 0;
      for (const bid of submitted) {
        const isDisqualified = statusOf(bid) === 'disqualified' ? 1 : 0;
        disqualified += isDisqualified;
        for (const id of organizationIds(bid.tenderers)) add(byTenderer, id, isDisqualified, 1);
      }
      const buyerId = asString(asObject(release.buyer)?.id);
      if (buyerId !== undefined) add(byBuyer, buyerId, disqualified, submitted.length);
      const procuringEntityId = asString(asObject(tenderOf(release)?.procuringEntity)?.id);
      if (procuringEntityId !== undefined) add(byProcuringEntity, procuringEntityId, disqualified, submitted.length);
    }
    // Cardinal compares its minimum for buyers and procuring entities with their number of submitted bids;
    // its documentation, and the setting's name, say contracting processes, which is what we count.
    const flag = (group: Group, tallies: Map<string, Tally>, isLargeEnough: (tally: Tally) => boolean): void => {
      const ratios = [...tallies.entries()].filter(([, tally]) => isLargeEnough(tally)).map(([id, tally]) => ({ id, ratio: tally.disqualified / tally.submitted }));
      if (ratios.length === 0) return;
      const fence = typeof parameters.threshold === 'number' ? parameters.threshold : upperFence(quartiles(ratios.map((entry) => entry.ratio)));
      // A fence of 0 (most have no disqualified bid) would flag everyone.
      if (!(fence > 0)) return;
      for (const { id, ratio } of ratios) if (ratio >= fence) setResult(results, group, id, 'R038', ratio);
    };
    flag('Buyer', byBuyer, (tally) => tally.processes >= parameters.minimumContractingProcesses);
    flag('ProcuringEntity', byProcuringEntity, (tally) => tally.processes >= parameters.minimumContractingProcesses);
    flag('Tenderer', byTenderer, (tally) => tally.submitted >= parameters.minimumSubmittedBids);
    return results;
  },
};
