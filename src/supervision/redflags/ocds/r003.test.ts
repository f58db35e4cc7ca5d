import { describe, expect, it } from 'vitest';
import { R003 } from './r003';
import { release } from './test-releases';

const period = (ocid: string, startDate: string, endDate: string, tender: Record<string, string> = {}) => release(ocid, { tender: { tenderPeriod: { startDate, endDate }, ...tender } });
const run = (releases: ReturnType<typeof period>[], overrides: Partial<typeof R003.parameters> = {}) => R003.run(releases, { ...R003.parameters, ...overrides });

describe('R003 short submission period (default 15 whole days)', () => {
  it('flags 14 days 23:59:59 (14 whole days < 15) and not exactly 15 days', () => {
    const results = run([period('short', '2025-03-01T09:00:00+08:00', '2025-03-16T08:59:59+08:00'), period('enough', '2025-03-01T09:00:00+08:00', '2025-03-16T09:00:00+08:00')]);
    expect(results).toEqual({ OCID: { short: { R003: 1 } } });
  });
  it('counts instants across time zones: 00:00Z to 08:00+08:00 fifteen days later is exactly 15 days', () => {
    expect(run([period('zones', '2025-03-01T00:00:00Z', '2025-03-16T08:00:00+08:00')])).toEqual({});
  });
  it('takes the threshold per procurementMethodDetails, else the default', () => {
    const ten = period('x', '2025-03-01T00:00:00Z', '2025-03-11T00:00:00Z', { procurementMethodDetails: '询价' }); // 10 days
    const nine = period('y', '2025-03-01T00:00:00Z', '2025-03-10T00:00:00Z', { procurementMethodDetails: '询价' }); // 9 days
    const other = period('z', '2025-03-01T00:00:00Z', '2025-03-11T00:00:00Z', { procurementMethodDetails: '公开招标' });
    expect(run([ten, nine, other], { procurementMethodDetailsThresholds: '询价=10|竞争性谈判=3' })).toEqual({ OCID: { y: { R003: 1 }, z: { R003: 1 } } });
    expect(() => run([], { procurementMethodDetailsThresholds: '询价' })).toThrow(RangeError);
  });
  it('only for the listed procurement methods when some are listed', () => {
    const open = period('open', '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z', { procurementMethod: 'open' });
    const limited = period('limited', '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z', { procurementMethod: 'limited' });
    expect(run([open, limited], { procurementMethods: 'open|selective' })).toEqual({ OCID: { open: { R003: 1 } } });
  });
  it('skips dates without a time zone, cancelled tenders and releases without an ocid', () => {
    expect(run([period('local', '2025-03-01T00:00:00', '2025-03-02T00:00:00Z')])).toEqual({});
    expect(run([period('cancelled', '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z', { status: 'cancelled' })])).toEqual({});
    expect(R003.run([{ tender: { tenderPeriod: { startDate: '2025-03-01T00:00:00Z', endDate: '2025-03-02T00:00:00Z' } } }], R003.parameters)).toEqual({});
  });
});
