import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/database/database';
import { formatFen } from '../../platform/money';

/**
 * What `npm run ledger:verify` checks, as a function the tests call. The database refuses an
 * unbalanced entry at commit and any change to a posting; this finds what got past it anyway (a
 * superuser with triggers disabled), reading the ledger as stored, in one snapshot.
 */
export type EntryBreakReason = 'unbalanced' | 'postingCount' | 'tooFewPostings' | 'zeroAmount' | 'correctsMissing';
export type PostingBreakReason = 'noEntry' | 'noAccount';

export interface EntryBreak {
  entryNo: number;
  id: string;
  kind: string;
  reason: EntryBreakReason;
  /** How many postings the entry was written with, and how many it has now. */
  postingCount: number;
  found: number;
  sumFen: bigint;
  /** The posting that breaks it, where one can be told: the first beyond the entry's count, or a zero. */
  postingNo: number | null;
  postings: { postingNo: number; accountId: string; amountFen: bigint }[];
}

export interface PostingBreak {
  postingNo: number;
  reason: PostingBreakReason;
}

export interface LedgerVerification {
  ok: boolean;
  entries: number;
  postings: number;
  /** The whole ledger's sum: zero when intact. */
  totalFen: bigint;
  /** The first broken entry (by entry number) and how many are broken. */
  entryBreak: EntryBreak | null;
  brokenEntries: number;
  /** The first posting that belongs to no entry or no account, and how many do not. */
  postingBreak: PostingBreak | null;
  brokenPostings: number;
}

