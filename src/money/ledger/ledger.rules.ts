import { bilingual, DomainError, type Bilingual } from '../../platform/errors';
import { formatFen } from '../../platform/money';

/**
 * The ledger's rules (pure): double entry in integer fen. Every amount is a JavaScript bigint, so
 * sums stay exact beyond 2^53; a number, even a whole one, is refused rather than trusted.
 * Sign convention: a positive amount is a debit, a negative one a credit.
 */

/** What an account is for (GLOSSARY: money). */
export const ACCOUNT_KINDS = [
  /** 投标保证金虚拟子账户: one per bidder and lot; what the platform holds for that bidder. */
  'bidDeposit',
  /** What the purchaser owes the supplier under a contract, until the treasury pays it. */
  'supplierPayable',
  /** 国库: the treasury of a region, which pays suppliers and receives forfeited deposits. */
  'treasury',
  /** The platform's clearing account at its bank: where transfers arrive and leave from. */
  'platformClearing',
  /** 服务费 / 逾期资金占用费: fees an entity owes or is owed (the overdue fee of GP-25). */
  'fee',
  /** 竞买保证金: one per bidder and listing (挂牌、拍卖); what the platform holds for that bidder. */
  'listingDeposit',
  /** 成交价款: what the platform holds for a listing's transferor, the winner's deposit first (LA-11). */
  'transferProceeds',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** The business events the ledger records; a correction names the entry it corrects. */
export const JOURNAL_ENTRY_KINDS = ['depositReceived', 'depositRefunded', 'depositForfeited', 'depositApplied', 'overdueFee', 'supplierPayment', 'correction'] as const;
export type JournalEntryKind = (typeof JOURNAL_ENTRY_KINDS)[number];

/** What an account is for; its code follows from it, so opening an account twice finds the same one. */
export type AccountSpec =
  | { kind: 'bidDeposit'; regionCode: string; lotId: string; supplierEntityId: string }
  | { kind: 'supplierPayable'; regionCode: string; contractId: string; supplierEntityId: string }
  | { kind: 'treasury' | 'platformClearing'; regionCode: string }
  | { kind: 'fee'; regionCode: string; entityId: string }
  /** The bidder's registration and entity: the code names the registration, not who it is (sealed until the result). */
  | { kind: 'listingDeposit'; regionCode: string; listingId: string; bidderId: string; entityId: string }
  /** entityId: the transferor. */
  | { kind: 'transferProceeds'; regionCode: string; listingId: string; entityId: string };

export function accountCode(spec: AccountSpec): string {
  switch (spec.kind) {
    case 'bidDeposit':
      return `bidDeposit:${spec.lotId}:${spec.supplierEntityId}`;
    case 'supplierPayable':
      return `supplierPayable:${spec.contractId}`;
    case 'treasury':
    case 'platformClearing':
      return `${spec.kind}:${spec.regionCode}`;
    case 'fee':
      return `fee:${spec.regionCode}:${spec.entityId}`;
    case 'listingDeposit':
      return `listingDeposit:${spec.listingId}:${spec.bidderId}`;
    case 'transferProceeds':
      return `transferProceeds:${spec.listingId}`;
  }
}

export interface PostingDraft {
  accountCode: string;
  /** Fen; positive debits, negative credits. */
  amountFen: bigint;
}

export interface JournalEntryDraft {
  kind: JournalEntryKind;
  idempotencyKey: string;
  /** The entry a correction corrects. */
  corrects?: string | null;
  memo?: string | null;
  postings: PostingDraft[];
}

/** The largest amount a posting holds: PostgreSQL's bigint (its negation too, so the smallest is refused). */
export const INT8_MAX = 9_223_372_036_854_775_807n;
export const MAX_POSTINGS = 1000;
export const MAX_IDEMPOTENCY_KEY = 200;
export const MAX_MEMO = 500;

export interface LedgerProblem {
  code: string;
  field: string;
  messages: Bilingual;
}

/** Everything wrong with a journal entry before it is written; none means it may be posted. */
export function journalEntryProblems(draft: JournalEntryDraft): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const problem = (code: string, field: string, zh: string, en: string) => problems.push({ code, field, messages: bilingual(zh, en) });

  if (!(JOURNAL_ENTRY_KINDS as readonly string[]).includes(draft.kind))
    problem('LEDGER_KIND_UNKNOWN', 'kind', `未知的记账业务类型：${String(draft.kind)}`, `Unknown kind of journal entry: ${String(draft.kind)}`);
  if (draft.kind === 'correction' && !draft.corrects)
    problem('LEDGER_CORRECTION_UNREFERENCED', 'corrects', '更正分录应注明所更正的分录', 'A correction names the journal entry it corrects');
  if (draft.kind !== 'correction' && draft.corrects)
    problem('LEDGER_CORRECTION_UNREFERENCED', 'kind', '引用被更正分录的，业务类型应为“更正”', 'Only a correction names an entry it corrects');
  const key = typeof draft.idempotencyKey === 'string' ? draft.idempotencyKey.trim() : '';
  if (!key || draft.idempotencyKey.length > MAX_IDEMPOTENCY_KEY)
    problem('LEDGER_IDEMPOTENCY_KEY', 'idempotencyKey', `应提供业务唯一标识（幂等键，1至${MAX_IDEMPOTENCY_KEY}个字符）`, `A journal entry needs its idempotency key (1 to ${MAX_IDEMPOTENCY_KEY} characters)`);
  if (draft.memo != null && draft.memo.length > MAX_MEMO) problem('LEDGER_MEMO_TOO_LONG', 'memo', `摘要不得超过${MAX_MEMO}个字符`, `The memo has at most ${MAX_MEMO} characters`);

  const postings = Array.isArray(draft.postings) ? draft.postings : [];
  if (postings.length < 2)
    problem('LEDGER_TOO_FEW_POSTINGS', 'postings', `一笔分录至少应有借、贷两条记账（现有${postings.length}条）`, `A journal entry needs at least two postings, a debit and a credit (it has ${postings.length})`);
  if (postings.length > MAX_POSTINGS) problem('LEDGER_TOO_MANY_POSTINGS', 'postings', `一笔分录最多${MAX_POSTINGS}条记账`, `A journal entry has at most ${MAX_POSTINGS} postings`);

  let allAmountsValid = true;
  const seen = new Set<string>();
  postings.forEach((p, i) => {
    const field = `postings.${i}`;
    if (typeof p.accountCode !== 'string' || !p.accountCode) problem('LEDGER_ACCOUNT_MISSING', `${field}.accountCode`, `第${i + 1}条记账未指定账户`, `Posting ${i + 1} names no account`);
    else if (seen.has(p.accountCode))
      problem('LEDGER_ACCOUNT_REPEATED', `${field}.accountCode`, `账户 ${p.accountCode} 在同一分录中出现多次，请合并为一条记账`, `Account ${p.accountCode} appears more than once in the entry; post it once`);
    else seen.add(p.accountCode);

    if (typeof p.amountFen !== 'bigint') {
      allAmountsValid = false;
      problem('LEDGER_AMOUNT_NOT_INTEGER', `${field}.amountFen`, `第${i + 1}条记账的金额应为以分为单位的整数（bigint）`, `Posting ${i + 1}: the amount must be a whole number of fen (a bigint)`);
    } else if (p.amountFen === 0n) {
      allAmountsValid = false;
      problem('LEDGER_ZERO_AMOUNT', `${field}.amountFen`, `第${i + 1}条记账的金额为零`, `Posting ${i + 1} moves no money (its amount is zero)`);
    } else if (p.amountFen > INT8_MAX || p.amountFen < -INT8_MAX) {
      allAmountsValid = false;
      problem('LEDGER_AMOUNT_OUT_OF_RANGE', `${field}.amountFen`, `第${i + 1}条记账的金额超出可记录的范围`, `Posting ${i + 1}: the amount is beyond what the ledger can hold`);
    }
  });

  // Only amounts that are all valid bigints have a meaningful sum.
  if (allAmountsValid && postings.length > 0) {
    const { debits, credits } = sides(postings);
    if (debits !== credits)
      problem(
        'LEDGER_UNBALANCED',
        'postings',
        `借贷不平：借方合计${formatFen(debits)}元，贷方合计${formatFen(credits)}元，相差${formatFen(debits - credits)}元`,
        `The entry does not balance: debits ${formatFen(debits)} yuan, credits ${formatFen(credits)} yuan, off by ${formatFen(debits - credits)} yuan`,
      );
  }
  return problems;
}

