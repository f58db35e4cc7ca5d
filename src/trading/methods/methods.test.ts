import { describe, expect, it } from 'vitest';
import { buildCalendar, shanghaiInstant } from '../../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/holidays-cn';
import { RULE_CITATIONS } from '../../catalogue/rule-citations';
import { clarificationCheck, scheduleViolations } from '../notice/schedule.rules';
import { candidatesMayBeAwarded, earliestPublicityEnd, publicityEndProblem, singleSourceMayProceed } from '../publicity/publicity.rules';
import { secondQuotationRefused } from '../bids/bid.rules';
import { categoryRefusal, METHOD_DEFINITIONS, methodDefinition, methodRules, minimumPanel, minimumResponses, stepsOf } from './methods';
import { stepProgress } from './progress';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const at = (date: string, time = '09:00') => shanghaiInstant(date, time);
const YUAN = 100;
const THRESHOLD = 2_000_000 * YUAN;
const LARGE = 10_000_000 * YUAN;

describe('each method is one definition of its steps and rules', () => {
  it('cites every rule its steps name, so no user sees a bare ID', () => {
    const cited = new Set(RULE_CITATIONS.map((r) => r.id));
    const named = METHOD_DEFINITIONS.flatMap((d) => [...d.steps.flatMap((s) => s.ruleIds), d.panel.minimumMembers.ruleId, ...(d.panel.expertShareRuleId ? [d.panel.expertShareRuleId] : []), d.rules.minimumBidders.ruleId, ...d.rules.periods.map((p) => p.ruleId)]);
    expect(named.filter((id) => !cited.has(id))).toEqual([]);
  });

  it('works by open tender follow the Bidding Law, with the candidates publicised before the award (WK-13)', () => {
    const works = methodDefinition('openTender', 'works');
    expect(works.regime).toBe('tendering');
    expect(works.steps.map((s) => s.id)).toEqual(['prequalification', 'notice', 'responses', 'opening', 'evaluation', 'candidatePublicity', 'award', 'contract', 'acceptance']);
    expect(methodDefinition('openTender', 'goods').steps.map((s) => s.id)).not.toContain('candidatePublicity');
  });

  it('DS-01: a sole-supplier project is publicised from the open-tender threshold on, inclusive (T-04)', () => {
    const single = methodDefinition('singleSource', 'goods');
    expect(stepsOf(single, { budgetFen: THRESHOLD, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: 'soleSupplier' })[0]!.id).toBe('singleSourcePublicity');
    expect(stepsOf(single, { budgetFen: THRESHOLD - 1, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: 'soleSupplier' })[0]!.id).toBe('notice');
    // Only the sole-supplier ground (第三十一条第一项) is publicised: an emergency purchase is not.
    expect(stepsOf(single, { budgetFen: THRESHOLD, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: 'emergency' })[0]!.id).toBe('notice');
  });

  it('RQ-05: a request for quotations buys goods only', () => {
    expect(categoryRefusal(methodDefinition('rfq', 'goods'), 'goods')).toBeNull();
    expect(categoryRefusal(methodDefinition('rfq', 'services'), 'services')).toMatchObject({ ruleId: 'RQ-05' });
    expect(categoryRefusal(methodDefinition('negotiation', 'services'), 'services')).toBeNull();
  });
});

describe('the panel each method draws (GP-40/41, CS-03, NG-02, WK-10)', () => {
  const minimum = (method: Parameters<typeof methodDefinition>[0], category: Parameters<typeof methodDefinition>[1], budgetFen: number, complex = false) =>
    minimumPanel(methodDefinition(method, category), { budgetFen, complex, openTenderThresholdFen: THRESHOLD, largeBudgetFen: LARGE });
  it('a negotiation panel is 3 below the open-tender threshold and 5 from it', () => {
    expect(minimum('negotiation', 'goods', THRESHOLD - 1)).toEqual({ count: 3, ruleId: 'NG-02' });
    expect(minimum('negotiation', 'goods', THRESHOLD)).toEqual({ count: 5, ruleId: 'NG-02' });
  });
  it('a consultation panel is 3 whatever the budget; a tender committee 5, or 7 from 10 million or when complex', () => {
    expect(minimum('consultation', 'services', LARGE)).toEqual({ count: 3, ruleId: 'CS-03' });
    expect(minimum('openTender', 'goods', LARGE - 1)).toEqual({ count: 5, ruleId: 'GP-40' });
    expect(minimum('openTender', 'goods', LARGE)).toEqual({ count: 7, ruleId: 'GP-41' });
    expect(minimum('openTender', 'goods', 0, true)).toEqual({ count: 7, ruleId: 'GP-41' });
    expect(minimum('openTender', 'works', LARGE)).toEqual({ count: 5, ruleId: 'WK-10' });
  });
});

