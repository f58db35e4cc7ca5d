import { bilingual, type Bilingual } from '../../platform/errors';
import { CONSULTATION } from './consultation';
import type { Category, Method, MethodDefinition, MethodRules, SingleSourceGround, Step, TwoSupplierException } from './method';
import { FRAMEWORK } from './framework';
import { NEGOTIATION } from './negotiation';
import { OPEN_TENDER } from './open-tender';
import { RFQ } from './rfq';
import { SINGLE_SOURCE } from './single-source';
import { WORKS_TENDER } from './works-tender';

export * from './method';

/** Every method the platform runs, by the name projects record. Works by open tender follow the Bidding Law instead (methodDefinition). */
const PROCUREMENT_METHODS: Record<Method, MethodDefinition> = {
  openTender: OPEN_TENDER,
  consultation: CONSULTATION,
  negotiation: NEGOTIATION,
  rfq: RFQ,
  singleSource: SINGLE_SOURCE,
  framework: FRAMEWORK,
};

/** The methods' names as notices and the portal print them. */
export const METHOD_NAMES_ZH = Object.fromEntries(Object.values(PROCUREMENT_METHODS).map((d) => [d.method, d.name['zh-CN']])) as Record<Method, string>;

/** The definition a project runs under: works by open tender follow the Bidding Law, everything else the Government Procurement Law. */
export function methodDefinition(method: Method, category: Category): MethodDefinition {
  return method === 'openTender' && category === 'works' ? WORKS_TENDER : PROCUREMENT_METHODS[method];
}

export function methodRules(method: Method, category: Category): MethodRules {
  return methodDefinition(method, category).rules;
}

/** Every definition, works tender included. */
export const METHOD_DEFINITIONS: readonly MethodDefinition[] = [...Object.values(PROCUREMENT_METHODS), WORKS_TENDER];

/** What decides which of its method's steps a project takes. */
export interface StepFacts {
  budgetFen: number;
  openTenderThresholdFen: number;
  /** The project chose 资格预审 (PQ-01). */
  prequalification: boolean;
  /** A single-source project's ground (政府采购法 第三十一条); null for other methods. */
  singleSourceGround: SingleSourceGround | null;
}

/** The steps a project of this method goes through (DS-01 only for the sole supplier from the open-tender threshold; PQ-01 only when chosen). */
export function stepsOf(definition: MethodDefinition, f: StepFacts): Step[] {
  const soleSupplierAtThreshold = f.singleSourceGround === 'soleSupplier' && f.budgetFen >= f.openTenderThresholdFen;
  return definition.steps.filter((s) => (!s.onlySoleSupplierFromThreshold || soleSupplierAtThreshold) && (!s.onlyWithPrequalification || f.prequalification));
}

/** The smallest panel for this method and project (GP-40/41, NG-02, CS-03, WK-10). */
export function minimumPanel(definition: MethodDefinition, p: { budgetFen: number; complex: boolean; openTenderThresholdFen: number; largeBudgetFen: number }): { count: number; ruleId: string } {
  const larger = definition.panel.larger;
  if (!larger) return definition.panel.minimumMembers;
  const applies = larger.when === 'largeOrComplex' ? p.budgetFen >= p.largeBudgetFen || p.complex : p.budgetFen >= p.openTenderThresholdFen;
  return applies ? { count: larger.count, ruleId: larger.ruleId } : definition.panel.minimumMembers;
}

const CATEGORY_ZH: Record<Category, string> = { goods: '货物', services: '服务', works: '工程' };

/** Whether the method may buy this category (RQ-05), as a refusal to show. */
export function categoryRefusal(definition: MethodDefinition, category: Category): { ruleId: string; messages: Bilingual } | null {
  const only = definition.categories;
  if (!only || only.allowed.includes(category)) return null;
  const zh = only.allowed.map((c) => CATEGORY_ZH[c]).join('和');
  const en = only.allowed.join(' and ');
  return { ruleId: only.ruleId, messages: bilingual(`${definition.name['zh-CN']}方式仅适用于${zh}采购`, `${definition.name['en-US']} is for ${en} only`) };
}

/** The responses needed for the opening and the evaluation to go on: two under a CS-06 exception the project declared, else the method's minimum. */
export function minimumResponses(rules: MethodRules, exception: TwoSupplierException | null): { count: number; ruleId: string } {
  return exception && rules.twoSupplierExceptions?.allowed.includes(exception) ? { count: 2, ruleId: rules.twoSupplierExceptions.ruleId } : rules.minimumBidders;
}
