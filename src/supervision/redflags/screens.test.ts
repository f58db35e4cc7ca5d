import { describe, expect, it } from 'vitest';
import { ruleFor, SCREEN_CODES, SCREENS, screenLot } from './screens';

describe('screenLot: the values, computed by hand', () => {
  // Prices 100 102 104 110: n = 4, mean = 416/4 = 104, deviations −4 −2 0 6.
  // Σd² = 16 + 4 + 0 + 36 = 56; sample variance 56/3 = 18.6667; s = 4.320494.
  // S-CV   = 4.320494 / 104 = 0.041543
  // S-SPD  = (110 − 100) / 100 = 0.1
  // S-RD   : losing bids 102 104 110, mean 105.3333, deviations −3.3333 −1.3333 4.6667,
  //          Σd² = 11.1111 + 1.7778 + 21.7778 = 34.6667, variance 17.3333, s = 4.163332; RD = (102 − 100) / 4.163332 = 0.480384
  // S-SKEW : Σd³ = −64 − 8 + 0 + 216 = 144; s³ = 80.649218; Σ(d/s)³ = 1.785510; G1 = 4/(3·2) · 1.785510 = 1.190340
  // S-KURT : Σd⁴ = 256 + 16 + 0 + 1296 = 1568; s⁴ = (56/3)² = 348.4444; Σ(d/s)⁴ = 4.5;
  //          G2 = (4·5)/(3·2·1) · 4.5 − 3·3²/(2·1) = 15 − 13.5 = 1.5
  it('[100, 102, 104, 110]', () => {
    const lot = screenLot([110, 100, 104, 102]);
    expect(lot?.bidCount).toBe(4);
    expect(lot?.values['S-CV']).toBeCloseTo(0.041543, 6);
    expect(lot?.values['S-SPD']).toBeCloseTo(0.1, 12);
    expect(lot?.values['S-RD']).toBeCloseTo(0.480384, 6);
    expect(lot?.values['S-SKEW']).toBeCloseTo(1.19034, 5);
    expect(lot?.values['S-KURT']).toBeCloseTo(1.5, 10);
    // Lowest price: CV 0.0415 < 0.06 and kurtosis 1.5 > 1 flag; spread 0.1 is not below 0.1; RD 0.48 ≤ 1; skew is positive.
    expect(lot?.flags).toEqual(['S-CV', 'S-KURT']);
  });
  // Prices 90 100 101 102: mean 98.25, deviations −8.25 1.75 2.75 3.75, Σd² = 92.75, variance 30.9167, s = 5.560276.
  // S-CV = 5.560276 / 98.25 = 0.056593; S-SPD = 12/90 = 0.133333; S-RD: losing 100 101 102 have s = 1, so RD = (100 − 90)/1 = 10.
  // S-SKEW: Σd³ = −561.516 + 5.359 + 20.797 + 52.734 = −482.625; s³ = 171.905; Σ(d/s)³ = −2.807507; G1 = 4/6 · −2.807507 = −1.871671
  // S-KURT: Σd⁴ = 4632.504 + 9.379 + 57.191 + 197.754 = 4896.828; s⁴ = 955.840; Σ(d/s)⁴ = 5.123061; G2 = 20/6 · 5.123061 − 13.5 = 3.576870
  it('[90, 100, 101, 102]: a winner well below clustered cover bids raises every lowest-price flag but the spread', () => {
    const lot = screenLot([90, 100, 101, 102]);
    expect(lot?.values['S-CV']).toBeCloseTo(0.056593, 6);
    expect(lot?.values['S-SPD']).toBeCloseTo(0.133333, 6);
    expect(lot?.values['S-RD']).toBeCloseTo(10, 10);
    expect(lot?.values['S-SKEW']).toBeCloseTo(-1.871671, 5);
    expect(lot?.values['S-KURT']).toBeCloseTo(3.57687, 5);
    expect(lot?.flags).toEqual(['S-CV', 'S-RD', 'S-KURT', 'S-SKEW']);
  });
});

