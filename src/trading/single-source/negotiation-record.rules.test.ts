import { describe, expect, it } from 'vitest';
import { priceOverBudget, recordCompletion, recordProblems, signatureProblem, signatureStanding, type RecordDraft, type RecordFacts } from './negotiation-record.rules';

const draft: RecordDraft = {
  negotiatedOn: '2026-05-06',
  place: '区政府采购中心第三会议室',
  supplierCost: '核心部件成本约占报价的60%',
  comparablePrices: '邻区同类维保合同价180万元',
  patentDetails: '录播系统核心软件为原厂专有（软著登字第001号）',
  contractTerms: '三年原厂维保，响应时间4小时',
  agreedPriceFen: 180_000_000,
};
const facts: RecordFacts = { budgetFen: 200_000_000, today: '2026-05-06', negotiators: ['a', 'b'], publicity: { startsAt: '2026-04-20T01:00:00.000Z', endsOn: '2026-04-27', objections: [{ text: '异议', status: 'dismissed', review: '不成立' }] } };
const fields = (d: RecordDraft, f: RecordFacts = facts) => recordProblems(d, f).map((p) => `${p.ruleId}:${p.field}`);

describe('协商情况记录 (SS-05, SS-07)', () => {
  it('SS-05: a complete record within the budget may be signed', () => {
    expect(recordProblems(draft, facts)).toEqual([]);
  });

  it('SS-07: the agreed price may equal the budget', () => {
    expect(recordProblems({ ...draft, agreedPriceFen: facts.budgetFen }, facts)).toEqual([]);
    expect(priceOverBudget(facts.budgetFen, facts.budgetFen)).toBeNull();
  });

  it('SS-07: one fen above the budget is refused, the procurement to be terminated, not awarded', () => {
    const [problem] = recordProblems({ ...draft, agreedPriceFen: facts.budgetFen + 1 }, facts);
    expect(problem).toMatchObject({ field: 'agreedPriceFen', ruleId: 'SS-07', terminate: true });
    expect(problem!.messages['zh-CN']).toContain('终止采购活动');
    expect(problem!.messages['en-US']).toContain('terminated');
  });

  it('SS-05: items (二)–(四) are each required, and the price is above 0', () => {
    expect(fields({ ...draft, place: ' ', supplierCost: '', comparablePrices: '', patentDetails: '', contractTerms: '', agreedPriceFen: 0 })).toEqual([
      'SS-05:place',
      'SS-05:supplierCost',
      'SS-05:comparablePrices',
      'SS-05:patentDetails',
      'SS-05:contractTerms',
      'SS-05:agreedPriceFen',
    ]);
    expect(fields({ ...draft, agreedPriceFen: 1.5 })).toEqual(['SS-05:agreedPriceFen']);
  });

  it('SS-05: the negotiation took place on or before today', () => {
    expect(fields({ ...draft, negotiatedOn: '2026-05-07' })).toEqual(['SS-05:negotiatedOn']);
    expect(fields({ ...draft, negotiatedOn: '6 May' })).toEqual(['SS-05:negotiatedOn']);
  });

  it('SS-05: two negotiators at least; SS-04: no objection left unreviewed', () => {
    expect(fields(draft, { ...facts, negotiators: ['a'] })).toEqual(['SS-05:negotiators']);
    expect(fields(draft, { ...facts, publicity: { ...facts.publicity!, objections: [{ text: 'x', status: 'pending', review: null }] } })).toEqual(['SS-04:publicity']);
    // A project without a publicity (below the threshold, or another ground) records none.
    expect(fields(draft, { ...facts, publicity: null })).toEqual([]);
  });

  it('SS-05: a dissent without reasons is refused; with reasons it stands', () => {
    expect(signatureProblem({ decision: 'dissent', reasons: null })).toMatchObject({ ruleId: 'SS-05' });
    expect(signatureProblem({ decision: 'dissent', reasons: ' ' })).toMatchObject({ ruleId: 'SS-05' });
    expect(signatureProblem({ decision: 'dissent', reasons: '价格偏高，同类合同仅150万元' })).toBeNull();
    expect(signatureStanding({ decision: 'dissent', reasons: '价格偏高' })).toBe('dissents');
  });

  it('SS-05: a refusal to sign without reasons counts as agreement; with reasons, as a dissent', () => {
    expect(signatureProblem({ decision: 'refuse', reasons: null })).toBeNull();
    expect(signatureStanding({ decision: 'refuse', reasons: null })).toBe('deemedToAgree');
    expect(signatureStanding({ decision: 'refuse', reasons: '未参加全部协商' })).toBe('dissents');
    expect(signatureStanding({ decision: 'agree', reasons: null })).toBe('agrees');
  });

  it('SS-05: one negotiator not yet signed blocks the record', () => {
    expect(recordCompletion(['a', 'b', 'c'], [{ personId: 'a' }, { personId: 'c' }])).toEqual({ complete: false, missing: ['b'] });
    expect(recordCompletion(['a', 'b'], [{ personId: 'a' }, { personId: 'b' }])).toEqual({ complete: true, missing: [] });
    expect(recordCompletion(['a'], [{ personId: 'a' }]).complete).toBe(false);
  });
});
