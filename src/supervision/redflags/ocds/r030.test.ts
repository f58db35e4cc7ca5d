import { describe, expect, it } from 'vitest';
import { isAfter, R030 } from './r030';
import { award, bid, release } from './test-releases';

const deadline = '2025-04-01T09:30:00+08:00';
const process = (ocid: string, bidDate: string, winner = 'W', status = 'valid') =>
  release(ocid, { tender: { tenderPeriod: { endDate: deadline } }, bids: { details: [bid('W', 100, status, { date: bidDate }), bid('L', 110, 'valid', { date: '2025-03-30T10:00:00+08:00' })] }, awards: [award(winner)] });

describe('R030 late bid won', () => {
  it('flags a winning bid one second late, not one at the deadline', () => {
    expect(R030.run([process('late', '2025-04-01T09:30:01+08:00'), process('on time', '2025-04-01T09:30:00+08:00')], {})).toEqual({ OCID: { late: { R030: 1 } }, Tenderer: { W: { R030: 1 } } });
  });
  it('does not flag a late bid that did not win, or one that is not valid', () => {
    expect(R030.run([process('lost', '2025-04-02T00:00:00+08:00', 'L'), process('dq', '2025-04-02T00:00:00+08:00', 'W', 'disqualified')], {})).toEqual({});
  });
  it('compares instants, not strings, when both carry a time zone', () => {
    // 01:00Z is 09:00 in Beijing: before the deadline, though the string "2025-04-01T01…" sorts after "2025-04-01T00…".
    expect(isAfter('2025-04-01T01:00:00Z', '2025-04-01T09:30:00+08:00')).toBe(false);
    expect(isAfter('2025-04-01T01:30:01Z', '2025-04-01T09:30:00+08:00')).toBe(true);
    expect(isAfter('2025-04-02', '2025-04-01')).toBe(true); // no zone: cardinal's string comparison
  });
});
