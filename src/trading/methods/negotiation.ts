import { bilingual } from '../../platform/errors';
import { CONTRACT_STEPS, DEAL_AWARD, period, type MethodDefinition } from './method';

/** 竞争性谈判 (财政部令第74号): lowest final offer meeting the requirements wins; the method needs a recorded justification. */
export const NEGOTIATION: MethodDefinition = {
  method: 'negotiation',
  regime: 'procurement',
  name: bilingual('竞争性谈判', 'Competitive negotiation'),
  noticeTitle: bilingual('竞争性谈判公告', 'Competitive negotiation notice'),
  documentsName: bilingual('谈判文件', 'negotiation documents'),
  responseName: bilingual('响应文件', 'response'),
  award: DEAL_AWARD,
  panel: {
    name: bilingual('谈判小组', 'negotiation panel'),
    minimumMembers: { count: 3, ruleId: 'NG-02' },
    larger: { count: 5, ruleId: 'NG-02', when: 'atOpenTenderThreshold' },
    odd: true,
    expertShareRuleId: 'NG-02',
  },
  rules: {
    minimumBidders: { count: 3, ruleId: 'GP-11' },
    periods: [period('GP-10', 'deadline', 3, 'workingDays', '从谈判文件发出之日起至供应商提交首次响应文件截止之日止，不得少于3个工作日', 'At least 3 working days from the negotiation documents to the first response deadline')],
    clarificationLead: { amount: 3, unit: 'workingDays', ruleId: 'NG-01' },
    evaluationMethods: ['lowestPrice'],
    priceWeight: {},
    oneQuotationRuleId: null,
    twoSupplierExceptions: null,
    rounds: { changeRuleId: 'NG-04', finalOffersRuleId: 'NG-05' },
    needsJustification: true,
  },
  steps: [
    { id: 'notice', ruleIds: ['GP-10', 'NG-01'] },
    { id: 'responses', ruleIds: ['EB-01', 'EB-03', 'GP-11'] },
    { id: 'opening', ruleIds: ['GP-11', 'EB-05'] },
    { id: 'rounds', ruleIds: ['NG-03', 'NG-04', 'NG-05'] },
    { id: 'evaluation', ruleIds: ['NG-02', 'NG-06'] },
    { id: 'award', ruleIds: ['NG-07', 'GP-72', 'GP-74'] },
    ...CONTRACT_STEPS(['GP-75', 'GP-76', 'GP-77']),
  ],
};
