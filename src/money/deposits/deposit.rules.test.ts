import { describe, expect, it } from 'vitest';
import {
  BANK_TIMESTAMP_TOLERANCE_MS,
  bankNoticeHash,
  bankSignatureProblem,
  depositStatus,
  isVirtualAccountNumber,
  luhnCheckDigit,
  newVirtualAccountNumber,
  signBankRequest,
  type BankNotice,
} from './deposit.rules';

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

describe('a bank’s signed request', () => {
  const secret = 'bank-secret';
  const now = new Date('2026-03-02T02:00:00.000Z');
  const body = Buffer.from('{"virtualAccount":"88160000000000000000","amountFen":100}');
  const timestamp = now.toISOString();
  const signature = signBankRequest(secret, 'POST', '/api/bank/deposit-notices', timestamp, body);
  const check = (over: Partial<Parameters<typeof bankSignatureProblem>[0]>) =>
    bankSignatureProblem({ secret, method: 'POST', path: '/api/bank/deposit-notices', timestamp, signature, body, now, ...over });

  it('is HMAC-SHA256 over method, path, timestamp and the body’s bytes', () => {
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(check({})).toBeNull();
    expect(check({ signature: signature.toUpperCase() })).toBeNull();
    expect(check({ body: Buffer.from(body.toString().replace('100', '101')) })).toBe('signatureInvalid');
    expect(check({ path: '/api/bank/deposit-notices?x=1' })).toBe('signatureInvalid');
    expect(check({ method: 'PUT' })).toBe('signatureInvalid');
    expect(check({ secret: 'another' })).toBe('signatureInvalid');
    expect(check({ secret: null })).toBe('signatureInvalid');
    expect(check({ signature: 'abc' })).toBe('signatureInvalid');
    expect(check({ signature: undefined })).toBe('missing');
    expect(check({ timestamp: undefined })).toBe('missing');
  });

  it('is fresh within five minutes either way, to the millisecond', () => {
    const signedAt = (ms: number) => {
      const ts = new Date(now.getTime() + ms).toISOString();
      return check({ timestamp: ts, signature: signBankRequest(secret, 'POST', '/api/bank/deposit-notices', ts, body) });
    };
    expect(signedAt(-BANK_TIMESTAMP_TOLERANCE_MS)).toBeNull();
    expect(signedAt(BANK_TIMESTAMP_TOLERANCE_MS)).toBeNull();
    expect(signedAt(-BANK_TIMESTAMP_TOLERANCE_MS - 1)).toBe('timestampStale');
    expect(signedAt(BANK_TIMESTAMP_TOLERANCE_MS + 1)).toBe('timestampStale');
    expect(check({ timestamp: '2026-03-02 10:00:00' })).toBe('timestampMalformed');
    expect(check({ timestamp: '1772416800000' })).toBe('timestampMalformed');
    // The same instant with an offset is the same timestamp (signed as written).
    const withOffset = '2026-03-02T10:00:00.000+08:00';
    expect(check({ timestamp: withOffset, signature: signBankRequest(secret, 'POST', '/api/bank/deposit-notices', withOffset, body) })).toBeNull();
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
