import { bilingual } from '../../platform/errors';
import { CONTRACT_STEPS, TENDER_AWARD, period, type MethodDefinition } from './method';

/**
 * Works tendered under the Bidding Law (招标投标法 and its 实施条例, RULES.md §1b): the evaluation
 * committee recommends ranked candidates, who are publicised for at least 3 days with objections
 * heard during it (WK-13, WK-18, WK-19) before the tenderer names the winner. A project may
 * prequalify its bidders first (PQ-01, PQ-02); otherwise the committee reviews them after the opening (PQ-03).
 */
export const WORKS_TENDER: MethodDefinition = {
  method: 'openTender',
  regime: 'tendering',
  name: bilingual('工程公开招标', 'Works tender'),
  noticeTitle: bilingual('招标公告', 'Tender notice'),
  documentsName: bilingual('招标文件', 'tender documents'),
  responseName: bilingual('投标文件', 'bid'),
  award: TENDER_AWARD,
  panel: {
    name: bilingual('评标委员会', 'bid-evaluation committee'),
    minimumMembers: { count: 5, ruleId: 'WK-10' },
    larger: null,
    odd: true,
    expertShareRuleId: 'WK-10',
  },
  rules: {
    minimumBidders: { count: 3, ruleId: 'WK-09' },
    periods: [
      period('WK-01', 'deadline', 20, 'days', '自招标文件开始发出之日起至提交投标文件截止之日止，最短不得少于20日', 'At least 20 days from the tender documents to the submission deadline'),
      period('WK-02', 'documentsUntil', 5, 'days', '招标文件的发售期不得少于5日', 'The tender documents must be on sale for at least 5 days'),
    ],
    clarificationLead: { amount: 15, unit: 'days', ruleId: 'WK-04' },
    evaluationMethods: ['lowestPrice', 'scoring'],
    priceWeight: {},
    oneQuotationRuleId: null,
    twoSupplierExceptions: null,
    needsJustification: false,
  },
  steps: [
    { id: 'prequalification', ruleIds: ['PQ-01', 'WK-02', 'WK-03', 'PQ-02'], onlyWithPrequalification: true },
    { id: 'notice', ruleIds: ['WK-01', 'WK-02', 'WK-04', 'WK-05'] },
    { id: 'responses', ruleIds: ['WK-06', 'WK-08', 'EB-01', 'EB-03'] },
    { id: 'opening', ruleIds: ['WK-09', 'EB-05', 'EB-06'] },
    { id: 'evaluation', ruleIds: ['WK-10', 'WK-12', 'WK-18'] },
    { id: 'candidatePublicity', ruleIds: ['WK-13', 'WK-19'] },
    { id: 'award', ruleIds: ['WK-14', 'WK-20', 'WK-17'] },
    ...CONTRACT_STEPS(['WK-15', 'WK-16']),
  ],
};
