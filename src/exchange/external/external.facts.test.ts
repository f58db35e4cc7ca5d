import { describe, expect, it } from 'vitest';
import { externalFacts, fenOf } from './external.facts';

describe('externalFacts', () => {
  it('reads the title, buyer, method, values in fen and bid count of a compiled release', () => {
    const facts = externalFacts({
      ocid: 'ocds-abc123-1',
      regionCode: '310000',
      buyer: { id: 'CN-USCC-X', name: '上海市公路事务中心' },
      parties: [{ id: 'CN-USCC-X', name: '上海市公路事务中心', identifier: { scheme: 'CN-USCC', id: '12310000MA1HWY001' } }],
      tender: { title: '公路养护', procurementMethod: 'open', procurementMethodDetails: '公开招标', mainProcurementCategory: 'works', status: 'complete', value: { amount: 1234567.89, currency: 'CNY' }, numberOfTenderers: 3 },
      awards: [{ id: '1', status: 'active', value: { amount: 1000000.1, currency: 'CNY' } }, { id: '2', status: 'cancelled', value: { amount: 5, currency: 'CNY' } }],
      bids: { details: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] },
    });
    expect(facts).toEqual({
      title: '公路养护',
      regionCode: '310000',
      buyerName: '上海市公路事务中心',
      buyerCreditCode: '12310000MA1HWY001',
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      mainProcurementCategory: 'works',
      tenderStatus: 'complete',
      valueFen: 123456789,
      awardedFen: 100000010,
      bidCount: 4,
    });
  });

  it('falls back to the budget and the ocid, and does not turn another currency into fen', () => {
    expect(fenOf({ amount: 10, currency: 'USD' })).toBeNull();
    const facts = externalFacts({ ocid: 'ocds-abc123-2', planning: { budget: { project: '道路预算', amount: { amount: 50, currency: 'CNY' } } } });
    expect(facts.title).toBe('道路预算');
    expect(facts.valueFen).toBe(5000);
    expect(externalFacts({ ocid: 'ocds-abc123-3' }).title).toBe('ocds-abc123-3');
  });
});
