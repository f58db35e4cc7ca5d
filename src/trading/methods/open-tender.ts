import { bilingual } from '../../platform/errors';
import { CONTRACT_STEPS, TENDER_AWARD, period, type MethodDefinition } from './method';

/** 公开招标 of goods and services (政府采购法, 实施条例, 财政部令第87号). */
export const OPEN_TENDER: MethodDefinition = {
  method: 'openTender',
  regime: 'procurement',
  name: bilingual('公开招标', 'Open tender'),
  noticeTitle: bilingual('招标公告', 'Tender notice'),
  documentsName: bilingual('招标文件', 'tender documents'),
  responseName: bilingual('投标文件', 'bid'),
  award: TENDER_AWARD,
  panel: {
    name: bilingual('评标委员会', 'evaluation committee'),
    minimumMembers: { count: 5, ruleId: 'GP-40' },
    larger: { count: 7, ruleId: 'GP-41', when: 'largeOrComplex' },
    odd: true,
    expertShareRuleId: 'GP-42',
  },
  rules: {
    minimumBidders: { count: 3, ruleId: 'GP-33' },
    periods: [
      period('GP-01', 'deadline', 20, 'days', '自招标文件开始发出之日起至投标截止时间止，不得少于20日', 'At least 20 days from the first day the tender documents are available to the submission deadline'),
      period('GP-02', 'documentsUntil', 5, 'workingDays', '招标文件的提供期限不得少于5个工作日', 'The tender documents must be available for at least 5 working days'),
    ],
    clarificationLead: { amount: 15, unit: 'days', ruleId: 'GP-05' },
    evaluationMethods: ['lowestPrice', 'scoring'],
    priceWeight: { goods: { min: 30, max: null, ruleId: 'GP-51' }, services: { min: 10, max: null, ruleId: 'GP-51' } },
    oneQuotationRuleId: null,
    twoSupplierExceptions: null,
    needsJustification: false,
  },
  steps: [
    { id: 'notice', ruleIds: ['GP-08', 'GP-01', 'GP-02', 'GP-05'] },
    { id: 'responses', ruleIds: ['EB-01', 'EB-03', 'GP-20'] },
    { id: 'opening', ruleIds: ['GP-30', 'GP-33', 'EB-05', 'EB-06'] },
    { id: 'evaluation', ruleIds: ['GP-40', 'GP-42', 'GP-43', 'GP-50', 'GP-51', 'GP-52'] },
    { id: 'award', ruleIds: ['GP-70', 'GP-71', 'GP-72', 'GP-74'] },
    ...CONTRACT_STEPS(['GP-75', 'GP-76', 'GP-77']),
  ],
};
