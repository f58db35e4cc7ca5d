import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * One core definition that every procurement method fills in (ARCHITECTURE.md: methods as thin
 * plug-ins over one core). A method is a file of its steps in order, the rules that guard each,
 * its notice, its panel and its time limits; the shared steps (sealing, opening, scoring, award,
 * contract) live once in their modules and read the definition. Rule IDs are those of
 * ../shared/RULES.md and docs/METHODS.md.
 */
export const METHODS = ['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource', 'framework'] as const;
export type Method = (typeof METHODS)[number];

export const CATEGORIES = ['goods', 'services', 'works'] as const;
export type Category = (typeof CATEGORIES)[number];

export const EVALUATION_METHODS = ['lowestPrice', 'scoring'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/** The law a project runs under: 政府采购法 (goods, services, non-tender works) or 招标投标法 (works tendered). */
export type Regime = 'procurement' | 'tendering';

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
  /** Bids (responses) needed for the opening to take place (GP-33, GP-11, WK-09). */
  minimumBidders: { count: number; ruleId: string };
  periods: PeriodRule[];
  /** A clarification that may affect responses must come at least this long before the deadline. */
  clarificationLead: { amount: number; unit: 'days' | 'workingDays'; ruleId: string } | null;
  evaluationMethods: readonly EvaluationMethod[];
  /** Price weight bounds under comprehensive scoring, in percent, per category. */
  priceWeight: Partial<Record<Category, { min: number; max: number | null; ruleId: string }>>;
  /** A recorded justification is needed to use the method at all. */
  needsJustification: boolean;
  /** RQ-02: each supplier quotes once, a price it may not change (no second submission); null where a later bid supersedes. */
  oneQuotationRuleId: string | null;
  /** CS-06: the projects that may go on with two suppliers, and the rule that allows it; null where three are always needed. */
  twoSupplierExceptions: { allowed: readonly TwoSupplierException[]; ruleId: string } | null;
  /** 磋商/谈判 rounds (CS-04..06, NG-03..05); absent where responses are evaluated as submitted. */
  rounds?: RoundsRule;
}

/** What a panel may change during consultation or negotiation (CS-05, NG-04): the technical or service requirements and the draft contract terms, nothing else. */
export const REQUIREMENT_CHANGE_KINDS = ['technical', 'service', 'contractTerms'] as const;
export type RequirementChangeKind = (typeof REQUIREMENT_CHANGE_KINDS)[number];

/**
 * 磋商/谈判: the panel deals with each supplier separately, may change the requirements (confirmed
 * by the purchaser's representative, sent in writing to every supplier taking part at once), and
 * then asks every one of them for a final offer by a set time; the final offers are what is
 * evaluated, and a supplier that gives none drops out.
 */
export interface RoundsRule {
  /** The rule that limits and announces a change (CS-05, NG-04). */
  changeRuleId: string;
  /** The rule on final offers and how many must be given (CS-06, NG-05). */
  finalOffersRuleId: string;
}

/**
 * CS-06 (财库〔2014〕214号 第三条第四项, 第二十一条; 财库〔2015〕124号): a consultation may go on with two
 * suppliers for research where competition is insufficient or results need support (research), and for
 * government purchases of services (governmentServices).
 */
/** 政府采购法 第三十一条: the grounds for single source — (一) only one supplier can supply, (二) an unforeseeable emergency, (三) additions for consistency (within 10 %, GP-80). */
export const SINGLE_SOURCE_GROUNDS = ['soleSupplier', 'emergency', 'consistency'] as const;
export type SingleSourceGround = (typeof SINGLE_SOURCE_GROUNDS)[number];

export const TWO_SUPPLIER_EXCEPTIONS = ['research', 'governmentServices'] as const;
export type TwoSupplierException = (typeof TWO_SUPPLIER_EXCEPTIONS)[number];

/**
 * The panel that evaluates (评标委员会, 磋商小组, 谈判小组, 询价小组): its name, its smallest size, when
 * it must be larger, and the rule that at least two thirds of it are experts.
 */
