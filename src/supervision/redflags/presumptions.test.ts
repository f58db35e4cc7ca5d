import { describe, expect, it } from 'vitest';
import { matchKey, pricePatterns, runPresumptions, type BidFacts, type LotFacts } from './presumptions';

let n = 0;
function bid(over: Partial<BidFacts> = {}): BidFacts {
  n++;
  return {
    bidId: `bid-${n}`,
    supplierEntityId: `s-${n}`,
    supplierName: `供应商${n}`,
    creditCode: `CODE${n}`,
    deviceFingerprint: `device-${n}`,
    clientIp: `10.0.0.${n}`,
    files: [{ name: '技术文件', sha256: `hash-${n}` }],
    documentMetadata: [{ name: '技术文件', author: `作者${n}`, creator: 'WPS Office', createdAt: `2026-11-0${(n % 9) + 1}T08:00:0${n % 10}.000Z` }],
    contactName: `联系人${n}`,
    contactPhone: `1380000${String(1000 + n)}`,
    legalRepresentative: `法人${n}`,
    controllerCreditCode: null,
    payerAccounts: [`6222${n}`],
    priceFen: 1_000_000 + ((n * n * 7_919) % 300_007), // irregular, so no CL-08 by accident
    ...over,
  };
}
const lotOf = (bids: BidFacts[], publishedHashes: string[] = []): LotFacts => ({ lotId: 'lot-1', projectId: 'p-1', regionCode: '310101', evaluationMethod: 'scoring', publishedHashes, bids });
const codes = (lot: LotFacts) => runPresumptions(lot).map((m) => m.code);

describe('statutory presumptions (RULES.md §4.3)', () => {
  it('leave honest, unrelated bids alone', () => {
    expect(runPresumptions(lotOf([bid(), bid(), bid(), bid()]))).toEqual([]);
  });

  it('CL-01: the same device fingerprint on two suppliers’ bids is one match naming both, with the shared value', () => {
    const a = bid({ deviceFingerprint: 'fp-shared' });
    const b = bid({ deviceFingerprint: 'fp-shared' });
    const [m, ...rest] = runPresumptions(lotOf([a, b, bid()]));
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ code: 'CL-01', ruleId: 'CL-01', entityIds: [a.supplierEntityId, b.supplierEntityId].sort() });
    expect(m!.evidence.matched.map((x) => x.value)).toEqual(['fp-shared']);
    expect(m!.evidence.bids.map((x) => x.bidId).sort()).toEqual([a.bidId, b.bidId].sort());
  });

  it('CL-01: one supplier’s own two values never match itself; a missing fingerprint matches nothing', () => {
    const a = bid({ deviceFingerprint: null });
    const b = bid({ deviceFingerprint: null });
    expect(codes(lotOf([a, b]))).toEqual([]);
  });

  it('CL-03: identical author, software and creation time match; the same author at another second does not', () => {
    const meta = { name: '技术文件', author: '张三', creator: 'WPS Office', createdAt: '2026-11-20T02:03:04.000Z' };
    expect(codes(lotOf([bid({ documentMetadata: [meta] }), bid({ documentMetadata: [meta] })]))).toEqual(['CL-03']);
    expect(codes(lotOf([bid({ documentMetadata: [meta] }), bid({ documentMetadata: [{ ...meta, createdAt: '2026-11-20T02:03:05.000Z' }] })]))).toEqual([]);
    // No creation time: author and software alone are too common to mean anything.
    expect(codes(lotOf([bid({ documentMetadata: [{ ...meta, createdAt: null }] }), bid({ documentMetadata: [{ ...meta, createdAt: null }] })]))).toEqual([]);
  });

  it('CL-04: the same phone, written differently, matches; so does the same contact name unless switched off', () => {
    expect(codes(lotOf([bid({ contactPhone: '138-0013-8000' }), bid({ contactPhone: '13800138000' })]))).toEqual(['CL-04']);
    const sameName = lotOf([bid({ contactName: '王五' }), bid({ contactName: '王五 ' })]);
    expect(codes(sameName)).toEqual(['CL-04']);
    expect(runPresumptions(sameName, { 'CL-04': { compareNames: false } })).toEqual([]);
  });

  it('CL-05: deposits from one payer account', () => {
    const [m] = runPresumptions(lotOf([bid({ payerAccounts: ['6222000011112222'] }), bid({ payerAccounts: ['6222000011112222', '9999'] }), bid()]));
    expect(m).toMatchObject({ code: 'CL-05' });
    expect(m!.evidence.matched[0]!.value).toBe('6222000011112222');
  });

  it('CL-07: byte-identical files match, unless the purchaser published that file (a form returned unchanged)', () => {
    const shared = [{ name: '报价函', sha256: 'same' }];
    expect(codes(lotOf([bid({ files: shared }), bid({ files: shared })]))).toEqual(['CL-07']);
    expect(codes(lotOf([bid({ files: shared }), bid({ files: shared })], ['same']))).toEqual([]);
  });

  it('CL-10 (GP-90): the same legal representative, or one bidder controlling another', () => {
    expect(runPresumptions(lotOf([bid({ legalRepresentative: '李四' }), bid({ legalRepresentative: '李四' })]))[0]).toMatchObject({ code: 'CL-10', ruleId: 'GP-90' });
    const parent = bid({ creditCode: '91310000MA1FL0000X' });
    const child = bid({ controllerCreditCode: '91310000MA1FL0000X' });
    const [m] = runPresumptions(lotOf([parent, child]));
    expect(m).toMatchObject({ code: 'CL-10', entityIds: [parent.supplierEntityId, child.supplierEntityId].sort() });
    expect(m!.evidence.matched[0]!.value).toBe(`${parent.supplierName} → ${child.supplierName}`);
  });

  it('CL-11: the same IP address is a weak signal, reported on its own code', () => {
    expect(codes(lotOf([bid({ clientIp: '203.0.113.7' }), bid({ clientIp: '203.0.113.7' })]))).toEqual(['CL-11']);
  });

  it('a switched-off indicator does not run; a lot with one supplier cannot match', () => {
    const lot = lotOf([bid({ clientIp: '1.1.1.1' }), bid({ clientIp: '1.1.1.1' })]);
    expect(runPresumptions(lot, { 'CL-11': { enabled: false } })).toEqual([]);
    const one = bid();
    expect(runPresumptions(lotOf([one, { ...one, bidId: 'other' }]))).toEqual([]);
  });

  it('find the same match again under the same key, whatever the order of the bids', () => {
    const a = bid({ deviceFingerprint: 'x' });
    const b = bid({ deviceFingerprint: 'x' });
    const k1 = matchKey('lot-1', runPresumptions(lotOf([a, b]))[0]!);
    const k2 = matchKey('lot-1', runPresumptions(lotOf([b, a]))[0]!);
    expect(k1).toBe(k2);
  });
});

