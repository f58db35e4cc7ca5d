import { describe, expect, it } from 'vitest';
import { R036 } from './r036';
import { award, bid, release } from './test-releases';

const process = (ocid: string, details: ReturnType<typeof bid>[], awards = [award('B')]) => release(ocid, { bids: { details }, awards });

describe('R036 lowest bid disqualified', () => {
  it('flags a disqualified lowest bid 100 under a valid 111, not a disqualified 112', () => {
    expect(R036.run([process('flag', [bid('A', 100, 'disqualified'), bid('B', 111)]), process('fine', [bid('A', 112, 'disqualified'), bid('B', 111)])], {})).toEqual({ OCID: { flag: { R036: 1 } } });
  });
  it('between equal lowest amounts, the first bid listed decides', () => {
    expect(R036.run([process('dq first', [bid('A', 100, 'disqualified'), bid('B', 100)]), process('valid first', [bid('B', 100), bid('A', 100, 'disqualified')])], {}).OCID).toEqual({ 'dq first': { R036: 1 } });
  });
  it('needs an active award and a valid bid with an amount', () => {
    expect(R036.run([process('no award', [bid('A', 100, 'disqualified'), bid('B', 111)], [award('B', 'pending')])], {})).toEqual({});
    expect(R036.run([process('no valid', [bid('A', 100, 'disqualified'), bid('B', 111, 'pending')])], {})).toEqual({});
  });
  it('an invited or withdrawn bid is not the lowest submitted bid', () => {
    expect(R036.run([process('withdrawn', [bid('W', 1, 'withdrawn'), bid('A', 100, 'disqualified'), bid('B', 111)])], {}).OCID).toEqual({ withdrawn: { R036: 1 } });
  });
});