export async function verifyLedger(db: Db): Promise<LedgerVerification> {
  // One snapshot for every query: posts committing meanwhile are either wholly in it or not at all.
  return db.transaction(
    async (tx) => {
      const [totals] = await queryRows<{ entries: string; postings: string; total: string }>(
        tx,
        sql`SELECT (SELECT count(*) FROM journal_entry)::text AS entries, count(*)::text AS postings, coalesce(sum(amount_fen), 0)::text AS total FROM ledger_posting`,
      );
      // Per entry: its postings' count and sum against what it was written with.
      const [broken] = await queryRows<{ entry_no: string; id: string; kind: string; posting_count: number; found: number; sum_fen: string; has_zero: boolean; corrects_missing: boolean; broken: string }>(
        tx,
        sql`SELECT e.entry_no::text, e.id, e.kind, e.posting_count, count(p.posting_no)::int AS found,
                   coalesce(sum(p.amount_fen), 0)::text AS sum_fen, coalesce(bool_or(p.amount_fen = 0), false) AS has_zero,
                   (e.corrects IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entry c WHERE c.id = e.corrects)) AS corrects_missing,
                   count(*) OVER ()::text AS broken
            FROM journal_entry e LEFT JOIN ledger_posting p ON p.journal_entry_id = e.id
            GROUP BY e.entry_no, e.id, e.kind, e.posting_count, e.corrects
            HAVING count(p.posting_no) <> e.posting_count OR count(p.posting_no) < 2 OR coalesce(sum(p.amount_fen), 0) <> 0
                OR coalesce(bool_or(p.amount_fen = 0), false)
                OR (e.corrects IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entry c WHERE c.id = e.corrects))
            ORDER BY e.entry_no LIMIT 1`,
      );
      let entryBreak: EntryBreak | null = null;
      if (broken) {
        const postings = (
          await queryRows<{ posting_no: string; account_id: string; amount_fen: string }>(
            tx,
            sql`SELECT posting_no::text, account_id, amount_fen::text FROM ledger_posting WHERE journal_entry_id = ${broken.id} ORDER BY posting_no`,
          )
        ).map((p) => ({ postingNo: Number(p.posting_no), accountId: p.account_id, amountFen: BigInt(p.amount_fen) }));
        const sumFen = BigInt(broken.sum_fen);
        const reason: EntryBreakReason =
          broken.found !== broken.posting_count ? 'postingCount' : broken.found < 2 ? 'tooFewPostings' : broken.has_zero ? 'zeroAmount' : sumFen !== 0n ? 'unbalanced' : 'correctsMissing';
        const postingNo =
          reason === 'postingCount' && broken.found > broken.posting_count
            ? postings[broken.posting_count]!.postingNo
            : reason === 'zeroAmount'
              ? postings.find((p) => p.amountFen === 0n)!.postingNo
              : null;
        entryBreak = { entryNo: Number(broken.entry_no), id: broken.id, kind: broken.kind, reason, postingCount: broken.posting_count, found: broken.found, sumFen, postingNo, postings };
      }
      // Postings the foreign keys should have kept out (they are triggers too, and can be disabled the same way).
      const [orphan] = await queryRows<{ posting_no: string; no_entry: boolean; broken: string }>(
        tx,
        sql`SELECT p.posting_no::text, (e.id IS NULL) AS no_entry, count(*) OVER ()::text AS broken
            FROM ledger_posting p LEFT JOIN journal_entry e ON e.id = p.journal_entry_id LEFT JOIN ledger_account a ON a.id = p.account_id
            WHERE e.id IS NULL OR a.id IS NULL
            ORDER BY p.posting_no LIMIT 1`,
      );
      const totalFen = BigInt(totals!.total);
      return {
        ok: !broken && !orphan && totalFen === 0n,
        entries: Number(totals!.entries),
        postings: Number(totals!.postings),
        totalFen,
        entryBreak,
        brokenEntries: broken ? Number(broken.broken) : 0,
        postingBreak: orphan ? { postingNo: Number(orphan.posting_no), reason: orphan.no_entry ? 'noEntry' : 'noAccount' } : null,
        brokenPostings: orphan ? Number(orphan.broken) : 0,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const ENTRY_REASONS: Record<EntryBreakReason, (b: EntryBreak) => string> = {
  unbalanced: (b) => `借贷不平，合计${formatFen(b.sumFen)}元 / its postings sum to ${formatFen(b.sumFen)} yuan, not 0`,
  postingCount: (b) => `记账条数不符：记账时${b.postingCount}条，现有${b.found}条 / it was written with ${b.postingCount} postings and now has ${b.found}`,
  tooFewPostings: (b) => `记账少于两条（${b.found}条）/ it has fewer than two postings (${b.found})`,
  zeroAmount: () => '含金额为零的记账 / a posting of it moves nothing (amount 0)',
  correctsMissing: () => '所更正的分录不存在 / the entry it corrects does not exist',
};
const POSTING_REASONS: Record<PostingBreakReason, string> = {
  noEntry: '所属分录不存在 / it belongs to no journal entry',
  noAccount: '所记账户不存在 / its account does not exist',
};

export type ExitCode = 0 | 1 | 2;

/** Prints the outcome: exit code 0 intact, 1 broken. */
export async function verifyLedgerCommand(database: { db: Db; kind: string }, print: (line: string) => void): Promise<ExitCode> {
  const started = performance.now();
  const v = await verifyLedger(database.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  print(`账本校验 / Verifying the ledger: ${v.entries} journal entries, ${v.postings} postings (${database.kind})`);
  if (v.ok) {
    print(`完好 / INTACT: every journal entry balances with the postings it was written with; the ledger sums to 0 fen (${seconds} s)`);
    return 0;
  }
  const b = v.entryBreak;
  if (b) {
    const posting = b.postingNo === null ? '' : `; first posting breaking it: #${b.postingNo}`;
    print(`不平 / BROKEN at journal entry #${b.entryNo} (${b.id}, ${b.kind}): ${ENTRY_REASONS[b.reason](b)}${posting}`);
    for (const p of b.postings) print(`  posting #${p.postingNo}  account ${p.accountId}  ${formatFen(p.amountFen)} yuan`);
    if (v.brokenEntries > 1) print(`  ${v.brokenEntries} journal entries are broken in all; entries before #${b.entryNo} are intact`);
  }
  if (v.postingBreak) {
    print(`不平 / BROKEN at posting #${v.postingBreak.postingNo}: ${POSTING_REASONS[v.postingBreak.reason]}`);
    if (v.brokenPostings > 1) print(`  ${v.brokenPostings} such postings in all`);
  }
  print(`账本合计 / The whole ledger sums to ${formatFen(v.totalFen)} yuan${v.totalFen === 0n ? '' : ', not 0'}`);
  return 1;
}