/** Debits and credits of postings, both as positive sums. */
export function sides(postings: { amountFen: bigint }[]): { debits: bigint; credits: bigint } {
  let debits = 0n;
  let credits = 0n;
  for (const p of postings) {
    if (p.amountFen > 0n) debits += p.amountFen;
    else credits -= p.amountFen;
  }
  return { debits, credits };
}

/** Refuses a journal entry that may not be posted, with the first problem (422) and all of them in the details. */
export function assertJournalEntry(draft: JournalEntryDraft): void {
  const problems = journalEntryProblems(draft);
  const [first] = problems;
  if (first) throw new DomainError(first.code, first.messages, 422, { field: first.field, problems: problems.map((p) => ({ code: p.code, field: p.field, messages: p.messages })) });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses an account that could not be told apart from another: a known kind, a region code, the ids it is for. */
export function assertAccountSpec(spec: AccountSpec): void {
  const refuse = (field: string, zh: string, en: string) => {
    throw new DomainError('LEDGER_ACCOUNT_INVALID', bilingual(zh, en), 422, { field });
  };
  if (!(ACCOUNT_KINDS as readonly string[]).includes(spec.kind)) refuse('kind', `未知的账户类型：${String(spec.kind)}`, `Unknown kind of account: ${String(spec.kind)}`);
  if (!/^\d{6}$/.test(spec.regionCode)) refuse('regionCode', '行政区划代码应为6位数字', 'The region code has six digits');
  const ids: [string, unknown][] =
    spec.kind === 'bidDeposit'
      ? [['lotId', spec.lotId], ['supplierEntityId', spec.supplierEntityId]]
      : spec.kind === 'supplierPayable'
        ? [['contractId', spec.contractId], ['supplierEntityId', spec.supplierEntityId]]
        : spec.kind === 'fee'
          ? [['entityId', spec.entityId]]
          : spec.kind === 'listingDeposit'
            ? [['listingId', spec.listingId], ['bidderId', spec.bidderId], ['entityId', spec.entityId]]
            : spec.kind === 'transferProceeds'
              ? [['listingId', spec.listingId], ['entityId', spec.entityId]]
              : [];
  for (const [field, id] of ids) if (typeof id !== 'string' || !UUID.test(id)) refuse(field, `${field} 应为UUID`, `${field} must be a UUID`);
}
