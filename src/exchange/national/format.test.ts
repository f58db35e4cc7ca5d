import { describe, expect, it } from 'vitest';
import { nationalAmount, nationalRegionCode, nationalTimestamp, xmlText } from './format';

describe('nationalTimestamp: 14 digits, Asia/Shanghai', () => {
  it('writes a UTC instant as Shanghai wall-clock time', () => {
    expect(nationalTimestamp(new Date('2026-03-02T02:00:00.000Z'))).toBe('20260302100000');
  });

  it('moves to the next Shanghai day at 16:00 UTC, and keeps the last millisecond on its day', () => {
    expect(nationalTimestamp(new Date('2026-12-31T15:59:59.999Z'))).toBe('20261231235959');
    expect(nationalTimestamp(new Date('2026-12-31T16:00:00.000Z'))).toBe('20270101000000');
  });

  it('crosses a leap day and a month end', () => {
    expect(nationalTimestamp(new Date('2028-02-28T16:30:05Z'))).toBe('20280229003005');
    expect(nationalTimestamp(new Date('2026-02-28T16:00:00Z'))).toBe('20260301000000');
  });

  it('is always 14 digits', () => {
    expect(nationalTimestamp(new Date('2026-01-01T00:00:00Z'))).toMatch(/^\d{14}$/);
  });

  it('refuses an invalid instant', () => {
    expect(() => nationalTimestamp(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('nationalRegionCode', () => {
  it('keeps a district code as recorded, or reports its city', () => {
    expect(nationalRegionCode('310104', 'asRecorded')).toBe('310104');
    expect(nationalRegionCode('310104', 'city')).toBe('310100');
    expect(nationalRegionCode('370102', 'city')).toBe('370100');
  });

  it('leaves a province-level code alone at city level', () => {
    expect(nationalRegionCode('310000', 'city')).toBe('310000');
  });

  it('refuses anything but 6 digits, and the platform-wide pseudo-region', () => {
    for (const bad of ['31010', '3101040', '31010A', '']) expect(() => nationalRegionCode(bad, 'asRecorded')).toThrow(RangeError);
    expect(() => nationalRegionCode('000000', 'asRecorded')).toThrow(RangeError);
  });
});

describe('nationalAmount: integer fen to 元 or 万元, exactly', () => {
  it('writes 元 with two decimals', () => {
    expect(nationalAmount(0, 'yuan')).toBe('0.00');
    expect(nationalAmount(1, 'yuan')).toBe('0.01');
    expect(nationalAmount(123_456_789, 'yuan')).toBe('1234567.89');
  });

  it('writes 万元 with six decimals, one fen being 0.000001', () => {
    expect(nationalAmount(1, 'wanYuan')).toBe('0.000001');
    expect(nationalAmount(1_000_000, 'wanYuan')).toBe('1.000000');
    expect(nationalAmount(230_000_000, 'wanYuan')).toBe('230.000000');
    expect(nationalAmount(123_456_789, 'wanYuan')).toBe('123.456789');
  });

  it('stays exact at the largest safe amount, where floating point would not', () => {
    expect(nationalAmount(Number.MAX_SAFE_INTEGER, 'yuan')).toBe('90071992547409.91');
    expect(nationalAmount(Number.MAX_SAFE_INTEGER, 'wanYuan')).toBe('9007199254.740991');
  });

  it('keeps the sign of a negative amount and refuses fractions of a fen', () => {
    expect(nationalAmount(-5, 'yuan')).toBe('-0.05');
    expect(() => nationalAmount(1.5, 'yuan')).toThrow(RangeError);
  });
});

describe('xmlText', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xmlText('<p class="a">A&B</p>\u0001')).toBe('&lt;p class=&quot;a&quot;&gt;A&amp;B&lt;/p&gt;');
  });
});
