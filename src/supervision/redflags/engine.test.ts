import { describe, expect, it } from 'vitest';
import { INDICATORS, SCREEN_CODE, detectLot } from './engine';
import type { BidFacts, LotFacts } from './presumptions';

const bid = (n: number, priceFen: number): BidFacts => ({
  bidId: `b${n}`,
  supplierEntityId: `s${n}`,
  supplierName: `供应商${n}`,
  creditCode: `C${n}`,
  deviceFingerprint: `d${n}`,
  clientIp: `10.0.0.${n}`,
  files: [],
  documentMetadata: [],
  contactName: `联系人${n}`,
  contactPhone: `1390000${1000 + n}`,
  legalRepresentative: null,
  controllerCreditCode: null,
  payerAccounts: [],
  priceFen,
});
const lot = (prices: number[], evaluationMethod: LotFacts['evaluationMethod'] = 'lowestPrice'): LotFacts => ({ lotId: 'l', projectId: 'p', regionCode: '310104', evaluationMethod, publishedHashes: [], bids: prices.map((p, i) => bid(i + 1, p)) });

describe('the engine over one lot', () => {
  it('declares every indicator with its basis and a plain explanation in both languages', () => {
    for (const i of INDICATORS) {
      expect(i.ruleId, i.code).toMatch(/^[A-Z]{2}-\d{2}$/);
      expect(i.explanation['zh-CN'].length, i.code).toBeGreaterThan(10);
      expect(i.explanation['en-US'].length, i.code).toBeGreaterThan(10);
    }
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(INDICATORS.length);
  });

  it('flags a lot whose cover bids huddle above a low winner (two screens or more), with each screen’s value', () => {
    // Lowest 800,000; the others within 0.3 % of 1,000,000: low CV among losers, a large gap to the winner (RD), skewed.
    const rigged = lot([80_000_000, 100_000_000, 100_100_000, 100_200_000, 100_300_000]);
    const [m] = detectLot(rigged).filter((x) => x.code === SCREEN_CODE);
    expect(m).toBeDefined();
    expect(m!.evidence.matched.length).toBeGreaterThanOrEqual(2);
    expect(m!.evidence.bids).toHaveLength(5);
  });

  it('leaves honest spread alone, and does not screen three bids', () => {
    expect(detectLot(lot([81_000_000, 88_500_000, 93_100_000, 99_700_000, 104_200_000]))).toEqual([]);
    expect(detectLot(lot([80_000_000, 100_000_000, 100_100_000]))).toEqual([]);
  });

  it('the settings switch the screens off or raise the number that must agree', () => {
    const rigged = lot([80_000_000, 100_000_000, 100_100_000, 100_200_000, 100_300_000]);
    expect(detectLot(rigged, { screens: { enabled: false } }).filter((x) => x.code === SCREEN_CODE)).toEqual([]);
    expect(detectLot(rigged, { screens: { minScreens: 9 } }).filter((x) => x.code === SCREEN_CODE)).toEqual([]);
  });
});
