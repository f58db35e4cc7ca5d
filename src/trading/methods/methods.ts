import type { Bilingual } from '../../platform/errors';
import { bilingual } from '../../platform/errors';

/**
 * Procurement methods as one table (ARCHITECTURE.md: "methods as thin plug-ins over one
 * core"). Every number cites its rule in ../shared/RULES.md.
 */
export const METHODS = ['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource'] as const;
export type Method = (typeof METHODS)[number];

/** The methods' names as notices and the portal print them. */
export const METHOD_NAMES_ZH: Record<Method, string> = { openTender: '公开招标', consultation: '竞争性磋商', negotiation: '竞争性谈判', rfq: '询价', singleSource: '单一来源' };

export const CATEGORIES = ['goods', 'services', 'works'] as const;
export type Category = (typeof CATEGORIES)[number];

export const EVALUATION_METHODS = ['lowestPrice', 'scoring'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/** A minimum period between two moments of the procedure. */
export interface PeriodRule {
  ruleId: string;
  /** From the day the procurement documents are first available… */
  from: 'documentsAvailable';
  /** …to the submission deadline, or to the end of the documents' availability. */
  to: 'deadline' | 'documentsUntil';
  amount: number;
  unit: 'days' | 'workingDays';
  /** Whether the cautious reading of T-08 may apply (calendar-day minimums only). */
  policyApplies: boolean;
  messages: Bilingual;
}

export interface MethodRules {
  /** Bids needed for the opening to take place (GP-33, GP-11, WK-09). */
  minimumBidders: { count: number; ruleId: string };
  periods: PeriodRule[];
  /** A clarification that may affect bids must come at least this many days before the deadline. */
  clarificationLeadDays: { days: number; ruleId: string } | null;
  evaluationMethods: readonly EvaluationMethod[];
  /** Price weight bounds under comprehensive scoring, in percent, per category. */
  priceWeight: Partial<Record<Category, { min: number; max: number | null; ruleId: string }>>;
  /** A recorded justification is needed to use the method at all. */
  needsJustification: boolean;
}

const days = (ruleId: string, to: PeriodRule['to'], amount: number, unit: PeriodRule['unit'], zh: string, en: string): PeriodRule => ({
  ruleId,
  from: 'documentsAvailable',
  to,
  amount,
  unit,
  policyApplies: unit === 'days' && to === 'deadline',
  messages: bilingual(zh, en),
});

/** Government procurement of goods and services (政府采购法, 实施条例, 87号令, 214号, 74号令). */
const GOVERNMENT_PROCUREMENT: Record<Method, MethodRules> = {
  openTender: {
    minimumBidders: { count: 3, ruleId: 'GP-33' },
    periods: [
      days('GP-01', 'deadline', 20, 'days', '自招标文件开始发出之日起至投标截止时间止，不得少于20日', 'At least 20 days from the first day the tender documents are available to the submission deadline'),
      days('GP-02', 'documentsUntil', 5, 'workingDays', '招标文件的提供期限不得少于5个工作日', 'The tender documents must be available for at least 5 working days'),
    ],
    clarificationLeadDays: { days: 15, ruleId: 'GP-05' },
    evaluationMethods: ['lowestPrice', 'scoring'],
    priceWeight: { goods: { min: 30, max: null, ruleId: 'GP-51' }, services: { min: 10, max: null, ruleId: 'GP-51' } },
    needsJustification: false,
  },
  consultation: {
    minimumBidders: { count: 3, ruleId: 'GP-11' },
    periods: [days('GP-09', 'deadline', 10, 'days', '自磋商文件开始发出之日起至首次提交响应文件截止之日止，不得少于10日', 'At least 10 days from the consultation documents to the first response deadline')],
    clarificationLeadDays: null,
    evaluationMethods: ['scoring'],
    priceWeight: { goods: { min: 30, max: 60, ruleId: 'GP-12' }, services: { min: 10, max: 30, ruleId: 'GP-12' } },
    needsJustification: false,
  },
  negotiation: {
    minimumBidders: { count: 3, ruleId: 'GP-11' },
    periods: [days('GP-10', 'deadline', 3, 'workingDays', '从谈判文件发出之日起至供应商提交首次响应文件截止之日止，不得少于3个工作日', 'At least 3 working days from the negotiation documents to the first response deadline')],
    clarificationLeadDays: null,
    evaluationMethods: ['lowestPrice'],
    priceWeight: {},
    needsJustification: true,
  },
  rfq: {
    minimumBidders: { count: 3, ruleId: 'GP-11' },
    periods: [days('GP-10', 'deadline', 3, 'workingDays', '从询价通知书发出之日起至供应商提交响应文件截止之日止，不得少于3个工作日', 'At least 3 working days from the request for quotation to the response deadline')],
    clarificationLeadDays: null,
    evaluationMethods: ['lowestPrice'],
    priceWeight: {},
    needsJustification: false,
  },
  singleSource: {
    minimumBidders: { count: 1, ruleId: 'GP-80' },
    periods: [],
    clarificationLeadDays: null,
    evaluationMethods: ['lowestPrice'],
    priceWeight: {},
    needsJustification: true,
  },
};

/** Works tendered under the tendering law (招标投标法 and its 实施条例): RULES.md §1b. */
const TENDERING_LAW_OPEN_TENDER: MethodRules = {
  minimumBidders: { count: 3, ruleId: 'WK-09' },
  periods: [
    days('WK-01', 'deadline', 20, 'days', '自招标文件开始发出之日起至提交投标文件截止之日止，最短不得少于20日', 'At least 20 days from the tender documents to the submission deadline'),
    days('WK-02', 'documentsUntil', 5, 'days', '招标文件的发售期不得少于5日', 'The tender documents must be on sale for at least 5 days'),
  ],
  clarificationLeadDays: { days: 15, ruleId: 'WK-04' },
  evaluationMethods: ['lowestPrice', 'scoring'],
  priceWeight: {},
  needsJustification: false,
};

/** The rules for a project: works by open tender follow the tendering law, everything else 87号令 and friends. */
export function methodRules(method: Method, category: Category): MethodRules {
  return method === 'openTender' && category === 'works' ? TENDERING_LAW_OPEN_TENDER : GOVERNMENT_PROCUREMENT[method];
}
