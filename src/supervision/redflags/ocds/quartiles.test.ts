import { describe, expect, it } from 'vitest';
import { lowerFence, quantile, quartiles, upperFence } from './quartiles';

describe('quantile: Hyndman & Fan type 8, as cardinal (statrs) computes it', () => {
  it('[1,2,3,4]: Q1 at position (4+1/3)·0.25+1/3 = 1.41667 → 1 + 0.41667·(2−1); Q3 at 3.58333 → 3 + 0.58333·(4−3)', () => {
    expect(quantile([4, 2, 1, 3], 0.25)).toBeCloseTo(1.416_667, 6);
    expect(quantile([4, 2, 1, 3], 0.75)).toBeCloseTo(3.583_333, 6);
    // Spreadsheet QUARTILE (type 7) would give 1.75 and 3.25: the method matters.
    expect(quantile([1, 2, 3, 4], 0.25)).not.toBeCloseTo(1.75, 2);
  });
  it('[1,99,99,99,99]: Q1 at 1.66667 → 1 + 0.66667·98 = 66.333; Q3 at 4.33333 → 99', () => {
    expect(quartiles([1, 99, 99, 99, 99])).toEqual({ q1: expect.closeTo(66.333_333, 5) as number, q3: 99 });
  });
  it('clamps below the first and above the last position, and gives NaN for no data', () => {
    expect(quantile([5], 0.25)).toBe(5); // position 0.666 → the minimum
    expect(quantile([5, 7], 0.75)).toBe(7); // position (2+1/3)·0.75+1/3 = 2.083, past the last → the maximum
    expect(quantile([5, 7], 0.5)).toBe(6); // position 1.5 → 5 + 0.5·2
    expect(quantile([5, 7, 9], 1)).toBe(9);
    expect(quantile([5, 7, 9], 0)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });
  it('fences: Q1 − 1.5·IQR and Q3 + 1.5·IQR', () => {
    expect(lowerFence({ q1: 0.4, q3: 0.5 })).toBeCloseTo(0.25, 10);
    expect(upperFence({ q1: 0.4, q3: 0.5 })).toBeCloseTo(0.65, 10);
  });
});
