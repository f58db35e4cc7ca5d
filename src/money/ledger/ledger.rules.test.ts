import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors';
import { formatFen } from '../../platform/money';
import { accountCode, assertAccountSpec, assertJournalEntry, INT8_MAX, journalEntryProblems, MAX_POSTINGS, sides, type JournalEntryDraft, type PostingDraft } from './ledger.rules';

const entry = (postings: PostingDraft[], more: Partial<JournalEntryDraft> = {}): JournalEntryDraft => ({ kind: 'depositReceived', idempotencyKey: 'bank:ICBC:20260302-0001', postings, ...more });
const codes = (draft: JournalEntryDraft) => journalEntryProblems(draft).map((p) => p.code);
const TWO_53 = 2n ** 53n;

describe('a journal entry', () => {
  it('balances when its debits equal its credits', () => {
    expect(codes(entry([{ accountCode: 'platformClearing:310000', amountFen: 50_000n }, { accountCode: 'bidDeposit:l:s', amountFen: -50_000n }]))).toEqual([]);
    // Several postings on either side.
    expect(
      codes(
        entry([
          { accountCode: 'a', amountFen: 30_000n },
          { accountCode: 'b', amountFen: 20_001n },
          { accountCode: 'c', amountFen: -50_001n },
        ]),
      ),
    ).toEqual([]);
  });

  it('is refused when the sum is off by one fen, either way, naming both sides in Chinese and English', () => {
    for (const off of [1n, -1n]) {
      const problems = journalEntryProblems(entry([{ accountCode: 'a', amountFen: 50_000n + off }, { accountCode: 'b', amountFen: -50_000n }]));
      expect(problems.map((p) => p.code)).toEqual(['LEDGER_UNBALANCED']);
      expect(problems[0]!.messages['zh-CN']).toContain('借贷不平');
      expect(problems[0]!.messages['zh-CN']).toContain(`相差${off > 0n ? '' : '-'}0.01元`);
      expect(problems[0]!.messages['en-US']).toContain(`off by ${off > 0n ? '' : '-'}0.01 yuan`);
    }
  });

  it('needs two postings at least', () => {
    expect(codes(entry([{ accountCode: 'a', amountFen: 1n }]))).toEqual(['LEDGER_TOO_FEW_POSTINGS', 'LEDGER_UNBALANCED']);
    expect(codes(entry([]))).toEqual(['LEDGER_TOO_FEW_POSTINGS']);
    const problem = journalEntryProblems(entry([]))[0]!;
    expect(problem.messages['zh-CN']).toContain('至少应有借、贷两条记账');
    expect(problem.messages['en-US']).toContain('at least two postings');
  });

  it('has no more than the maximum number of postings', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ accountCode: `a${i}`, amountFen: i % 2 ? -1n : 1n }));
    expect(codes(entry(many(MAX_POSTINGS)))).toEqual([]);
    expect(codes(entry(many(MAX_POSTINGS + 2)))).toEqual(['LEDGER_TOO_MANY_POSTINGS']);
  });

  it('moves money in every posting: a zero amount is refused, even when the entry balances', () => {
    expect(codes(entry([{ accountCode: 'a', amountFen: 0n }, { accountCode: 'b', amountFen: 0n }]))).toEqual(['LEDGER_ZERO_AMOUNT', 'LEDGER_ZERO_AMOUNT']);
    expect(codes(entry([{ accountCode: 'a', amountFen: 5n }, { accountCode: 'b', amountFen: -5n }, { accountCode: 'c', amountFen: 0n }]))).toEqual(['LEDGER_ZERO_AMOUNT']);
  });

  it('takes amounts only as bigint fen: a number, even a whole one, or a fraction is refused', () => {
    const asNumber = (n: number) => n as unknown as bigint;
    expect(codes(entry([{ accountCode: 'a', amountFen: asNumber(0.1) }, { accountCode: 'b', amountFen: asNumber(-0.1) }]))).toEqual(['LEDGER_AMOUNT_NOT_INTEGER', 'LEDGER_AMOUNT_NOT_INTEGER']);
    expect(codes(entry([{ accountCode: 'a', amountFen: asNumber(100) }, { accountCode: 'b', amountFen: -100n }]))).toEqual(['LEDGER_AMOUNT_NOT_INTEGER']);
  });

  it('sums exactly beyond 2^53, where a floating-point sum would not', () => {
    // 2^53 + 1 is not a double: as numbers, these two postings would look balanced.
    expect(Number(TWO_53 + 1n) - Number(TWO_53)).toBe(0);
    expect(codes(entry([{ accountCode: 'a', amountFen: TWO_53 + 1n }, { accountCode: 'b', amountFen: -TWO_53 }]))).toEqual(['LEDGER_UNBALANCED']);
    expect(codes(entry([{ accountCode: 'a', amountFen: TWO_53 + 1n }, { accountCode: 'b', amountFen: -(TWO_53 + 1n) }]))).toEqual([]);
    // Many large postings whose sum passes PostgreSQL's bigint on one side, balanced.
    expect(codes(entry([{ accountCode: 'a', amountFen: INT8_MAX }, { accountCode: 'b', amountFen: INT8_MAX }, { accountCode: 'c', amountFen: -INT8_MAX }, { accountCode: 'd', amountFen: -INT8_MAX }]))).toEqual([]);
    expect(formatFen(TWO_53 + 1n)).toBe('90,071,992,547,409.93');
  });

  it('holds amounts PostgreSQL’s bigint holds, and no more', () => {
    expect(codes(entry([{ accountCode: 'a', amountFen: INT8_MAX }, { accountCode: 'b', amountFen: -INT8_MAX }]))).toEqual([]);
    expect(codes(entry([{ accountCode: 'a', amountFen: INT8_MAX + 1n }, { accountCode: 'b', amountFen: -(INT8_MAX + 1n) }]))).toEqual(['LEDGER_AMOUNT_OUT_OF_RANGE', 'LEDGER_AMOUNT_OUT_OF_RANGE']);
  });

  it('posts to each account once', () => {
    expect(codes(entry([{ accountCode: 'a', amountFen: 5n }, { accountCode: 'a', amountFen: -5n }]))).toEqual(['LEDGER_ACCOUNT_REPEATED']);
    expect(codes(entry([{ accountCode: '', amountFen: 5n }, { accountCode: 'b', amountFen: -5n }]))).toEqual(['LEDGER_ACCOUNT_MISSING']);
  });

  it('needs a known kind and an idempotency key', () => {
    const ok = [{ accountCode: 'a', amountFen: 5n }, { accountCode: 'b', amountFen: -5n }];
    expect(codes(entry(ok, { kind: 'gift' as never }))).toEqual(['LEDGER_KIND_UNKNOWN']);
    expect(codes(entry(ok, { idempotencyKey: '  ' }))).toEqual(['LEDGER_IDEMPOTENCY_KEY']);
    expect(codes(entry(ok, { idempotencyKey: 'k'.repeat(201) }))).toEqual(['LEDGER_IDEMPOTENCY_KEY']);
    expect(codes(entry(ok, { memo: '摘'.repeat(501) }))).toEqual(['LEDGER_MEMO_TOO_LONG']);
  });

  it('is a correction exactly when it names the entry it corrects', () => {
    const ok = [{ accountCode: 'a', amountFen: -5n }, { accountCode: 'b', amountFen: 5n }];
    expect(codes(entry(ok, { kind: 'correction', corrects: '8f5d3c8e-2a4b-4c1d-9e0f-1a2b3c4d5e6f' }))).toEqual([]);
    expect(codes(entry(ok, { kind: 'correction' }))).toEqual(['LEDGER_CORRECTION_UNREFERENCED']);
    expect(codes(entry(ok, { corrects: '8f5d3c8e-2a4b-4c1d-9e0f-1a2b3c4d5e6f' }))).toEqual(['LEDGER_CORRECTION_UNREFERENCED']);
  });

  it('is refused with its first problem as a bilingual 422, all problems in the details', () => {
    try {
      assertJournalEntry(entry([{ accountCode: 'a', amountFen: 0n }]));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.status).toBe(422);
      expect(e.code).toBe('LEDGER_TOO_FEW_POSTINGS');
      expect(e.messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(e.messages['en-US']).toMatch(/postings/);
      expect((e.details.problems as { code: string }[]).map((p) => p.code)).toEqual(['LEDGER_TOO_FEW_POSTINGS', 'LEDGER_ZERO_AMOUNT']);
    }
    expect(() => assertJournalEntry(entry([{ accountCode: 'a', amountFen: 1n }, { accountCode: 'b', amountFen: -1n }]))).not.toThrow();
  });

  it('splits into debits and credits', () => {
    expect(sides([{ amountFen: 7n }, { amountFen: -3n }, { amountFen: -4n }])).toEqual({ debits: 7n, credits: 7n });
  });
});

