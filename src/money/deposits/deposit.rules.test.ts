import { describe, expect, it } from 'vitest';
import { bankNoticeHash, depositStatus, isVirtualAccountNumber, luhnCheckDigit, newVirtualAccountNumber, type BankNotice } from './deposit.rules';

const deadline = new Date('2026-03-23T02:00:00.000Z'); // 10:00 in Shanghai
const at = (ms: number) => new Date(deadline.getTime() + ms);
const REQUIRED = 6_000_000n; // 60,000 yuan

describe('GP-21: a bid’s deposit status at the opening', () => {
  it('exactly the amount, before the deadline, is paid in time; one fen short is short', () => {
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED, receivedAt: at(-60_000) }])).toMatchObject({ status: 'paidInTime', ruleId: null, receivedInTimeFen: REQUIRED });
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED - 1n, receivedAt: at(-60_000) }])).toMatchObject({ status: 'short', ruleId: 'GP-21', receivedInTimeFen: REQUIRED - 1n });
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED + 1n, receivedAt: at(-60_000) }]).status).toBe('paidInTime');
  });

  it('money received 1 ms before the deadline counts; at the deadline’s very millisecond it is late', () => {
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED, receivedAt: at(-1) }]).status).toBe('paidInTime');
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED, receivedAt: at(0) }])).toMatchObject({ status: 'late', ruleId: 'GP-21', receivedInTimeFen: 0n, receivedLateFen: REQUIRED });
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: REQUIRED, receivedAt: at(1) }]).status).toBe('late');
  });

  it('adds up several transfers; what came late does not make up a shortfall in time', () => {
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: 4_000_000n, receivedAt: at(-86_400_000) }, { amountFen: 2_000_000n, receivedAt: at(-1) }]).status).toBe('paidInTime');
    const topUpLate = depositStatus(REQUIRED, deadline, [{ amountFen: 4_000_000n, receivedAt: at(-1) }, { amountFen: 2_000_000n, receivedAt: at(0) }]);
    expect(topUpLate).toMatchObject({ status: 'late', receivedInTimeFen: 4_000_000n, receivedLateFen: 2_000_000n, ruleId: 'GP-21' });
    expect(depositStatus(REQUIRED, deadline, [{ amountFen: 4_000_000n, receivedAt: at(-1) }, { amountFen: 1_000_000n, receivedAt: at(5) }]).status).toBe('short');
  });

  it('nothing received is missing; a lot without a deposit needs none', () => {
    expect(depositStatus(REQUIRED, deadline, [])).toMatchObject({ status: 'missing', ruleId: 'GP-21', receivedInTimeFen: 0n });
    expect(depositStatus(0n, deadline, [])).toMatchObject({ status: 'notRequired', ruleId: null });
  });

  it('keeps amounts beyond 2^53 fen exact', () => {
    const huge = 2n ** 53n + 1n;
    expect(depositStatus(huge, deadline, [{ amountFen: huge - 1n, receivedAt: at(-1) }]).status).toBe('short');
    expect(depositStatus(huge, deadline, [{ amountFen: huge, receivedAt: at(-1) }]).status).toBe('paidInTime');
  });
});

describe('sub-account numbers', () => {
  it('are random, 20 digits with a Luhn check digit, and a mistyped one is not well-formed', () => {
    const numbers = Array.from({ length: 200 }, () => newVirtualAccountNumber());
    expect(new Set(numbers).size).toBe(200);
    for (const n of numbers) {
      expect(n).toMatch(/^8816\d{16}$/);
      expect(isVirtualAccountNumber(n)).toBe(true);
    }
    const n = numbers[0]!;
    const typo = n.slice(0, 10) + String((Number(n[10]) + 1) % 10) + n.slice(11);
    expect(isVirtualAccountNumber(typo)).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe('3'); // the textbook example
    expect(newVirtualAccountNumber(() => 0)).toBe(`8816${'0'.repeat(15)}${luhnCheckDigit(`8816${'0'.repeat(15)}`)}`);
  });
});

describe('a notice’s identity', () => {
  const notice: BankNotice = { virtualAccount: '88160000000000000000', amountFen: 100, reference: 'R1', valueTime: '2026-03-02T10:00:00+08:00', payerAccountName: '上海申联信息科技有限公司', payerAccountNumber: '6222 0210 0100 0001' };
  it('is every field, the value time as an instant and the account number without spacing', () => {
    expect(bankNoticeHash({ ...notice, valueTime: '2026-03-02T02:00:00.000Z', payerAccountNumber: '6222-0210-0100-0001' })).toBe(bankNoticeHash(notice));
    expect(bankNoticeHash({ ...notice, amountFen: 101 })).not.toBe(bankNoticeHash(notice));
    expect(bankNoticeHash({ ...notice, payerAccountNumber: '6222 0210 0100 0002' })).not.toBe(bankNoticeHash(notice));
  });
});