describe('CL-08 prices in a regular pattern', () => {
  const p = (...fen: number[]) => fen.map((priceFen, i) => ({ bidId: `b${i}`, priceFen }));

  it('three prices with a constant difference match; two do not', () => {
    expect(pricePatterns(p(1_000_000, 1_020_000, 1_040_000), 3, 0.0001)).toEqual([{ kind: 'difference', step: 20_000, bidIds: ['b0', 'b1', 'b2'] }]);
    expect(pricePatterns(p(1_000_000, 1_020_000), 3, 0.0001)).toEqual([]);
  });

  it('at the tolerance: a gap off by 0.01% of the highest price (104 fen of 1,040,000) still matches, 105 fen does not', () => {
    // Tolerance = 0.0001 × 1,040,104 = 104.01 fen.
    expect(pricePatterns(p(1_000_000, 1_020_000, 1_040_104), 3, 0.0001)).toHaveLength(1);
    expect(pricePatterns(p(1_000_000, 1_020_000, 1_040_105), 3, 0.0001).filter((f) => f.kind === 'difference')).toEqual([]);
  });

  it('by default the steps agree to one millionth of the highest price: 104 fen on 1,040,000 yuan matches, 105 does not', () => {
    const lot = (third: number) => lotOf([bid({ priceFen: 100_000_000 }), bid({ priceFen: 102_000_000 }), bid({ priceFen: third })]);
    expect(codes(lot(104_000_104))).toEqual(['CL-08']);
    expect(codes(lot(104_000_105))).toEqual([]);
  });

  it('a constant ratio matches (5% steps); identical prices are not a progression', () => {
    const [found] = pricePatterns(p(1_000_000, 1_050_000, 1_102_500), 3, 0.0001).filter((f) => f.kind === 'ratio');
    expect(found!.step).toBeCloseTo(1.05, 6);
    expect(pricePatterns(p(1_000_000, 1_000_000, 1_000_000), 3, 0.0001)).toEqual([]);
  });

  it('finds the run among other prices and reports only its bids', () => {
    const found = pricePatterns(p(870_000, 1_000_000, 1_010_000, 1_020_000, 1_300_000), 3, 0.0001);
    expect(found).toEqual([{ kind: 'difference', step: 10_000, bidIds: ['b1', 'b2', 'b3'] }]);
  });

  it('finds a progression with honest bids in between (a cartel does not control the others’ prices)', () => {
    const found = pricePatterns(p(1_000_000, 1_004_321, 1_010_000, 1_013_777, 1_020_000), 3, 0.000001);
    expect(found).toEqual([{ kind: 'difference', step: 10_000, bidIds: ['b0', 'b2', 'b4'] }]);
  });

  it('in a lot, the match names the suppliers and their prices', () => {
    const bids = [bid({ priceFen: 500_000 }), bid({ priceFen: 510_000 }), bid({ priceFen: 520_000 }), bid({ priceFen: 777_777 })];
    const [m] = runPresumptions(lotOf(bids));
    expect(m).toMatchObject({ code: 'CL-08' });
    expect(m!.evidence.bids.map((b) => b.values.priceFen)).toEqual([500_000, 510_000, 520_000]);
    expect(m!.evidence.matched[0]!.value).toBe('100.00');
  });
});
