import type { Category } from '../methods/methods';
import { deductionRange, SME_RESERVATION_CEILING_FEN } from '../project/lot.rules';

/** One awarded lot as its published award notice and tender notice state it. */
export interface AwardedLot {
  projectId: string;
  /** 预算金额, published in the tender notice. */
  budgetFen: number;
  /** 中标（成交）金额, published in the award notice. */
  awardFen: number;
  /** The winner is a small, micro or medium enterprise (its size as registered). */
  winnerIsSme: boolean;
}

export interface PortalFigures {
  awardedProjects: number;
  awardedLots: number;
  awardedFen: number;
  budgetFen: number;
  /** 节约资金 = budget − award amount, over the awarded lots. */
  savingsFen: number;
  /** Savings as a share of the budget, in basis points (1 % = 100). */
  savingsRateBp: number;
  smeAwardedFen: number;
  /** SME share of the awarded value, in basis points. */
  smeShareBp: number;
}

const bp = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);

/** The home page's headline figures, from published facts only (pure). */
export function portalFigures(lots: readonly AwardedLot[]): PortalFigures {
  let awardedFen = 0;
  let budgetFen = 0;
  let smeAwardedFen = 0;
  for (const l of lots) {
    awardedFen += l.awardFen;
    budgetFen += l.budgetFen;
    if (l.winnerIsSme) smeAwardedFen += l.awardFen;
  }
  const savingsFen = budgetFen - awardedFen;
  return {
    awardedProjects: new Set(lots.map((l) => l.projectId)).size,
    awardedLots: lots.length,
    awardedFen,
    budgetFen,
    savingsFen,
    savingsRateBp: bp(savingsFen, budgetFen),
    smeAwardedFen,
    smeShareBp: bp(smeAwardedFen, awardedFen),
  };
}

export interface SmePolicy {
  category: Category;
  /** smallMicro: SME-04's deduction; consortium: SME-05's, for a consortium or subcontract giving small/micro firms ≥ 30 %. */
  kind: 'smallMicro' | 'consortium';
  minBp: number;
  maxBp: number;
  ruleId: string;
}

/** The SME price deductions in force for notices published on `date` (SME-04, SME-05, SME-08), by category (pure). */
export function smePolicies(date: string): { deductions: SmePolicy[]; reservationCeilings: { category: Category; ceilingFen: number; ruleId: string }[] } {
  const categories: Category[] = ['goods', 'services', 'works'];
  return {
    deductions: categories.flatMap((category) => (['smallMicro', 'consortium'] as const).map((kind) => ({ category, kind, ...deductionRange(category, date, kind) }))),
    reservationCeilings: categories.map((category) => ({ category, ceilingFen: SME_RESERVATION_CEILING_FEN[category], ruleId: 'SME-01' })),
  };
}
