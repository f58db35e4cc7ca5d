import { activeAwardsIfAllFinal, eligibleReleases, organizationIds, statusOf } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type OcdsIndicator, type Results } from './types';

export const R035: OcdsIndicator<{ threshold: number }> = {
  code: 'R035',
  name: { 'zh-CN': '除中标人外其余投标均被否决', 'en-US': 'All except winning bid disqualified' },
  explanation: {
    'zh-CN': '只有一个投标人的投标有效，它就是全部有效授标的供应商，而至少有阈值数（默认 1）个其他投标人的投标被否决（disqualified）。否决其他所有投标可能是为事先确定的中标人扫清障碍。命中只是提示人工核查的线索，不是结论：请查看否决理由是否充分。值为被否决的其他投标人数；中标人同时标记（值为 0）。',
    'en-US': 'Exactly one tenderer has valid bids, it is the supplier of every active award, and at least the threshold (1 by default) of other tenderers had bids disqualified. Disqualifying everyone else can clear the way for a chosen winner. A match is a reason for a person to look, never a verdict: check the reasons given. The value is the number of other tenderers disqualified; the winner is flagged too (value 0).',
  },
  groups: ['OCID', 'Tenderer'],
  parameters: { threshold: 1 },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const threshold = Math.max(parameters.threshold, 1); // 0 would flag processes with no disqualified bid at all
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      const final = activeAwardsIfAllFinal(release);
      if (final === undefined) continue;
      const suppliers = new Set(final.activeAwards.flatMap((award) => organizationIds(award.suppliers)));
      const valid = new Set<string>();
      const disqualified = new Set<string>();
      for (const bid of final.bids) {
        const status = statusOf(bid);
        const into = status === 'valid' ? valid : status === 'disqualified' ? disqualified : undefined;
        if (into !== undefined && Array.isArray(bid.tenderers)) for (const id of organizationIds(bid.tenderers)) into.add(id);
      }
      // One winner only: a buyer that splits one decision into several awards to several valid bidders is not suspect here.
      const [winner] = valid;
      if (valid.size !== 1 || winner === undefined || suppliers.size !== 1 || !suppliers.has(winner)) continue;
      const othersDisqualified = [...disqualified].filter((id) => id !== winner).length;
      if (othersDisqualified < threshold) continue;
      setResult(results, 'OCID', ocid, 'R035', othersDisqualified);
      setResult(results, 'Tenderer', winner, 'R035', 0);
    }
    return results;
  },
};