describe('time limits of the non-tender methods', () => {
  it('CS-01: consultation documents are available 5 working days, across the National Day holiday', () => {
    const consultation = methodRules('consultation', 'goods');
    // From 30 Sep 2026: 8, 9, 10 (make-up Saturday), 12 and 13 Oct are the five working days.
    const s = (until: string) => ({ documentsFrom: at('2026-09-30'), documentsUntil: at(until, '24:00'), deadline: at('2026-10-20') });
    expect(scheduleViolations(consultation, s('2026-10-13'), calendar, 'cautious')).toEqual([]);
    expect(scheduleViolations(consultation, s('2026-10-12'), calendar, 'cautious')).toMatchObject([{ ruleId: 'CS-01', earliest: '2026-10-13' }]);
  });

  it('CS-02: a clarification to a consultation comes 5 days before the first response deadline', () => {
    const consultation = methodRules('consultation', 'goods');
    const deadline = at('2026-03-16', '10:00');
    expect(clarificationCheck(consultation, deadline, at('2026-03-11'), calendar, 'cautious')).toBeNull();
    expect(clarificationCheck(consultation, deadline, at('2026-03-12'), calendar, 'cautious')).toMatchObject({ ruleId: 'CS-02', proposedDeadline: at('2026-03-17', '10:00') });
  });

  it('NG-01 / RQ-04: a clarification to a negotiation or a request for quotations comes 3 working days before, weekends not counted', () => {
    // Thursday 5 Mar + 3 working days = Tuesday 10 Mar.
    const deadline = at('2026-03-10', '10:00');
    expect(clarificationCheck(methodRules('negotiation', 'services'), deadline, at('2026-03-05'), calendar, 'cautious')).toBeNull();
    expect(clarificationCheck(methodRules('negotiation', 'services'), deadline, at('2026-03-06'), calendar, 'cautious')).toMatchObject({ ruleId: 'NG-01', proposedDeadline: at('2026-03-11', '10:00') });
    expect(clarificationCheck(methodRules('rfq', 'goods'), deadline, at('2026-03-06'), calendar, 'cautious')).toMatchObject({ ruleId: 'RQ-04' });
  });
});

describe('publicities (DS-01, SS-04, WK-13, WK-19)', () => {
  it('DS-01: a single-source publicity lasts 5 working days, the holiday not counted', () => {
    expect(earliestPublicityEnd('singleSource', at('2026-09-30', '16:00'), calendar)).toBe('2026-10-13');
    expect(publicityEndProblem(at('2026-09-30'), '2026-10-13', calendar)).toBeNull();
    expect(publicityEndProblem(at('2026-09-30'), '2026-10-12', calendar)).toMatchObject({ ruleId: 'DS-01', earliest: '2026-10-13' });
  });

  it('WK-13: the candidates are publicised 3 days; a last day in the Mid-Autumn holiday moves to the next working day (T-02)', () => {
    expect(earliestPublicityEnd('candidates', at('2026-09-15'), calendar)).toBe('2026-09-18');
    expect(earliestPublicityEnd('candidates', at('2026-09-22'), calendar)).toBe('2026-09-28');
  });

  it('SS-04: the procedure goes on after the publicity, once every objection was reviewed and none upheld', () => {
    const p = (objections: { status: 'pending' | 'upheld' | 'dismissed' }[]) => ({ endsOn: '2026-10-13', objections });
    expect(singleSourceMayProceed(null, '2026-10-14')).toMatchObject({ code: 'PUBLICITY_REQUIRED', ruleId: 'DS-01' });
    expect(singleSourceMayProceed(p([]), '2026-10-13')).toMatchObject({ code: 'PUBLICITY_RUNNING' });
    expect(singleSourceMayProceed(p([]), '2026-10-14')).toBeNull();
    expect(singleSourceMayProceed(p([{ status: 'dismissed' }, { status: 'pending' }]), '2026-10-14')).toMatchObject({ code: 'OBJECTION_PENDING', ruleId: 'SS-04' });
    expect(singleSourceMayProceed(p([{ status: 'upheld' }]), '2026-10-14')).toMatchObject({ code: 'OBJECTION_UPHELD' });
    expect(singleSourceMayProceed(p([{ status: 'dismissed' }]), '2026-10-14')).toBeNull();
  });

  it('WK-13, WK-19: the winner is named the day after the publicity, and not while an objection awaits its answer', () => {
    expect(candidatesMayBeAwarded(null, 0, '2026-09-19')).toMatchObject({ code: 'CANDIDATES_NOT_PUBLICISED' });
    expect(candidatesMayBeAwarded({ endsOn: '2026-09-18' }, 0, '2026-09-18')).toMatchObject({ code: 'PUBLICITY_RUNNING', ruleId: 'WK-13' });
    expect(candidatesMayBeAwarded({ endsOn: '2026-09-18' }, 1, '2026-09-19')).toMatchObject({ code: 'OBJECTION_PENDING', ruleId: 'WK-19' });
    expect(candidatesMayBeAwarded({ endsOn: '2026-09-18' }, 0, '2026-09-19')).toBeNull();
  });
});

