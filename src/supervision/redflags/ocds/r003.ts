import { asObject, asString, eligibleReleases, matchesProcurementMethod, parseTimestamp, pipeSet, tenderOf } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type OcdsIndicator, type Results } from './types';

const DAY_MS = 86_400_000;

/** "Name=days|Name=days" → thresholds per /tender/procurementMethodDetails (cardinal's [R003.procurement_method_details]). */
export function parseDaysByMethodDetails(setting: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const entry of pipeSet(setting)) {
    const at = entry.lastIndexOf('=');
    const value = Number(entry.slice(at + 1));
    if (at <= 0 || !Number.isInteger(value)) throw new RangeError(`R003 procurementMethodDetailsThresholds: "${entry}" is not Name=days`);
    days.set(entry.slice(0, at), value);
  }
  return days;
}

export const R003: OcdsIndicator<{ threshold: number; procurementMethods: string; procurementMethodDetailsThresholds: string }> = {
  code: 'R003',
  name: { 'zh-CN': '投标（响应）期过短', 'en-US': 'Short submission period' },
  explanation: {
    'zh-CN': '从招标（采购）文件可以获取到投标截止，整天数少于阈值（默认 15 天）。期限过短可能让事先知情的供应商占先、其他供应商来不及准备。命中只是提示人工核查的线索，不是结论：法定的最短期限因采购方式而不同，可按采购方式分别设置。',
    'en-US': 'The whole days from when the documents were available to the submission deadline are fewer than the threshold (15 by default). A short period can favour a bidder told in advance and leave others too little time. A match is a reason for a person to look, never a verdict: legal minimum periods differ by procedure and can be set per procedure.',
  },
  groups: ['OCID'],
  parameters: { threshold: 15, procurementMethods: '', procurementMethodDetailsThresholds: '' },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const methods = pipeSet(parameters.procurementMethods);
    const daysByDetails = parseDaysByMethodDetails(parameters.procurementMethodDetailsThresholds);
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      if (!matchesProcurementMethod(release, methods)) continue;
      const tender = tenderOf(release);
      const period = asObject(tender?.tenderPeriod);
      const start = parseTimestamp(period?.startDate);
      const end = parseTimestamp(period?.endDate);
      if (start === undefined || end === undefined) continue;
      // Whole days, truncated toward zero (4 days 23 hours is 4 days).
      const wholeDays = Math.trunc((end - start) / DAY_MS);
      const details = asString(tender?.procurementMethodDetails);
      const threshold = (details !== undefined ? daysByDetails.get(details) : undefined) ?? parameters.threshold;
      if (wholeDays < threshold) setResult(results, 'OCID', ocid, 'R003', 1);
    }
    return results;
  },
};
