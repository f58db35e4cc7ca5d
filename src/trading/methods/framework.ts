import { bilingual } from '../../platform/errors';
import { DEAL_AWARD, period, type MethodDefinition } from './method';

/**
 * 框架协议采购 (财政部令第110号, in force 2022-03-01): for goods and services bought small and often
 * (FA-01). The first stage is the familiar chain — 征集公告 and 征集文件, sealed 响应文件, opening,
 * evaluation — but it admits several suppliers (入围供应商) into a framework agreement instead of
 * naming one winner (FA-02, FA-04, FA-05). The second stage makes orders under the agreement, by direct
 * selection (FA-08) or by a second-round competition among the members (FA-07); each order is a
 * contract that flows into acceptance and payment like any other.
 *
 * Every number of 110号令 is unverified ([MEM], docs/METHODS.md §5): the admission counts, the
 * elimination rate and the terms are settings read by src/trading/framework/ (their defaults here and
 * in framework.rules.ts). The period and the first stage's minimum of responses below are those
 * defaults; the admission checks the settings again.
 */
export const FRAMEWORK: MethodDefinition = {
  method: 'framework',
  regime: 'procurement',
  name: bilingual('框架协议采购', 'Framework agreement'),
  categories: { allowed: ['goods', 'services'], ruleId: 'FA-01' },
  noticeTitle: bilingual('征集公告', 'Call for suppliers'),
  documentsName: bilingual('征集文件', 'call documents'),
  responseName: bilingual('响应文件', 'response'),
  award: DEAL_AWARD,
  // Evaluated as a negotiation panel is (no size is given by 110号令 in the sources found): 3 or more, odd, two thirds experts.
  panel: {
    name: bilingual('评审小组', 'evaluation panel'),
    minimumMembers: { count: 3, ruleId: 'NG-02' },
    larger: null,
    odd: true,
    expertShareRuleId: 'NG-02',
  },
  rules: {
    minimumBidders: { count: 2, ruleId: 'FA-04' },
    periods: [period('FA-03', 'deadline', 20, 'days', '从征集文件发出之日起至供应商提交响应文件截止之日止，不得少于20日', 'At least 20 days from the call documents to the response deadline')],
    clarificationLead: null,
    evaluationMethods: ['lowestPrice', 'scoring'],
    priceWeight: {},
    oneQuotationRuleId: null,
    twoSupplierExceptions: null,
    needsJustification: false,
  },
  steps: [
    { id: 'notice', ruleIds: ['FA-01', 'FA-02', 'FA-03'] },
    { id: 'responses', ruleIds: ['EB-01', 'EB-03', 'FA-04'] },
    { id: 'opening', ruleIds: ['FA-04', 'EB-05'] },
    { id: 'evaluation', ruleIds: ['NG-02', 'FA-04'] },
    { id: 'admission', ruleIds: ['FA-02', 'FA-04', 'FA-05'] },
    { id: 'orders', ruleIds: ['FA-06', 'FA-07', 'FA-08'] },
    { id: 'acceptance', ruleIds: [] },
  ],
};