describe('an account', () => {
  const lotId = '11111111-1111-4111-8111-111111111111';
  const supplierEntityId = '22222222-2222-4222-8222-222222222222';

  it('has a code that follows from what it is for', () => {
    expect(accountCode({ kind: 'bidDeposit', regionCode: '310104', lotId, supplierEntityId })).toBe(`bidDeposit:${lotId}:${supplierEntityId}`);
    expect(accountCode({ kind: 'treasury', regionCode: '310000' })).toBe('treasury:310000');
    expect(accountCode({ kind: 'platformClearing', regionCode: '370000' })).toBe('platformClearing:370000');
  });

  it('is refused without a region code or with ids that are not UUIDs', () => {
    expect(() => assertAccountSpec({ kind: 'treasury', regionCode: '31' })).toThrow(/region code/);
    expect(() => assertAccountSpec({ kind: 'bidDeposit', regionCode: '310104', lotId: 'lot-1', supplierEntityId })).toThrow(/lotId must be a UUID/);
    expect(() => assertAccountSpec({ kind: 'cash' as never, regionCode: '310104' })).toThrow(/未知的账户类型/);
    expect(() => assertAccountSpec({ kind: 'bidDeposit', regionCode: '310104', lotId, supplierEntityId })).not.toThrow();
  });
});
