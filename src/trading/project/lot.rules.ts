import { bilingual, type Bilingual } from '../../platform/errors';
import { methodRules, type Category, type EvaluationMethod, type Method } from '../methods/methods';

/**
 * A lot's configuration checked against the law (pure). Amounts are integer fen; rates are
 * basis points (1 % = 100 bp); weights are whole percent.
 */
export const SME_MEASURES = ['none', 'reserved', 'priceDeduction'] as const;
export type SmeMeasure = (typeof SME_MEASURES)[number];

export interface LotConfig {
  budgetFen: number;
  maxPriceFen: number | null;
  depositFen: number;
  evaluationMethod: EvaluationMethod;
  /** Comprehensive scoring: criteria and their weights (percent, summing to 100); one is the price. */
  criteria: { name: string; weight: number; isPrice: boolean }[];
  sme: {
    measure: SmeMeasure;
    /** SME-04: deduction for small and micro enterprises. */
    deductionBp: number | null;
    /** SME-05: deduction for a consortium or subcontract giving small/micro firms at least 30 %. */
    consortiumDeductionBp: number | null;
    /** SME-01: why a lot under the reservation threshold is not reserved for SMEs. */
    notSuitableReason: string | null;
  };
}

export interface LotProblem {
  ruleId: string;
  field: string;
  messages: Bilingual;
}

const YUAN = 100;
/** SME-01: projects up to these budgets must be reserved for SMEs when suitable. */
export const SME_RESERVATION_CEILING_FEN: Record<Category, number> = { goods: 2_000_000 * YUAN, services: 2_000_000 * YUAN, works: 4_000_000 * YUAN };
/** SME-08: 财库〔2022〕19号 raised the goods/services deductions for notices from this date. */
export const SME_2022_RATES_FROM = '2022-07-01';

export function deductionRange(category: Category, announcementDate: string, kind: 'smallMicro' | 'consortium'): { minBp: number; maxBp: number; ruleId: string } {
  if (category === 'works') return kind === 'smallMicro' ? { minBp: 300, maxBp: 500, ruleId: 'SME-04' } : { minBp: 100, maxBp: 200, ruleId: 'SME-05' };
  const after2022 = announcementDate >= SME_2022_RATES_FROM;
  if (kind === 'smallMicro') return after2022 ? { minBp: 1000, maxBp: 2000, ruleId: 'SME-04' } : { minBp: 600, maxBp: 1000, ruleId: 'SME-08' };
  return after2022 ? { minBp: 400, maxBp: 600, ruleId: 'SME-05' } : { minBp: 200, maxBp: 300, ruleId: 'SME-08' };
}

const pct = (bp: number) => `${bp / 100}%`;

export function lotProblems(method: Method, category: Category, lot: LotConfig, announcementDate: string): LotProblem[] {
  const problems: LotProblem[] = [];
  const add = (ruleId: string, field: string, zh: string, en: string) => problems.push({ ruleId, field, messages: bilingual(zh, en) });
  const rules = methodRules(method, category);

  if (!Number.isSafeInteger(lot.budgetFen) || lot.budgetFen <= 0) add('GP-06', 'budgetFen', '预算金额必须大于0', 'The budget must be positive');
  if (lot.maxPriceFen !== null && lot.maxPriceFen > lot.budgetFen) add('GP-06', 'maxPriceFen', '最高限价不得超过预算金额', 'The price ceiling cannot exceed the budget');
  // GP-20 / WK-06: deposit ≤ 2 % of the budget, compared in integers (deposit × 50 ≤ budget).
  if (lot.depositFen < 0 || lot.depositFen * 50 > lot.budgetFen) {
    const ruleId = category === 'works' && method === 'openTender' ? 'WK-06' : 'GP-20';
    add(ruleId, 'depositFen', `投标保证金不得超过预算金额的2%（最多${Math.floor(lot.budgetFen / 50) / YUAN}元）`, `The bid deposit cannot exceed 2% of the budget (at most ${Math.floor(lot.budgetFen / 50) / YUAN} yuan)`);
  }

  if (!rules.evaluationMethods.includes(lot.evaluationMethod)) add('GP-50', 'evaluationMethod', '该采购方式不适用所选评审方法', 'This evaluation method is not available for the procurement method');
  if (lot.evaluationMethod === 'scoring') {
    const total = lot.criteria.reduce((s, c) => s + c.weight, 0);
    if (total !== 100) add('GP-52', 'criteria', `评分因素权重之和应为100%（当前${total}%）`, `The criteria weights must add up to 100% (now ${total}%)`);
    const price = lot.criteria.filter((c) => c.isPrice);
    if (price.length !== 1) add('GP-51', 'criteria', '综合评分法应设且仅设一项价格分', 'Comprehensive scoring needs exactly one price criterion');
    const bounds = rules.priceWeight[category];
    const weight = price[0]?.weight;
    if (bounds && weight !== undefined && (weight < bounds.min || (bounds.max !== null && weight > bounds.max))) {
      const range = bounds.max === null ? `不低于${bounds.min}%` : `${bounds.min}%–${bounds.max}%`;
      const rangeEn = bounds.max === null ? `at least ${bounds.min}%` : `between ${bounds.min}% and ${bounds.max}%`;
      add(bounds.ruleId, 'criteria', `价格分值占总分值的比重应${range}`, `The price weight must be ${rangeEn}`);
    }
  }

  const { measure, deductionBp, consortiumDeductionBp, notSuitableReason } = lot.sme;
  if (measure === 'priceDeduction') {
    const range = deductionRange(category, announcementDate, 'smallMicro');
    if (deductionBp === null || deductionBp < range.minBp || deductionBp > range.maxBp)
      add(range.ruleId, 'sme.deductionBp', `小微企业价格扣除比例应为${pct(range.minBp)}–${pct(range.maxBp)}`, `The small/micro enterprise deduction must be between ${pct(range.minBp)} and ${pct(range.maxBp)}`);
    if (consortiumDeductionBp !== null) {
      const c = deductionRange(category, announcementDate, 'consortium');
      if (consortiumDeductionBp < c.minBp || consortiumDeductionBp > c.maxBp)
        add(c.ruleId, 'sme.consortiumDeductionBp', `联合体（分包）价格扣除比例应为${pct(c.minBp)}–${pct(c.maxBp)}`, `The consortium deduction must be between ${pct(c.minBp)} and ${pct(c.maxBp)}`);
    }
  } else if (deductionBp !== null || consortiumDeductionBp !== null) {
    add('SME-04', 'sme.deductionBp', '预留给中小企业的采购包不再执行价格扣除', 'A lot reserved for SMEs (or without SME measures) takes no price deduction');
  }
  if (measure !== 'reserved' && lot.budgetFen <= SME_RESERVATION_CEILING_FEN[category] && !notSuitableReason?.trim())
    add(
      'SME-01',
      'sme.notSuitableReason',
      `预算${category === 'works' ? '400' : '200'}万元以下的项目适宜由中小企业提供的，应当专门面向中小企业采购；不预留的须说明理由`,
      `A lot of up to ${category === 'works' ? '4' : '2'} million yuan suitable for SMEs must be reserved for them; give the reason if it is not`,
    );
  return problems;
}
