import { bilingual } from '../../platform/errors';
import { CONTRACT_STEPS, DEAL_AWARD, type MethodDefinition } from './method';

/**
 * 单一来源 (政府采购法 第三十一条, 实施条例 第三十八条, 财政部令第74号): the purchaser's reasons and the
 * professionals' opinions are publicised for at least 5 working days, with objections heard during
 * it (DS-01, SS-03, SS-04), before the named supplier is invited to respond. After its response is
 * opened the negotiators agree the price and terms with it and sign the negotiation record, which
 * stands for the evaluation (SS-05, SS-07; single-source/negotiation-record.ts).
 */
export const SINGLE_SOURCE: MethodDefinition = {
  method: 'singleSource',
  regime: 'procurement',
  name: bilingual('单一来源', 'Single source'),
  noticeTitle: bilingual('单一来源采购公告', 'Single-source notice'),
  documentsName: bilingual('单一来源采购文件', 'single-source documents'),
  responseName: bilingual('响应文件', 'response'),
  award: DEAL_AWARD,
  panel: {
    name: bilingual('单一来源采购人员', 'single-source negotiators'),
    // SS-05 asks for experienced professionals without a number: the platform asks for two (docs/METHODS.md §7).
    minimumMembers: { count: 2, ruleId: 'SS-05' },
    larger: null,
    odd: false,
    expertShareRuleId: null,
  },
  rules: {
    minimumBidders: { count: 1, ruleId: 'SS-06' },
    periods: [],
    clarificationLead: null,
    evaluationMethods: ['lowestPrice'],
    priceWeight: {},
    oneQuotationRuleId: null,
    twoSupplierExceptions: null,
    needsJustification: true,
  },
  steps: [
    { id: 'singleSourcePublicity', ruleIds: ['DS-01', 'SS-02', 'SS-03', 'SS-04'], onlySoleSupplierFromThreshold: true },
    { id: 'notice', ruleIds: [] },
    { id: 'responses', ruleIds: ['EB-01', 'EB-03', 'SS-06'] },
    { id: 'opening', ruleIds: ['EB-05'] },
    // SS-05: the price and terms are agreed with the supplier and recorded (协商情况记录), not scored; SS-07: never above the budget.
    { id: 'evaluation', ruleIds: ['SS-05', 'SS-07'], name: bilingual('协商（协商情况记录）', 'Negotiation record') },
    { id: 'award', ruleIds: ['GP-72'] },
    ...CONTRACT_STEPS(['GP-75', 'GP-76', 'GP-77']),
  ],
};