describe('screenLot: thresholds, just below and just above', () => {
  it('S-SPD below 0.1: 109.99 vs 100 (0.0999) flags, 110 (0.1) and 110.01 (0.1001) do not', () => {
    expect(screenLot([100, 105, 106, 109.99])?.flags).toContain('S-SPD');
    expect(screenLot([100, 105, 106, 110])?.flags).not.toContain('S-SPD');
    expect(screenLot([100, 105, 106, 110.01])?.flags).not.toContain('S-SPD');
  });
  it('S-RD above 1: losing bids 100 101 102 (s = 1) with the lowest at 98.99 (RD 1.01) flags, at 99.01 (RD 0.99) does not', () => {
    expect(screenLot([98.99, 100, 101, 102])?.values['S-RD']).toBeCloseTo(1.01, 10);
    expect(screenLot([98.99, 100, 101, 102])?.flags).toContain('S-RD');
    expect(screenLot([99.01, 100, 101, 102])?.flags).not.toContain('S-RD');
  });
  it('S-RD of exactly 1 does not flag: 100 120 140 160, losing bids have s = 20 and the gap is 20', () => {
    expect(screenLot([100, 120, 140, 160])?.values['S-RD']).toBeCloseTo(1, 12);
    expect(screenLot([100, 120, 140, 160])?.flags).not.toContain('S-RD');
  });
  it('S-CV below a set threshold: 0.041543 flags at 0.0416, not at 0.0415', () => {
    expect(screenLot([100, 102, 104, 110], 'lowestPrice', { 'S-CV': { threshold: 0.0416 } })?.flags).toContain('S-CV');
    expect(screenLot([100, 102, 104, 110], 'lowestPrice', { 'S-CV': { threshold: 0.0415 } })?.flags).not.toContain('S-CV');
  });
  it('S-KURT above a set threshold: 1.5 flags at 1.49, not at 1.5', () => {
    expect(screenLot([100, 102, 104, 110], 'lowestPrice', { 'S-KURT': { threshold: 1.49 } })?.flags).toContain('S-KURT');
    expect(screenLot([100, 102, 104, 110], 'lowestPrice', { 'S-KURT': { threshold: 1.5 } })?.flags).not.toContain('S-KURT');
  });
  it('S-SKEW below a set threshold: −1.871671 flags at −1.87, not at −1.88', () => {
    expect(screenLot([90, 100, 101, 102], 'lowestPrice', { 'S-SKEW': { threshold: -1.87 } })?.flags).toContain('S-SKEW');
    expect(screenLot([90, 100, 101, 102], 'lowestPrice', { 'S-SKEW': { threshold: -1.88 } })?.flags).not.toContain('S-SKEW');
  });
});

describe('screenLot: the award method', () => {
  // 100 120 140 160: mean 130, deviations −30 −10 10 30, Σd² = 2000, variance 666.667, s = 25.81989; CV = 0.198615; spread = 60/100 = 0.6.
  it('average benchmark: high dispersion flags (CV 0.1986 > 0.15, spread 0.6 > 0.4), low does not', () => {
    expect(screenLot([100, 120, 140, 160], 'averageBenchmark')?.flags).toEqual(['S-CV', 'S-SPD']);
    expect(screenLot([100, 120, 140, 160], 'lowestPrice')?.flags).toEqual([]);
    expect(screenLot([100, 102, 104, 110], 'averageBenchmark')?.flags).toEqual([]);
  });
  it('average benchmark: the high-side threshold can be set (CV 0.1986 flags at 0.19, not at 0.2)', () => {
    expect(screenLot([100, 120, 140, 160], 'averageBenchmark', { 'S-CV': { averageBenchmarkThreshold: 0.19 } })?.flags).toContain('S-CV');
    expect(screenLot([100, 120, 140, 160], 'averageBenchmark', { 'S-CV': { averageBenchmarkThreshold: 0.2 } })?.flags).not.toContain('S-CV');
  });
  it('comprehensive scoring keeps the dispersion screens but not those that assume the lowest bid wins', () => {
    expect(screenLot([90, 100, 101, 102], 'comprehensiveScoring')?.flags).toEqual(['S-CV', 'S-KURT']);
    expect(screenLot([90, 100, 101, 102], 'averageBenchmark')?.flags).toEqual([]);
  });
  it('every screen declares a rule (or none) for every method, and the values are reported whatever the method', () => {
    for (const screen of SCREENS) expect(Object.keys(screen.rules).sort()).toEqual(['averageBenchmark', 'comprehensiveScoring', 'lowestPrice']);
    expect(Object.keys(screenLot([90, 100, 101, 102], 'averageBenchmark')?.values ?? {})).toEqual([...SCREEN_CODES]);
    expect(ruleFor(SCREENS[2]!, 'averageBenchmark')).toBeNull();
  });
});

describe('screenLot: what is not screened', () => {
  it('fewer than 4 bids: no screen', () => {
    expect(screenLot([100, 102, 104])).toBeNull();
    expect(screenLot([])).toBeNull();
  });
  it('all bids equal: CV and spread 0 flag; RD, kurtosis and skewness are undefined (null)', () => {
    expect(screenLot([100, 100, 100, 100])).toEqual({
      bidCount: 4,
      awardMethod: 'lowestPrice',
      values: { 'S-CV': 0, 'S-SPD': 0, 'S-RD': null, 'S-KURT': null, 'S-SKEW': null },
      flags: ['S-CV', 'S-SPD'],
    });
  });
  it('refuses prices that are not finite numbers', () => {
    expect(() => screenLot([100, 101, Number.NaN, 103])).toThrow(RangeError);
  });
});
