import { bilingual } from '../../platform/errors';
import { CONTRACT_STEPS, DEAL_AWARD, period, type MethodDefinition } from './method';

/** 询价 (政府采购法 第四十条, 财政部令第74号): one price per supplier, unchanged; the lowest meeting the requirements wins. */
export const RFQ: MethodDefinition = {
  method: 'rfq',
  regime: 'procurement',
  name: bilingual('询价', 'Request for quotations'),
  categories: { allowed: ['goods'], ruleId: 'RQ-05' },
  noticeTitle: bilingual('询价公告', 'Request for quotations'),
  documentsName: bilingual('询价通知书', 'request for quotations'),
  responseName: bilingual('报价文件', 'quotation'),
  award: DEAL_AWARD,
  panel: {
    name: bilingual('询价小组', 'quotation panel'),
    minimumMembers: { count: 3, ruleId: 'GP-11' },
    larger: { count: 5, ruleId: 'NG-02', when: 'atOpenTenderThreshold' },
    odd: true,
    expertShareRuleId: 'GP-11',
  },
  rules: {
    minimumBidders: { count: 3, ruleId: 'GP-11' },
    periods: [period('GP-10', 'deadline', 3, 'workingDays', '从询价通知书发出之日起至供应商提交响应文件截止之日止，不得少于3个工作日', 'At least 3 working days from the request for quotation to the response deadline')],
    clarificationLead: { amount: 3, unit: 'workingDays', ruleId: 'RQ-04' },
    evaluationMethods: ['lowestPrice'],
    priceWeight: {},
    oneQuotationRuleId: 'RQ-02',
    twoSupplierExceptions: null,
    needsJustification: false,
  },
  steps: [
    { id: 'notice', ruleIds: ['GP-10', 'RQ-04'] },
    { id: 'responses', ruleIds: ['RQ-02', 'EB-01', 'EB-03'] },
    { id: 'opening', ruleIds: ['GP-11', 'EB-05'] },
    { id: 'evaluation', ruleIds: ['GP-11', 'RQ-01', 'RQ-03'] },
    { id: 'award', ruleIds: ['NG-07', 'GP-72', 'GP-74'] },
    ...CONTRACT_STEPS(['GP-75', 'GP-76', 'GP-77']),
  ],
};
