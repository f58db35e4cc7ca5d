import { bilingual, type Bilingual } from '../../platform/errors';
import type { RoundsRule } from '../methods/method';

/**
 * The rules of 磋商/谈判 rounds as plain functions (CS-04..06, NG-03..05): when the panel may call for
 * final offers, when a supplier may give one, and which price is evaluated. What may change (CS-05)
 * is the input's closed list of kinds (REQUIREMENT_CHANGE_KINDS).
 */
export interface Refusal {
  code: string;
  ruleId: string;
  messages: Bilingual;
}

export interface CallFacts {
  now: Date;
  deadline: Date;
  /** The end of the panel's evaluation period: the final offers come within it. */
  evaluationEndsAt: Date;
  /** Changes proposed and not yet confirmed by the purchaser's representative. */
  unconfirmedChanges: number;
  alreadyCalled: boolean;
}

/** When the panel may call for final offers: once, every change confirmed and sent, with a deadline ahead within the evaluation. */
export function finalOfferCallRefusal(f: CallFacts, rounds: RoundsRule): Refusal | null {
  const ruleId = rounds.finalOffersRuleId;
  if (f.alreadyCalled) return { code: 'FINAL_OFFERS_ALREADY_CALLED', ruleId, messages: bilingual('已要求供应商提交最后报价', 'Final offers have already been called for') };
  if (f.unconfirmedChanges > 0)
    return { code: 'CHANGES_UNCONFIRMED', ruleId: rounds.changeRuleId, messages: bilingual('尚有实质性变动未经采购人代表确认并书面通知供应商', 'A change awaits the purchaser’s representative’s confirmation and the written notice to the suppliers') };
  if (f.deadline.getTime() <= f.now.getTime()) return { code: 'DEADLINE_PASSED', ruleId, messages: bilingual('最后报价截止时间应晚于现在', 'The final offers’ deadline must be in the future') };
  if (f.deadline.getTime() > f.evaluationEndsAt.getTime())
    return { code: 'DEADLINE_AFTER_EVALUATION', ruleId, messages: bilingual('最后报价截止时间不得晚于评审结束时间', 'The final offers’ deadline must fall within the evaluation period') };
  return null;
}

/** A supplier gives (or replaces) its final offer only between the call and its deadline. */
export function finalOfferRefusal(call: { deadline: Date } | null, now: Date, rounds: RoundsRule): Refusal | null {
  if (!call) return { code: 'FINAL_OFFERS_NOT_CALLED', ruleId: rounds.finalOffersRuleId, messages: bilingual('磋商（谈判）小组尚未要求提交最后报价', 'The panel has not called for final offers yet') };
  if (now.getTime() >= call.deadline.getTime()) return { code: 'FINAL_OFFERS_CLOSED', ruleId: rounds.finalOffersRuleId, messages: bilingual('最后报价已截止', 'The final offers’ deadline has passed') };
  return null;
}

/** Sealed until the deadline: before it nobody but the supplier itself reads an offer, or learns how many there are. */
export const finalOffersOpen = (call: { deadline: Date } | null, now: Date): boolean => call !== null && now.getTime() >= call.deadline.getTime();

/**
 * The price each response is evaluated at once the final offers are open (CS-07, NG-06): its final
 * offer; null for a supplier that gave none, which drops out (CS-06, NG-05).
 */
export function finalPrices(bidIds: readonly string[], offers: readonly { bidId: string; amountFen: number }[]): Map<string, number | null> {
  return new Map(bidIds.map((id) => [id, offers.find((o) => o.bidId === id)?.amountFen ?? null]));
}
