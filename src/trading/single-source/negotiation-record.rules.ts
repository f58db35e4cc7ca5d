import type { LocalDate } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';
import { formatYuan } from '../../platform/money';

/**
 * 单一来源 协商情况记录 (pure): what the single-source negotiators write down after agreeing the
 * price and terms with the one supplier, and who has signed it. The record replaces the scoring
 * of other methods: once every negotiator has signed (or is deemed to agree) it is the lot's
 * evaluation result.
 *
 * SS-05 (74号令 第四十一、四十二条; 采购法 第三十九条): the record holds (一) the publicity's account, if
 * there was one; (二) the date and place of the negotiation and the names of the procurement staff;
 * (三) the supplier's cost, the prices of comparable contracts, the patent and know-how details;
 * (四) the main contract terms and the agreed price. Every negotiator signs; one who disagrees signs
 * his dissent with reasons; one who refuses to sign without giving reasons is deemed to agree.
 * SS-07 (74号令 第四十三条): a price above the budget ends the procurement; it is never awarded.
 */

/** (一) The single-source publicity as the record tells it: filled from the publicity and its objections' reviews, never typed. */
export interface PublicityAccount {
  startsAt: string;
  endsOn: string;
  objections: { text: string; status: 'pending' | 'upheld' | 'dismissed'; review: string | null }[];
}

/** What the negotiators write (二 to 四); the staff's names are the negotiators' own. */
export interface RecordDraft {
  negotiatedOn: LocalDate;
  place: string;
  supplierCost: string;
  comparablePrices: string;
  patentDetails: string;
  contractTerms: string;
  agreedPriceFen: number;
}

export interface RecordFacts {
  budgetFen: number;
  /** Today in Shanghai: a negotiation is recorded after it took place. */
  today: LocalDate;
  /** The negotiators (the single-source panel's confirmed members). */
  negotiators: string[];
  /** The publicity, when the project had one (DS-01); null when it had none. */
  publicity: PublicityAccount | null;
}

export interface RecordProblem {
  field: keyof RecordDraft | 'negotiators' | 'publicity';
  ruleId: string;
  messages: Bilingual;
  /** SS-07: the procurement is to be terminated, not awarded. */
  terminate?: true;
}

/** SS-05: two professionals at least (docs/METHODS.md §7 decision 9, the method's panel). */
export const MINIMUM_NEGOTIATORS = 2;

const TEXT_FIELDS = {
  place: ['协商地点', 'the place of the negotiation'],
  supplierCost: ['供应商成本情况', 'the supplier’s cost'],
  comparablePrices: ['同类项目合同价格', 'the prices of comparable contracts'],
  patentDetails: ['相关专利、专有技术等情况', 'the patent and know-how details'],
  contractTerms: ['合同主要条款', 'the main contract terms'],
} as const satisfies Partial<Record<keyof RecordDraft, readonly [string, string]>>;

/** SS-07: an agreed price above the budget ends the procurement (74号令 第四十三条). */
export function priceOverBudget(agreedPriceFen: number, budgetFen: number): RecordProblem | null {
  if (agreedPriceFen <= budgetFen) return null;
  return {
    field: 'agreedPriceFen',
    ruleId: 'SS-07',
    terminate: true,
    messages: bilingual(
      `商定的成交价格（${formatYuan(agreedPriceFen)}元）超过采购预算（${formatYuan(budgetFen)}元）：依照财政部令第74号第四十三条，应当终止采购活动，不能成交（SS-07）`,
      `The agreed price (${formatYuan(agreedPriceFen)} yuan) is above the budget (${formatYuan(budgetFen)} yuan): under MoF Order 74 art. 43 the procurement is terminated, not awarded (SS-07)`,
    ),
  };
}

