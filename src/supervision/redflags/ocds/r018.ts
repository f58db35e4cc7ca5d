import { eligibleReleases, matchesProcurementMethod, pipeSet, tenderOf } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type OcdsIndicator, type Results } from './types';

export const R018: OcdsIndicator<{ procurementMethods: string }> = {
  code: 'R018',
  name: { 'zh-CN': '仅一家投标', 'en-US': 'Single bid received' },
  explanation: {
    'zh-CN': '竞争性采购（默认为公开招标 open 和邀请招标 selective）只有一家投标人（/tender/numberOfTenderers 为 1）。缺乏竞争可能是竞争被压制的结果。命中只是提示人工核查的线索，不是结论：冷门需求也可能只有一家响应。',
    'en-US': 'A competitive procedure (open or selective by default) had exactly one tenderer (/tender/numberOfTenderers is 1). A lack of competition can mean competition was suppressed. A match is a reason for a person to look, never a verdict: a niche need may draw only one bid.',
  },
  groups: ['OCID'],
  parameters: { procurementMethods: 'open|selective' },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const methods = pipeSet(parameters.procurementMethods);
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      // Cardinal reads the published count, not the bids: a count of tenderers is often published without bid details.
      if (matchesProcurementMethod(release, methods) && tenderOf(release)?.numberOfTenderers === 1) setResult(results, 'OCID', ocid, 'R018', 1);
    }
    return results;
  },
};
