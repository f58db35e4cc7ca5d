import { describe, expect, it } from 'vitest';
import { R024 } from './r024';
import { R058 } from './r058';
import { secondLowestBidRatios } from './second-lowest';
import { award, bid, pricedProcess, release } from './test-releases';
import { DEFAULT_CONTEXT } from './types';

/** A process W won at 1000 against L's bid of 1000·(1 + ratio). */
const withRatio = (ocid: string, ratio: number) => pricedProcess(ocid, 'W', [['W', 1000], ['L', Math.round(1000 * (1 + ratio))]]);

describe('the second-lowest bid ratio (R024, R058)', () => {
  it('is (lowest other valid bid − winning bid) / winning bid, taking the winner’s lowest bid', () => {
    const process = pricedProcess('p', 'W', [['W', 110], ['W', 100], ['A', 130], ['B', 120]]);
    expect(secondLowestBidRatios([process], DEFAULT_CONTEXT).get('p')).toEqual({ ratio: 0.2, winnerId: 'W', secondLowestId: 'B' });
  });
  it('is not computed where the winner did not bid lowest, an award is pending, or there are two winners', () => {
    const notLowest = pricedProcess('not lowest', 'W', [['W', 100], ['L', 90]]);
    const pending = release('pending', { bids: { details: [bid('W', 100), bid('L', 110)] }, awards: [award('W'), award('L', 'pending')] });
    const twoWinners = release('two', { bids: { details: [bid('W', 100), bid('L', 110)] }, awards: [award('W'), award('L')] });
    const jointAward = release('joint', { bids: { details: [bid('W', 100), bid('L', 110)] }, awards: [award(['W', 'L'])] });
    expect(secondLowestBidRatios([notLowest, pending, twoWinners, jointAward], DEFAULT_CONTEXT).size).toBe(0);
  });
  it('compares only amounts in the main currency (the first seen, or the setting)', () => {
    const cny = pricedProcess('cny', 'W', [['W', 100], ['L', 110]]);
    const usd = release('usd', { bids: { details: [bid('W', undefined, 'valid', { value: { amount: 10, currency: 'USD' } }), bid('L', undefined, 'valid', { value: { amount: 20, currency: 'USD' } })] }, awards: [award('W')] });
    expect([...secondLowestBidRatios([cny, usd], DEFAULT_CONTEXT).keys()]).toEqual(['cny']);
    expect([...secondLowestBidRatios([cny, usd], { ...DEFAULT_CONTEXT, currency: 'USD' }).keys()]).toEqual(['usd']);
  });
  it('skips procedures whose prices are fixed by the buyer', () => {
    const fixed = pricedProcess('fixed', 'W', [['W', 100], ['L', 100]], { tender: { procurementMethodDetails: '定价采购' } });
    expect(secondLowestBidRatios([fixed], { ...DEFAULT_CONTEXT, noPriceComparisonProcurementMethods: '定价采购' }).size).toBe(0);
    expect(secondLowestBidRatios([fixed], { ...DEFAULT_CONTEXT, priceComparisonProcurementMethods: '公开招标' }).size).toBe(0);
  });
});

describe('R024 price close to winning bid', () => {
  it('with a set threshold 0.05: flags a ratio of exactly 0.05 (105 vs 100), not 0.0501 (105.01 vs 100)', () => {
    const at = pricedProcess('at', 'W', [['W', 100], ['L', 105]]);
    const above = pricedProcess('above', 'W2', [['W2', 100], ['L2', 105.01]]);
    expect(R024.run([at, above], { threshold: 0.05 })).toEqual({ OCID: { at: { R024: 0.05 } }, Tenderer: { W: { R024: 0 }, L: { R024: 0 } } });
  });
  // Sorted ratios: x (the lowest), then 0.10 0.10 0.11 0.11 0.12 0.13 0.14; n = 8.
  // Q1 at (8+1/3)·0.25+1/3 = 2.41667 → x2 + 0.41667·(x3 − x2) = 0.10 + 0.41667·0 = 0.10
  // Q3 at (8+1/3)·0.75+1/3 = 6.58333 → x6 + 0.58333·(x7 − x6) = 0.12 + 0.58333·0.01 = 0.125833
  // lower fence = 0.10 − 1.5·0.025833 = 0.06125. (Type 7 quartiles, 0.10 and 0.1225, would give 0.06625.)
  const others = [0.1, 0.1, 0.11, 0.11, 0.12, 0.13, 0.14].map((ratio, index) => withRatio(`o${index}`, ratio));
  it('from the quartiles: flags 0.060 (≤ 0.06125) and not 0.063, which type-7 quartiles would flag', () => {
    expect(R024.run([withRatio('x', 0.06), ...others], R024.parameters).OCID).toEqual({ x: { R024: expect.closeTo(0.06, 10) as number } });
    expect(R024.run([withRatio('x', 0.063), ...others], R024.parameters)).toEqual({});
  });
  it('flags nothing when a quarter or more of the ratios are 0 (Q1 = 0)', () => {
    expect(R024.run([withRatio('a', 0), withRatio('b', 0), withRatio('c', 0.1), withRatio('d', 0.1)], R024.parameters)).toEqual({});
  });
});

describe('R058 heavily discounted bid', () => {
  it('with a set threshold 0.5: flags exactly 0.5 (150 vs 100) and not 0.49 (149 vs 100); only the winner among tenderers', () => {
    const at = pricedProcess('at', 'W', [['W', 100], ['L', 150]]);
    const below = pricedProcess('below', 'W2', [['W2', 100], ['L2', 149]]);
    expect(R058.run([at, below], { threshold: 0.5 })).toEqual({ OCID: { at: { R058: 0.5 } }, Tenderer: { W: { R058: 0 } } });
  });
  // Sorted ratios: 0.10 0.10 0.11 0.11 0.12 0.12 0.13, then x (the highest); n = 8.
  // Q1 at 2.41667 → x2 + 0.41667·(x3 − x2) = 0.10 + 0.41667·0.01 = 0.104167
  // Q3 at 6.58333 → x6 + 0.58333·(x7 − x6) = 0.12 + 0.58333·0.01 = 0.125833
  // upper fence = 0.125833 + 1.5·0.021667 = 0.158333
  const others = [0.1, 0.1, 0.11, 0.11, 0.12, 0.12, 0.13].map((ratio, index) => withRatio(`o${index}`, ratio));
  it('from the quartiles: flags 0.16 (≥ 0.158333) and not 0.15', () => {
    expect(R058.run([withRatio('x', 0.16), ...others], R058.parameters).OCID).toEqual({ x: { R058: expect.closeTo(0.16, 10) as number } });
    expect(R058.run([withRatio('x', 0.15), ...others], R058.parameters)).toEqual({});
  });
});
