import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import type { AuditRecorder } from '../../platform/unit-of-work';
import { accountCode, type AccountSpec } from '../ledger/ledger.rules';
import { accountBalance } from '../ledger/ledger.store';
import { ensureAccount } from '../ledger/open-account';
import { insertJournalEntry } from '../ledger/post-journal-entry';

/**
 * 竞买保证金 of listings and auctions (docs/LISTINGS.md, LA-06, LA-11) on the ledger: each bidder's
 * own account per listing, credited when its deposit arrives at the platform's clearing account;
 * at the result the winner's balance moves to the transferor's proceeds (it counts towards the
 * price) and every other balance goes back through the clearing account. Each runs inside the
 * listing's own transaction, so a listing's status and its money never disagree; each entry's
 * idempotency key is the bidder's, so a rerun job cannot post twice.
 */
export interface ListingDepositParty {
  listingId: string;
  regionCode: string;
  /** The listing bidder (its row), which keys the journal entries. */
  bidderId: string;
  bidderEntityId: string;
}

const depositAccount = (p: ListingDepositParty) => ({ kind: 'listingDeposit' as const, regionCode: p.regionCode, listingId: p.listingId, bidderId: p.bidderId, entityId: p.bidderEntityId });

/**
 * Money for a bidder's deposit arrived (a registered bank's notice, or the operator recording the bank's
 * receipt): clearing debited, the bidder's deposit account credited. `idempotencyKey` names the event:
 * the bank's reference for a notice, the bidder for the operator's one recording.
 */
export async function receiveListingDeposit(tx: Db, audit: AuditRecorder, ctx: Context, p: ListingDepositParty & { amountFen: number; reference: string; idempotencyKey: string }) {
  const clearing = await ensureAccount(tx, audit, ctx, { kind: 'platformClearing', regionCode: p.regionCode });
  const deposit = await ensureAccount(tx, audit, ctx, depositAccount(p));
  const amount = BigInt(p.amountFen);
  return insertJournalEntry(tx, audit, ctx, {
    kind: 'depositReceived',
    idempotencyKey: p.idempotencyKey,
    regionCode: p.regionCode,
    memo: `竞买保证金到账（银行流水 ${p.reference}）/ Bidding deposit received (bank reference ${p.reference})`,
    postings: [
      { accountCode: clearing, amountFen: amount },
      { accountCode: deposit, amountFen: -amount },
    ],
  });
}

/** What the bidder's deposit account holds now, in fen (credits are negative on the ledger). */
export async function listingDepositHeld(db: Db, p: ListingDepositParty): Promise<bigint> {
  return -(await accountBalance(db, accountCode(depositAccount(p))));
}

/** Moves the bidder's whole balance, if any, to another account in one journal entry. */
async function releaseHeld(tx: Db, audit: AuditRecorder, ctx: Context, p: ListingDepositParty, entry: { kind: 'depositApplied' | 'depositRefunded'; idempotencyKey: string; memo: string; to: AccountSpec }) {
  const held = await listingDepositHeld(tx, p);
  if (held <= 0n) return null;
  const to = await ensureAccount(tx, audit, ctx, entry.to);
  return insertJournalEntry(tx, audit, ctx, {
    kind: entry.kind,
    idempotencyKey: entry.idempotencyKey,
    regionCode: p.regionCode,
    memo: entry.memo,
    postings: [
      { accountCode: accountCode(depositAccount(p)), amountFen: held },
      { accountCode: to, amountFen: -held },
    ],
  });
}

/** LA-11: the winner's deposit counts towards the price: its balance moves to the transferor's proceeds. */
export const applyListingDeposit = (tx: Db, audit: AuditRecorder, ctx: Context, p: ListingDepositParty & { transferorEntityId: string }) =>
  releaseHeld(tx, audit, ctx, p, {
    kind: 'depositApplied',
    idempotencyKey: `listing-deposit-applied:${p.bidderId}`,
    memo: '竞买保证金转作成交价款 / The winner’s deposit counted towards the price',
    to: { kind: 'transferProceeds', regionCode: p.regionCode, listingId: p.listingId, entityId: p.transferorEntityId },
  });

/** LA-11: a losing (or unqualified) bidder's deposit goes back: its whole balance out through the clearing account. */
export const refundListingDeposit = (tx: Db, audit: AuditRecorder, ctx: Context, p: ListingDepositParty) =>
  releaseHeld(tx, audit, ctx, p, {
    kind: 'depositRefunded',
    idempotencyKey: `listing-deposit-refund:${p.bidderId}`,
    memo: '竞买保证金退还 / Bidding deposit refunded',
    to: { kind: 'platformClearing', regionCode: p.regionCode },
  });
