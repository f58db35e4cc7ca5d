import { describe, expect, it } from 'vitest';
import { R038 } from './r038';
import { bid, release } from './test-releases';

/** A process of `buyer` (also its procuring entity) with `valid` valid bids and `disqualified` disqualified ones, by distinct tenderers. */
const process = (ocid: string, buyer: string, valid: number, disqualified: number) =>
  release(ocid, {
    buyer: { id: buyer },
    tender: { procuringEntity: { id: `PE-${buyer}` } },
    bids: { details: [...Array.from({ length: valid }, (_, i) => bid(`${ocid}-v${i}`)), ...Array.from({ length: disqualified }, (_, i) => bid(`${ocid}-d${i}`, undefined, 'disqualified'))] },
  });

describe('R038 excessive disqualified bids', () => {
  // Buyers B1…B4 disqualify nothing in two processes each; B5 disqualifies 2 of 4 bids (0.5).
  // Ratios 0 0 0 0 0.5: Q1 = 0; Q3 at (5+1/3)·0.75+1/3 = 4.333 → 0 + 0.333·(0.5 − 0) = 0.1667; upper fence = 0.1667 + 1.5·0.1667 = 0.4167.
  const quiet = ['B1', 'B2', 'B3', 'B4'].flatMap((buyer) => [process(`${buyer}-a`, buyer, 2, 0), process(`${buyer}-b`, buyer, 2, 0)]);
  it('from the quartiles: flags the buyer and procuring entity at 0.5 (≥ 0.4167)', () => {
    const results = R038.run([...quiet, process('B5-a', 'B5', 1, 1), process('B5-b', 'B5', 1, 1)], R038.parameters);
    expect(results.Buyer).toEqual({ B5: { R038: 0.5 } });
    expect(results.ProcuringEntity).toEqual({ 'PE-B5': { R038: 0.5 } });
  });
  // Seven buyers with ratios 0 0 0.25 0.25 0.25 0.25 0.25, and B8 with the highest ratio r; n = 8.
  // Q1 at (8+1/3)·0.25+1/3 = 2.4167 → 0 + 0.4167·0.25 = 0.104167; Q3 at 6.5833 → 0.25 + 0.5833·0 = 0.25
  // upper fence = 0.25 + 1.5·0.145833 = 0.46875: r = 0.5 is flagged, r = 0.45 is not.
  const spread = [
    ...['C1', 'C2'].flatMap((buyer) => [process(`${buyer}-a`, buyer, 2, 0), process(`${buyer}-b`, buyer, 2, 0)]),
    ...['C3', 'C4', 'C5', 'C6', 'C7'].flatMap((buyer) => [process(`${buyer}-a`, buyer, 2, 0), process(`${buyer}-b`, buyer, 1, 1)]),
  ];
  it('from the quartiles: flags 0.5 (2 of 4) above the fence of 0.46875, not 0.45 (9 of 20)', () => {
    expect(R038.run([...spread, process('B8-a', 'B8', 1, 1), process('B8-b', 'B8', 1, 1)], R038.parameters).Buyer).toEqual({ B8: { R038: 0.5 } });
    expect(R038.run([...spread, process('B8-a', 'B8', 6, 4), process('B8-b', 'B8', 5, 5)], R038.parameters).Buyer).toBeUndefined();
  });
  it('with a set threshold: 0.5 flags at 0.5, not at 0.51', () => {
    const b5 = [process('B5-a', 'B5', 1, 1), process('B5-b', 'B5', 1, 1)];
    expect(R038.run(b5, { ...R038.parameters, threshold: 0.5 }).Buyer).toEqual({ B5: { R038: 0.5 } });
    expect(R038.run(b5, { ...R038.parameters, threshold: 0.51 })).toEqual({});
  });
  it('needs 2 contracting processes per buyer (cardinal counts bids here; its documentation says processes)', () => {
    expect(R038.run([process('only', 'B5', 2, 2)], { ...R038.parameters, threshold: 0.1 })).toEqual({});
  });
  it('tenderers: ratio over their submitted bids, at least 2 bids', () => {
    // D: disqualified once, valid once (0.5); others bid once and are left out.
    const one = release('1', { bids: { details: [bid('D', undefined, 'disqualified'), bid('X')] } });
    const two = release('2', { bids: { details: [bid('D'), bid('Y')] } });
    expect(R038.run([one, two], R038.parameters)).toEqual({ Tenderer: { D: { R038: 0.5 } } });
    expect(R038.run([one, two], { ...R038.parameters, minimumSubmittedBids: 3 })).toEqual({});
  });
  it('flags nothing when the fence is 0 (most disqualify nothing and the quartiles are all 0)', () => {
    expect(R038.run(quiet, R038.parameters)).toEqual({});
  });
});
