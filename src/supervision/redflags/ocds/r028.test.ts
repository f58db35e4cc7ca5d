import { describe, expect, it } from 'vitest';
import { R028 } from './r028';
import { bid, release } from './test-releases';
import { DEFAULT_CONTEXT } from './types';

const bids = (ocid: string, details: ReturnType<typeof bid>[], tender = {}) => release(ocid, { bids: { details }, tender });

describe('R028 identical bid prices', () => {
  it('flags two tenderers with the same amount and currency, and both tenderers', () => {
    expect(R028.run([bids('same', [bid('A', 100), bid('B', 100), bid('C', 101)])], {})).toEqual({ OCID: { same: { R028: 1 } }, Tenderer: { B: { R028: 1 }, A: { R028: 1 } } });
  });
  it('does not flag amounts one fen apart, one tenderer bidding twice, or other currencies', () => {
    const usd = bid('B', undefined, 'valid', { value: { amount: 100, currency: 'USD' } });
    expect(R028.run([bids('apart', [bid('A', 100), bid('B', 100.01)]), bids('twice', [bid('A', 100), bid('A', 100)]), bids('currency', [bid('A', 100), usd])], {})).toEqual({});
  });
  it('counts disqualified and pending bids (submitted), not invited or withdrawn ones', () => {
    expect(R028.run([bids('dq', [bid('A', 100), bid('B', 100, 'disqualified')])], {}).OCID).toEqual({ dq: { R028: 1 } });
    expect(R028.run([bids('withdrawn', [bid('A', 100), bid('B', 100, 'withdrawn')])], {})).toEqual({});
  });
  it('a consortium differs from its members', () => {
    expect(R028.run([bids('joint', [bid(['A', 'B'], 100), bid('A', 100)])], {}).Tenderer).toEqual({ A: { R028: 1 }, B: { R028: 1 } });
  });
  it('skips procedures whose prices are set by the buyer', () => {
    const fixed = bids('fixed', [bid('A', 100), bid('B', 100)], { procurementMethodDetails: '定价' });
    expect(R028.run([fixed], {}, { ...DEFAULT_CONTEXT, noPriceComparisonProcurementMethods: '定价' })).toEqual({});
  });
});
