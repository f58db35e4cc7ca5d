import { describe, expect, it } from 'vitest';
import { OCDS_INDICATORS, resolveParameters, runIndicators, SettingsError, validateSettings } from './index';
import { award, bid, pricedProcess, release } from './test-releases';

describe('runIndicators', () => {
  const singleBid = release('single', { tender: { procurementMethod: 'open', numberOfTenderers: 1 } });
  const lowestDisqualified = release('dq', { buyer: { id: 'B' }, bids: { details: [bid('A', 100, 'disqualified'), bid('W', 120)] }, awards: [award('W')] });

  it('returns cardinal’s shape: groups with results only, in the order OCID, Buyer, ProcuringEntity, Tenderer', () => {
    const results = runIndicators([singleBid, lowestDisqualified, pricedProcess('same', 'A', [['A', 100], ['B', 100]])]);
    expect(Object.keys(results)).toEqual(['OCID', 'Tenderer']);
    // The disqualified lowest bid is also the only other bid, so R035 holds there too.
    expect(results.OCID).toEqual({ single: { R018: 1 }, dq: { R035: 1, R036: 1 }, same: { R028: 1 } });
    expect(runIndicators([])).toEqual({});
  });
  it('skips cancelled tenders and excluded procurement method details for every indicator', () => {
    const cancelled = release('cancelled', { tender: { procurementMethod: 'open', numberOfTenderers: 1, status: 'cancelled' } });
    const excluded = release('excluded', { tender: { procurementMethod: 'open', numberOfTenderers: 1, procurementMethodDetails: '抽签' } });
    expect(runIndicators([cancelled, excluded], { excludedProcurementMethodDetails: '抽签' })).toEqual({});
  });
  it('applies settings by code, and false switches an indicator off', () => {
    expect(runIndicators([singleBid], { R018: false })).toEqual({});
    expect(runIndicators([singleBid], { R018: { procurementMethods: 'limited' } })).toEqual({});
  });
  it('refuses unknown settings and mistyped values', () => {
    expect(() => validateSettings({ R003: { treshold: 10 } })).toThrow(SettingsError);
    expect(() => validateSettings({ R003: { threshold: '10' } })).toThrow(SettingsError);
    expect(() => validateSettings({ R999: {} })).toThrow(SettingsError);
    expect(() => validateSettings({ currency: 1 })).toThrow(SettingsError);
    expect(validateSettings({ R024: { threshold: 0.05 }, R058: { threshold: 'quartiles' }, R044: false, currency: 'CNY' })).toBeTruthy();
  });
  it('declares every indicator with bilingual text that says a match is not a verdict', () => {
    expect(OCDS_INDICATORS.map((indicator) => indicator.code)).toEqual(['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R044', 'R048', 'R058']);
    for (const indicator of OCDS_INDICATORS) {
      expect(indicator.explanation['zh-CN']).toContain('不是结论');
      expect(indicator.explanation['en-US']).toContain('never a verdict');
      expect(resolveParameters(indicator)).toEqual(indicator.parameters);
    }
  });
});