describe("a project's progress through its method's steps", () => {
  const works = stepsOf(methodDefinition('openTender', 'works'), { budgetFen: 0, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: null });
  const prequalifying = stepsOf(methodDefinition('openTender', 'works'), { budgetFen: 0, openTenderThresholdFen: THRESHOLD, prequalification: true, singleSourceGround: null });
  const single = stepsOf(methodDefinition('singleSource', 'goods'), { budgetFen: THRESHOLD, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: 'soleSupplier' });
  const current = (steps: typeof works, f: Parameters<typeof stepProgress>[1]) => stepProgress(steps, f).find((s) => s.state === 'current')?.id ?? null;
  const none = { singleSourcePublicity: 'none', candidatePublicity: 'none', prequalificationResultsIssued: false, finalOffersClosed: false } as const;
  it('a single-source draft stands at its publicity until it is over, then at its notice', () => {
    expect(current(single, { ...none, status: 'draft' })).toBe('singleSourcePublicity');
    expect(current(single, { ...none, status: 'draft', singleSourcePublicity: 'running' })).toBe('singleSourcePublicity');
    expect(current(single, { ...none, status: 'draft', singleSourcePublicity: 'over' })).toBe('notice');
  });
  it('an evaluated works tender stands at its candidates until their publicity is over', () => {
    expect(current(works, { ...none, status: 'evaluated', candidatePublicity: 'running' })).toBe('candidatePublicity');
    expect(current(works, { ...none, status: 'evaluated', candidatePublicity: 'over' })).toBe('award');
    expect(stepProgress(works, { ...none, status: 'evaluated', candidatePublicity: 'over' }).filter((s) => s.state === 'done').map((s) => s.id)).toEqual(['notice', 'responses', 'opening', 'evaluation', 'candidatePublicity']);
  });
  it('a works tender that prequalifies stands at its prequalification until the results are issued (PQ-02), then at its notice', () => {
    expect(prequalifying[0]!.id).toBe('prequalification');
    expect(works.map((s) => s.id)).not.toContain('prequalification');
    expect(current(prequalifying, { ...none, status: 'draft' })).toBe('prequalification');
    expect(current(prequalifying, { ...none, status: 'draft', prequalificationResultsIssued: true })).toBe('notice');
    expect(current(works, { ...none, status: 'draft' })).toBe('notice');
  });
  it('a consultation or negotiation under evaluation stands at its rounds until the final offers are in (CS-06, NG-05); an open tender has none', () => {
    for (const method of ['consultation', 'negotiation'] as const) {
      const steps = stepsOf(methodDefinition(method, 'goods'), { budgetFen: 0, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: null });
      expect(steps.map((s) => s.id).slice(2, 5)).toEqual(['opening', 'rounds', 'evaluation']);
      expect(current(steps, { ...none, status: 'evaluating' })).toBe('rounds');
      expect(current(steps, { ...none, status: 'evaluating', finalOffersClosed: true })).toBe('evaluation');
    }
    expect(current(stepsOf(methodDefinition('openTender', 'goods'), { budgetFen: 0, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: null }), { ...none, status: 'evaluating' })).toBe('evaluation');
  });
  it('a completed project has done every step; a failed one shows none current', () => {
    expect(stepProgress(works, { ...none, status: 'completed' }).every((s) => s.state === 'done')).toBe(true);
    expect(current(works, { ...none, status: 'failed' })).toBeNull();
  });
});