/** Everything wrong with a record before the negotiators may sign it (SS-05, SS-07); empty when it may be signed. */
export function recordProblems(draft: RecordDraft, facts: RecordFacts): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (facts.negotiators.length < MINIMUM_NEGOTIATORS)
    problems.push({ field: 'negotiators', ruleId: 'SS-05', messages: bilingual(`单一来源协商应由至少${MINIMUM_NEGOTIATORS}名专业人员进行`, `At least ${MINIMUM_NEGOTIATORS} professionals negotiate a single-source price`) });
  if (facts.publicity && !facts.publicity.endsOn)
    problems.push({ field: 'publicity', ruleId: 'SS-05', messages: bilingual('协商情况记录应包括公示情况说明', 'The record must give the account of the publicity') });
  if (facts.publicity?.objections.some((o) => o.status === 'pending'))
    problems.push({ field: 'publicity', ruleId: 'SS-04', messages: bilingual('公示异议尚未完成补充论证，不能记录协商情况', 'An objection to the publicity has not been reviewed yet') });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.negotiatedOn))
    problems.push({ field: 'negotiatedOn', ruleId: 'SS-05', messages: bilingual('请填写协商日期', 'Give the date of the negotiation') });
  else if (draft.negotiatedOn > facts.today)
    problems.push({ field: 'negotiatedOn', ruleId: 'SS-05', messages: bilingual('协商日期不能晚于今天：记录的是已进行的协商', 'The negotiation date cannot be after today: the record is of a negotiation held') });
  for (const [field, [zh, en]] of Object.entries(TEXT_FIELDS) as [keyof typeof TEXT_FIELDS, readonly [string, string]][])
    if (draft[field].trim().length < 2) problems.push({ field, ruleId: 'SS-05', messages: bilingual(`协商情况记录应写明${zh}`, `The record must state ${en}`) });
  if (!Number.isSafeInteger(draft.agreedPriceFen) || draft.agreedPriceFen <= 0)
    problems.push({ field: 'agreedPriceFen', ruleId: 'SS-05', messages: bilingual('请填写商定的成交价格（大于0）', 'Give the agreed price (above 0)') });
  else {
    const over = priceOverBudget(draft.agreedPriceFen, facts.budgetFen);
    if (over) problems.push(over);
  }
  return problems;
}

/** A negotiator's answer to the record: sign it, sign a dissent with reasons, or refuse to sign. */
export type SignatureDecision = 'agree' | 'dissent' | 'refuse';

export interface RecordSignature {
  personId: string;
  decision: SignatureDecision;
  reasons: string | null;
}

/** SS-05: a dissent is signed with its reasons; a refusal may give them (then it counts as a dissent), or not (then it counts as agreement). */
export function signatureProblem(s: Pick<RecordSignature, 'decision' | 'reasons'>): RecordProblem | null {
  if (s.decision === 'dissent' && !(s.reasons && s.reasons.trim().length >= 2))
    return { field: 'negotiators', ruleId: 'SS-05', messages: bilingual('对协商情况记录有异议的，应当签署不同意见并说明理由', 'A negotiator who disagrees signs the dissent with its reasons') };
  return null;
}

/** How a signature counts (SS-05): agreement, a dissent with reasons, or a refusal without reasons deemed agreement. */
export function signatureStanding(s: Pick<RecordSignature, 'decision' | 'reasons'>): 'agrees' | 'dissents' | 'deemedToAgree' {
  if (s.decision === 'agree') return 'agrees';
  if (s.decision === 'dissent') return 'dissents';
  return s.reasons?.trim() ? 'dissents' : 'deemedToAgree';
}

/** The record is complete when every negotiator has answered it (signed, dissented, or refused); one missing blocks it. */
export function recordCompletion(negotiators: string[], signatures: Pick<RecordSignature, 'personId'>[]): { complete: boolean; missing: string[] } {
  const missing = negotiators.filter((id) => !signatures.some((s) => s.personId === id));
  return { complete: negotiators.length >= MINIMUM_NEGOTIATORS && missing.length === 0, missing };
}
