import { asArray, asObject, asString, bidDetails, eligibleReleases, objects, organizationIds, parseTimestamp, statusOf, tenderOf } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type OcdsIndicator, type Results } from './types';

/**
 * Whether a bid's date is after the deadline. Cardinal compares the two strings, which is right only when
 * both use the same format and offset; we compare instants when both parse as RFC 3339 (a bid at
 * 10:30+08:00 is before a deadline of 03:00Z), and fall back to cardinal's string comparison otherwise.
 */
export function isAfter(date: string, deadline: string): boolean {
  const dateMs = parseTimestamp(date);
  const deadlineMs = parseTimestamp(deadline);
  return dateMs !== undefined && deadlineMs !== undefined ? dateMs > deadlineMs : date > deadline;
}

export const R030: OcdsIndicator<Record<string, never>> = {
  code: 'R030',
  name: { 'zh-CN': '逾期投标中标', 'en-US': 'Late bid won' },
  explanation: {
    'zh-CN': '一份有效投标的提交时间晚于投标截止时间，且其投标人是有效（active）授标的供应商。接受逾期投标可能是为事先确定的投标人开后门（例如在开标后得知他人报价）。命中只是提示人工核查的线索，不是结论：截止时间可能依法延长而未更新数据。该投标人同时标记。',
    'en-US': 'A valid bid was received after the submission deadline and its tenderer is a supplier of an active award. Accepting a late bid can favour a bidder that saw the others’ prices. A match is a reason for a person to look, never a verdict: the deadline may have been lawfully extended without the data being updated. The tenderer is flagged too.',
  },
  groups: ['OCID', 'Tenderer'],
  parameters: {},
  run(releases, _parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      const deadline = asString(asObject(tenderOf(release)?.tenderPeriod)?.endDate);
      const awards = asArray(release.awards);
      const bids = bidDetails(release);
      if (deadline === undefined || awards === undefined || bids === undefined) continue;
      const winners = new Set(objects(awards).flatMap((award) => (statusOf(award) === 'active' ? organizationIds(award.suppliers) : [])));
      for (const bid of bids) {
        const date = asString(bid.date);
        if (statusOf(bid) !== 'valid' || date === undefined || !Array.isArray(bid.tenderers) || !isAfter(date, deadline)) continue;
        for (const id of organizationIds(bid.tenderers)) {
          if (!winners.has(id)) continue;
          setResult(results, 'OCID', ocid, 'R030', 1);
          setResult(results, 'Tenderer', id, 'R030', 1);
        }
      }
    }
    return results;
  },
};