export interface PanelRule {
  name: Bilingual;
  minimumMembers: { count: number; ruleId: string };
  /** A larger panel when the budget reaches an amount (GP-41: 1,000万元; NG-02: the open-tender threshold) or the project is complex. */
  larger: { count: number; ruleId: string; when: 'largeOrComplex' | 'atOpenTenderThreshold' } | null;
  /** An odd number of members (every panel the law sizes); the single-source negotiators need not be. */
  odd: boolean;
  /** The rule that two thirds are experts; null where the law asks only for experienced professionals (SS-05). */
  expertShareRuleId: string | null;
}

/** A step of a method's procedure, as users see it in the project's progress, with the rules that govern it. */
export const STEP_IDS = [
  'prequalification',
  'singleSourcePublicity',
  'notice',
  'responses',
  'opening',
  'rounds',
  'evaluation',
  'candidatePublicity',
  'award',
  'admission',
  'orders',
  'contract',
  'acceptance',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface Step {
  id: StepId;
  ruleIds: readonly string[];
  /** What the method calls the step, where it differs from STEP_NAMES (单一来源's evaluation is the negotiation record, SS-05). */
  name?: Bilingual;
  /** A step the law asks for only of a single-source purchase from the sole supplier, from the region's open-tender threshold on (DS-01). */
  onlySoleSupplierFromThreshold?: boolean;
  /** A step only projects that chose it take: 资格预审 (PQ-01; without it, 资格后审, PQ-03). */
  onlyWithPrequalification?: boolean;
}

export interface MethodDefinition {
  method: Method;
  regime: Regime;
  name: Bilingual;
  /** The categories the method may buy; absent: all (RQ-05: requests for quotations buy goods). */
  categories?: { allowed: readonly Category[]; ruleId: string };
  /** What the method's call for responses is titled (招标公告, 竞争性磋商公告, …), its documents and its responses called. */
  noticeTitle: Bilingual;
  documentsName: Bilingual;
  responseName: Bilingual;
  /**
   * What the result is called: 中标 under a tender (招标投标法 第四十五条, 政府采购法 第四十六条), 成交 under
   * the non-tender methods (74号令: 成交供应商, 成交通知书; RQ-03, NG-06, CS-09).
   */
  award: { won: Bilingual; letter: Bilingual };
  panel: PanelRule;
  rules: MethodRules;
  steps: readonly Step[];
}

/** What every step is called, whatever the method. */
export const STEP_NAMES: Record<StepId, Bilingual> = {
  prequalification: bilingual('资格预审', 'Prequalification'),
  singleSourcePublicity: bilingual('单一来源公示', 'Single-source publicity'),
  notice: bilingual('发布公告和采购文件', 'Notice and documents'),
  responses: bilingual('递交响应文件', 'Sealed responses'),
  opening: bilingual('开启', 'Opening'),
  rounds: bilingual('磋商（谈判）与最后报价', 'Rounds and final offers'),
  evaluation: bilingual('评审', 'Evaluation'),
  candidatePublicity: bilingual('中标候选人公示', "Candidates' publicity"),
  award: bilingual('确定中标（成交）供应商', 'Award'),
  admission: bilingual('确定入围供应商并订立框架协议', 'Admission and framework agreement'),
  orders: bilingual('采购订单（直接选定或二次竞价）', 'Orders (direct selection or second-round competition)'),
  contract: bilingual('签订合同', 'Contract'),
  acceptance: bilingual('履约验收', 'Acceptance'),
};

export const period = (ruleId: string, to: PeriodRule['to'], amount: number, unit: PeriodRule['unit'], zh: string, en: string): PeriodRule => ({
  ruleId,
  from: 'documentsAvailable',
  to,
  amount,
  unit,
  policyApplies: unit === 'days' && to === 'deadline',
  messages: bilingual(zh, en),
});

/** A tender's result words (中标, 中标通知书). */
export const TENDER_AWARD = { won: bilingual('中标', 'awarded'), letter: bilingual('中标通知书', 'Letter of award') };
/** A non-tender method's result words (成交, 成交通知书: 74号令, 214号). */
export const DEAL_AWARD = { won: bilingual('成交', 'awarded'), letter: bilingual('成交通知书', 'Notice of award') };

/** The steps every method shares after its award (GP-75, GP-76; WK-15). */
export const CONTRACT_STEPS = (contractRules: readonly string[]): Step[] => [
  { id: 'contract', ruleIds: contractRules },
  { id: 'acceptance', ruleIds: [] },
];
