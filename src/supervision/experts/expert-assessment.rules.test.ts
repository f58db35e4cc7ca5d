import { describe, expect, it } from 'vitest';
import { assessExpert, scoreDeviations, type Score } from './expert-assessment.rules';

const s = (personId: string, points: number, bidId = 'b1', criterion = '技术'): Score => ({ bidId, personId, criterion, points });

describe('expert scores beside the others’', () => {
  it('flags a score more than 20 % of the criterion’s weight from the others’ median, at the boundary', () => {
    // Weight 50: others 40, 42, 44 → median 42; 52 is +10 = 0.20 (not flagged), 53 is +11 = 0.22 (flagged).
    const weights = { 技术: 50 };
    const at = scoreDeviations([s('a', 40), s('b', 42), s('c', 44), s('d', 52)], weights).find((c) => c.personId === 'd')!;
    expect(at).toMatchObject({ othersMedian: 42, deviation: 0.2, flagged: false });
    const past = scoreDeviations([s('a', 40), s('b', 42), s('c', 44), s('d', 53)], weights).find((c) => c.personId === 'd')!;
    expect(past).toMatchObject({ othersMedian: 42, deviation: 0.22, flagged: true });
    // Abnormally low counts as much as high.
    expect(scoreDeviations([s('a', 40), s('b', 42), s('c', 44), s('d', 31)], weights).find((c) => c.personId === 'd')!.flagged).toBe(true);
  });

  it('compares within the same bid and criterion only; a lone score has nothing to deviate from', () => {
    const cells = scoreDeviations([s('a', 10, 'b1'), s('b', 40, 'b2'), s('a', 5, 'b1', '商务')], { 技术: 50, 商务: 20 });
    expect(cells.every((c) => c.othersMedian === null && !c.flagged)).toBe(true);
  });

  it('assesses a member: on time or late, how many deviations, the largest, and upheld complaints', () => {
    const cells = scoreDeviations([s('a', 40), s('b', 42), s('c', 44), s('d', 53), s('d', 18, 'b2', '商务'), s('a', 10, 'b2', '商务')], { 技术: 50, 商务: 20 });
    const end = new Date('2026-03-23T08:00:00Z');
    expect(assessExpert('d', cells, new Date('2026-03-23T08:00:00Z'), end, 1)).toEqual({ personId: 'd', timely: true, submittedAt: '2026-03-23T08:00:00.000Z', scoresGiven: 2, deviations: 2, largestDeviation: 0.4, complaintsUpheld: 1 });
    expect(assessExpert('a', cells, new Date('2026-03-23T08:00:01Z'), end, 0).timely).toBe(false);
    expect(assessExpert('b', cells, null, end, 0).timely).toBeNull();
  });
});