describe('how many suppliers a method needs (CS-10, GP-33, CS-06) and how often they quote (RQ-02)', () => {
  it('CS-06: a consultation declared for research or for services goes on with two; an open tender never does', () => {
    const consultation = methodRules('consultation', 'services');
    expect(minimumResponses(consultation, null)).toEqual({ count: 3, ruleId: 'CS-10' });
    expect(minimumResponses(consultation, 'research')).toEqual({ count: 2, ruleId: 'CS-06' });
    expect(minimumResponses(consultation, 'governmentServices')).toEqual({ count: 2, ruleId: 'CS-06' });
    expect(minimumResponses(methodRules('openTender', 'services'), 'research')).toEqual({ count: 3, ruleId: 'GP-33' });
  });

  it('RQ-02: a supplier quotes once in a request for quotations; elsewhere a later bid supersedes', () => {
    expect(secondQuotationRefused(methodRules('rfq', 'goods').oneQuotationRuleId, 0)).toBeNull();
    expect(secondQuotationRefused(methodRules('rfq', 'goods').oneQuotationRuleId, 1)).toMatchObject({ code: 'QUOTATION_FINAL', ruleId: 'RQ-02' });
    expect(secondQuotationRefused(methodRules('openTender', 'goods').oneQuotationRuleId, 1)).toBeNull();
  });
});

describe('框架协议采购 (FA-01 to FA-08)', () => {
  const framework = methodDefinition('framework', 'goods');
  it('FA-01: buys goods and services, never works', () => {
    expect(categoryRefusal(framework, 'goods')).toBeNull();
    expect(categoryRefusal(framework, 'services')).toBeNull();
    expect(categoryRefusal(framework, 'works')).toMatchObject({ ruleId: 'FA-01', messages: { 'zh-CN': '框架协议采购方式仅适用于货物和服务采购' } });
  });
  it('names its call, documents and responses, and draws a panel of 3 or more, odd, whatever the budget', () => {
    expect([framework.noticeTitle['zh-CN'], framework.documentsName['zh-CN'], framework.responseName['zh-CN']]).toEqual(['征集公告', '征集文件', '响应文件']);
    expect(minimumPanel(framework, { budgetFen: LARGE, complex: true, openTenderThresholdFen: THRESHOLD, largeBudgetFen: LARGE })).toEqual({ count: 3, ruleId: 'NG-02' });
    expect(framework.panel.odd).toBe(true);
  });
  it('admits suppliers instead of awarding, then makes orders, each accepted like any contract', () => {
    expect(framework.steps.map((s) => s.id)).toEqual(['notice', 'responses', 'opening', 'evaluation', 'admission', 'orders', 'acceptance']);
    expect(framework.steps.find((s) => s.id === 'admission')!.ruleIds).toEqual(['FA-02', 'FA-04', 'FA-05']);
    expect(framework.steps.find((s) => s.id === 'orders')!.ruleIds).toEqual(['FA-06', 'FA-07', 'FA-08']);
    expect(minimumResponses(framework.rules, null)).toEqual({ count: 2, ruleId: 'FA-04' });
  });
  it('FA-03: the call documents come 20 days before the deadline (the default setting)', () => {
    const s = (deadline: string) => ({ documentsFrom: at('2026-03-02'), documentsUntil: at('2026-03-09', '24:00'), deadline: at(deadline) });
    expect(scheduleViolations(framework.rules, s('2026-03-23'), calendar, 'cautious')).toEqual([]);
    expect(scheduleViolations(framework.rules, s('2026-03-22'), calendar, 'cautious')).toMatchObject([{ ruleId: 'FA-03', earliest: '2026-03-23' }]);
  });
  it('stands at its admission once evaluated, and at its orders once admitted', () => {
    const steps = stepsOf(framework, { budgetFen: 0, openTenderThresholdFen: THRESHOLD, prequalification: false, singleSourceGround: null });
    const none = { singleSourcePublicity: 'none', candidatePublicity: 'none', prequalificationResultsIssued: false, finalOffersClosed: false } as const;
    const current = (status: 'evaluated' | 'awarded') => stepProgress(steps, { ...none, status }).find((s) => s.state === 'current')?.id;
    expect(current('evaluated')).toBe('admission');
    expect(current('awarded')).toBe('orders');
  });
});
