import { describe, expect, it } from 'vitest';
import { R048 } from './r048';
import { award, release } from './test-releases';

/** A process awarding `supplier` items with these classification codes. */
const awarded = (ocid: string, supplier: string | string[], codes: string[], status = 'active') =>
  release(ocid, { awards: [award(supplier, status, { items: codes.map((id) => ({ classification: { scheme: 'CPV', id } })) })] });

describe('R048 heterogeneous supplier', () => {
  it('counts first-level codes (2 digits by default) across processes; a set threshold 3 flags 3, 4 does not', () => {
    const releases = [awarded('1', 'S', ['03111000', '03222000']), awarded('2', 'S', ['09100000']), awarded('3', 'S', ['15000000'])];
    // 03, 09, 15: three divisions (03111000 and 03222000 are one).
    expect(R048.run(releases, { ...R048.parameters, minimumContractingProcesses: 1, threshold: 3 })).toEqual({ Tenderer: { S: { R048: 3 } } });
    expect(R048.run(releases, { ...R048.parameters, minimumContractingProcesses: 1, threshold: 4 })).toEqual({});
    expect(R048.run(releases, { ...R048.parameters, minimumContractingProcesses: 1, threshold: 4, digits: 3 })).toEqual({ Tenderer: { S: { R048: 4 } } });
  });
  // Varieties 1 1 1 1 v (five suppliers): Q1 at 1.667 → 1; Q3 at 4.333 → 1 + 0.333·(v − 1).
  // v = 4: Q3 = 2, fence = 2 + 1.5·1 = 3.5 ≤ 4, flagged. Varieties 1 1 2 2 3: Q1 = 1, Q3 = 2 + 0.333·1 = 2.333, fence = 4.333 > 3, not flagged.
  it('from the quartiles: flags a variety of 4 among 1 1 1 1, not 3 among 1 1 2 2', () => {
    const suppliers = (varieties: number[]) => varieties.map((variety, index) => awarded(`p${index}`, `S${index}`, ['10', '20', '30', '40'].slice(0, variety)));
    expect(R048.run(suppliers([1, 1, 1, 1, 4]), { ...R048.parameters, minimumContractingProcesses: 1 })).toEqual({ Tenderer: { S4: { R048: 4 } } });
    expect(R048.run(suppliers([1, 1, 2, 2, 3]), { ...R048.parameters, minimumContractingProcesses: 1 })).toEqual({});
  });
  it('by default only suppliers awarded in 20 processes count: 19 are left out', () => {
    const nineteen = Array.from({ length: 19 }, (_, index) => awarded(`p${index}`, 'S', [`${10 + index}000000`]));
    expect(R048.run(nineteen, { ...R048.parameters, threshold: 1 })).toEqual({});
    expect(R048.run([...nineteen, awarded('p19', 'S', ['99000000'])], { ...R048.parameters, threshold: 1 })).toEqual({ Tenderer: { S: { R048: 20 } } });
  });
  it('ignores awards that are not active or have several suppliers', () => {
    const releases = [awarded('1', 'S', ['10']), awarded('2', 'S', ['20'], 'cancelled'), awarded('3', ['S', 'T'], ['30'])];
    expect(R048.run(releases, { ...R048.parameters, minimumContractingProcesses: 1, threshold: 1 })).toEqual({ Tenderer: { S: { R048: 1 } } });
  });
});
