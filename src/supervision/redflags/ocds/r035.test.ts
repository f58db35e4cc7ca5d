import { describe, expect, it } from 'vitest';
import { R035 } from './r035';
import { award, bid, release } from './test-releases';

const process = (ocid: string, details: ReturnType<typeof bid>[], awards = [award('V')]) => release(ocid, { bids: { details }, awards });

describe('R035 all except winning bid disqualified', () => {
  it('flags one disqualified other tenderer at the default threshold 1, with the count as value', () => {
    expect(R035.run([process('one', [bid('V'), bid('D', undefined, 'disqualified')])], R035.parameters)).toEqual({ OCID: { one: { R035: 1 } }, Tenderer: { V: { R035: 0 } } });
  });
  it('threshold 2: two disqualified tenderers trigger, one does not', () => {
    const two = process('two', [bid('V'), bid('D', undefined, 'disqualified'), bid('E', undefined, 'disqualified'), bid('D', undefined, 'disqualified')]);
    const one = process('one', [bid('V'), bid('D', undefined, 'disqualified')]);
    expect(R035.run([two, one], { threshold: 2 }).OCID).toEqual({ two: { R035: 2 } });
  });
  it('does not flag two valid tenderers, a winner other than the valid tenderer, or a pending award', () => {
    expect(R035.run([process('two valid', [bid('V'), bid('W'), bid('D', undefined, 'disqualified')])], R035.parameters)).toEqual({});
    expect(R035.run([process('other winner', [bid('V'), bid('D', undefined, 'disqualified')], [award('X')])], R035.parameters)).toEqual({});
    expect(R035.run([process('pending', [bid('V'), bid('D', undefined, 'disqualified')], [award('V'), award('D', 'pending')])], R035.parameters)).toEqual({});
  });
  it('ignores cancelled and unsuccessful awards, and invited, pending or withdrawn bids', () => {
    const details = [bid('V'), bid('D', undefined, 'disqualified'), bid('I', undefined, 'invited'), bid('P', undefined, 'pending'), bid('W', undefined, 'withdrawn')];
    expect(R035.run([process('accept', details, [award('V'), award('C', 'cancelled'), award('U', 'unsuccessful')])], R035.parameters).OCID).toEqual({ accept: { R035: 1 } });
  });
});
