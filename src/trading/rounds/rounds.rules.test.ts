import { describe, expect, it } from 'vitest';
import { methodRules } from '../methods/methods';
import { finalOfferCallRefusal, finalOfferRefusal, finalOffersOpen, finalPrices } from './rounds.rules';

const consultation = methodRules('consultation', 'goods').rounds!;
const negotiation = methodRules('negotiation', 'goods').rounds!;
const at = (iso: string) => new Date(iso);

describe('磋商/谈判 rounds', () => {
  it('belong to consultation (CS-05, CS-06) and negotiation (NG-04, NG-05), not to tenders or quotations', () => {
    expect(consultation).toEqual({ changeRuleId: 'CS-05', finalOffersRuleId: 'CS-06' });
    expect(negotiation).toEqual({ changeRuleId: 'NG-04', finalOffersRuleId: 'NG-05' });
    expect(methodRules('openTender', 'goods').rounds).toBeUndefined();
    expect(methodRules('rfq', 'goods').rounds).toBeUndefined();
  });

  it('call for final offers once, after every change is confirmed, due after now and by the end of the evaluation', () => {
    const facts = { now: at('2026-03-23T06:00:00Z'), deadline: at('2026-03-23T08:00:00Z'), evaluationEndsAt: at('2026-03-23T10:00:00Z'), unconfirmedChanges: 0, alreadyCalled: false };
    expect(finalOfferCallRefusal(facts, negotiation)).toBeNull();
    expect(finalOfferCallRefusal({ ...facts, deadline: facts.evaluationEndsAt }, negotiation)).toBeNull();
    expect(finalOfferCallRefusal({ ...facts, deadline: at('2026-03-23T10:00:00.001Z') }, negotiation)?.code).toBe('DEADLINE_AFTER_EVALUATION');
    expect(finalOfferCallRefusal({ ...facts, deadline: facts.now }, negotiation)?.code).toBe('DEADLINE_PASSED');
    expect(finalOfferCallRefusal({ ...facts, unconfirmedChanges: 1 }, negotiation)).toMatchObject({ code: 'CHANGES_UNCONFIRMED', ruleId: 'NG-04' });
    expect(finalOfferCallRefusal({ ...facts, alreadyCalled: true }, negotiation)).toMatchObject({ code: 'FINAL_OFFERS_ALREADY_CALLED', ruleId: 'NG-05' });
  });

  it('take a final offer until the deadline, and open them at it', () => {
    const call = { deadline: at('2026-03-23T08:00:00Z') };
    expect(finalOfferRefusal(null, at('2026-03-23T07:00:00Z'), consultation)?.code).toBe('FINAL_OFFERS_NOT_CALLED');
    expect(finalOfferRefusal(call, at('2026-03-23T07:59:59.999Z'), consultation)).toBeNull();
    expect(finalOfferRefusal(call, call.deadline, consultation)).toMatchObject({ code: 'FINAL_OFFERS_CLOSED', ruleId: 'CS-06' });
    expect(finalOffersOpen(call, at('2026-03-23T07:59:59.999Z'))).toBe(false);
    expect(finalOffersOpen(call, call.deadline)).toBe(true);
    expect(finalOffersOpen(null, call.deadline)).toBe(false);
  });

  it('evaluate each response at its final offer; one without is priced at nothing and drops out', () => {
    expect([...finalPrices(['a', 'b'], [{ bidId: 'a', amountFen: 100 }])]).toEqual([['a', 100], ['b', null]]);
  });
});
