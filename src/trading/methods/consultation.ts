import { bilingual } from '../../platform/errors';
import { CONTRACT_STEPS, DEAL_AWARD, period, type MethodDefinition } from './method';

/** 竞争性磋商 (财库〔2014〕214号): comprehensive scoring only, with the 磋商 price-weight ranges (GP-12). */
export const CONSULTATION: MethodDefinition = {
  method: 'consultation',
  regime: 'procurement',
  name: bilingual('竞争性磋商', 'Competitive consultation'),
  noticeTitle: bilingual('竞争性磋商公告', 'Competitive consultation notice'),
  documentsName: bilingual('磋商文件', 'consultation documents'),
  responseName: bilingual('响应文件', 'response'),
  award: DEAL_AWARD,
  panel: {
    name: bilingual('磋商小组', 'consultation panel'),
    minimumMembers: { count: 3, ruleId: 'CS-03' },
    larger: null,
    odd: true,
    expertShareRuleId: 'CS-03',
  },
  rules: {
    minimumBidders: { count: 3, ruleId: 'CS-10' },
    periods: [
      period('GP-09', 'deadline', 10, 'days', '自磋商文件开始发出之日起至首次提交响应文件截止之日止，不得少于10日', 'At least 10 days from the consultation documents to the first response deadline'),
      period('CS-01', 'documentsUntil', 5, 'workingDays', '磋商文件的发售期限自开始之日起不得少于5个工作日', 'The consultation documents must be available for at least 5 working days'),
    ],
    clarificationLead: { amount: 5, unit: 'days', ruleId: 'CS-02' },
    evaluationMethods: ['scoring'],
    priceWeight: { goods: { min: 30, max: 60, ruleId: 'GP-12' }, services: { min: 10, max: 30, ruleId: 'GP-12' } },
    oneQuotationRuleId: null,
    twoSupplierExceptions: { allowed: ['research', 'governmentServices'], ruleId: 'CS-06' },
    rounds: { changeRuleId: 'CS-05', finalOffersRuleId: 'CS-06' },
    needsJustification: false,
  },
  steps: [
    { id: 'notice', ruleIds: ['GP-08', 'GP-09', 'CS-01', 'CS-02'] },
    { id: 'responses', ruleIds: ['EB-01', 'EB-03', 'GP-11'] },
    { id: 'opening', ruleIds: ['GP-11', 'EB-05', 'EB-06'] },
    { id: 'rounds', ruleIds: ['CS-04', 'CS-05', 'CS-06'] },
    { id: 'evaluation', ruleIds: ['CS-03', 'GP-12', 'CS-07', 'CS-08'] },
    { id: 'award', ruleIds: ['CS-09', 'GP-72', 'GP-74'] },
    ...CONTRACT_STEPS(['GP-75', 'GP-76', 'GP-77']),
  ],
};
