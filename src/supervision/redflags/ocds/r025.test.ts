import { describe, expect, it } from 'vitest';
import { R025 } from './r025';
import { award, bid, release } from './test-releases';

/** Valid bids by `bidders` (no amounts needed), won by `winner`. */
const process = (ocid: string, winner: string, bidders: string[]) => release(ocid, { bids: { details: bidders.map((id) => bid(id)) }, awards: [award(winner)] });

// F bids in five processes and wins one (1/5 = 0.2); A, B, C, D bid twice and win once each (0.5).
const processes = [process('p1', 'F', ['F', 'A', 'B', 'C', 'D']), process('p2', 'A', ['A', 'F']), process('p3', 'B', ['B', 'F']), process('p4', 'C', ['C', 'F']), process('p5', 'D', ['D', 'F'])];

describe('R025 excessive unsuccessful bids', () => {
  // Bids per tenderer 2 2 2 2 5: the 75th percentile is at (5+1/3)·0.75+1/3 = 4.333 → 2 + 0.333·(5−2) = 3, so F (5) is a top tenderer.
  // Ratios 0.2 0.5 0.5 0.5 0.5: Q1 at 1.667 → 0.2 + 0.667·0.3 = 0.4; Q3 at 4.333 → 0.5; lower fence = 0.4 − 1.5·0.1 = 0.25.
  it('from the quartiles: flags F, a top tenderer whose 0.2 is at or below the fence of 0.25', () => {
    expect(R025.run(processes, R025.parameters)).toEqual({ Tenderer: { F: { R025: 0.2 } } });
  });
  it('with a set threshold: flags 0.2 at 0.2, not at 0.19', () => {
    expect(R025.run(processes, { ...R025.parameters, threshold: 0.2 })).toEqual({ Tenderer: { F: { R025: 0.2 } } });
    expect(R025.run(processes, { ...R025.parameters, threshold: 0.19 })).toEqual({});
  });
  it('leaves out a tenderer with a low ratio but few bids (N bid once, lost: 0.0, below the top)', () => {
    const withNewcomer = [...processes, process('p6', 'A', ['A', 'N'])];
    expect(R025.run(withNewcomer, { ...R025.parameters, threshold: 0.2 }).Tenderer).not.toHaveProperty('N');
  });
  it('counts a tenderer once per process, and skips processes with two active awards or a pending one', () => {
    const twice = release('twice', { bids: { details: [bid('F'), bid('F'), bid('A')] }, awards: [award('A')] });
    const won = process('won', 'F', ['F', 'B']);
    const pending = release('pending', { bids: { details: [bid('F'), bid('A')] }, awards: [award('A'), award('F', 'pending')] });
    const twoAwards = release('two', { bids: { details: [bid('F'), bid('A')] }, awards: [award('A'), award('F')] });
    // F: 2 processes, 1 won = 0.5 (counting bids would give 1/3); A: 1/1; B: 0/1. Percentile 0: everyone is a top tenderer.
    expect(R025.run([twice, won, pending, twoAwards], { percentile: 0, threshold: 0.5 })).toEqual({ Tenderer: { F: { R025: 0.5 }, B: { R025: 0 } } });
  });
});
