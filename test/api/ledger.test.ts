import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBalance, findAccount, findJournalEntry, openLedgerAccount, postJournalEntry, type PostJournalEntryInput } from '../../src/money';
import { verifyLedgerCommand } from '../../src/money/ledger/ledger-verify';
import { systemContext, type Context } from '../../src/platform/context';
import { openDatabase, queryRows } from '../../src/platform/database/database';
import { DomainError } from '../../src/platform/errors';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The ledger against a real, migrated database: PGlite by default, PostgreSQL with DATABASE_URL.
 * Works as the application's role, as the platform does; tampering goes through execAsOwner.
 */
let t: TestPlatform;
let ctx: Context;
const REGION = '310104';
const lotId = randomUUID();
const [supplier1, supplier2] = [randomUUID(), randomUUID()];
const contractId = randomUUID();
const account = {
  clearing: `platformClearing:${REGION}`,
  treasury: `treasury:${REGION}`,
  deposit1: `bidDeposit:${lotId}:${supplier1}`,
  deposit2: `bidDeposit:${lotId}:${supplier2}`,
  payable: `supplierPayable:${contractId}`,
};

beforeAll(async () => {
  t = await startTestPlatform();
  ctx = systemContext(t.platform);
  await openLedgerAccount(ctx, { kind: 'platformClearing', regionCode: REGION });
  await openLedgerAccount(ctx, { kind: 'treasury', regionCode: REGION });
  await openLedgerAccount(ctx, { kind: 'bidDeposit', regionCode: REGION, lotId, supplierEntityId: supplier1 });
  await openLedgerAccount(ctx, { kind: 'bidDeposit', regionCode: REGION, lotId, supplierEntityId: supplier2 });
  await openLedgerAccount(ctx, { kind: 'supplierPayable', regionCode: REGION, contractId, supplierEntityId: supplier1 });
});
afterAll(() => t?.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.platform.database.db, query);
const balance = (code: string) => accountBalance(t.platform.database.db, code);
const accountId = async (code: string) => (await findAccount(t.platform.database.db, code))!.id;
async function counts() {
  const [c] = await rows<{ entries: number; postings: number; audit: number }>(
    sql`SELECT (SELECT count(*)::int FROM journal_entry) AS entries, (SELECT count(*)::int FROM ledger_posting) AS postings, (SELECT count(*)::int FROM audit_entry) AS audit`,
  );
  return c!;
}

/** A bank's notice of a deposit paid into a bidder's sub-account: the platform's clearing account receives it. */
const depositReceived = (reference: string, to: string, fen: bigint): PostJournalEntryInput => ({
  kind: 'depositReceived',
  idempotencyKey: `bank:ICBC:${reference}`,
  regionCode: REGION,
  memo: '投标保证金到账 / Bid deposit received',
  postings: [
    { accountCode: account.clearing, amountFen: fen },
    { accountCode: to, amountFen: -fen },
  ],
});

/** The messages of a failure and its causes (Drizzle wraps the database's error in its own). */
async function failure(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a failure').toBeDefined();
  const messages: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) messages.push(String(e.message));
  return messages.join(' <- ');
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('the ledger', () => {
  it('posts a deposit received as two postings, derives the balances from them, and records it in the audit trail', async () => {
    const posted = await postJournalEntry(ctx, depositReceived('20260302-0001', account.deposit1, 50_000n));
    expect(posted).toMatchObject({ kind: 'depositReceived', replayed: false, postingCount: 2, regionCode: REGION });
    expect(posted.postings.map((p) => [p.accountCode, p.amountFen])).toEqual([
      [account.clearing, 50_000n],
      [account.deposit1, -50_000n],
    ]);
    expect(await balance(account.clearing)).toBe(50_000n);
    expect(await balance(account.deposit1)).toBe(-50_000n);
    expect(await balance(account.treasury)).toBe(0n);
    const [audit] = await rows<{ action: string; region_code: string; after: { postings: { accountCode: string; amountFen: string }[] } }>(
      sql`SELECT action, region_code, after FROM audit_entry WHERE subject_type = 'journalEntry' AND subject_id = ${posted.id}`,
    );
    expect(audit).toMatchObject({ action: 'ledger.post', region_code: REGION });
    expect(audit!.after.postings).toEqual([expect.objectContaining({ accountCode: account.clearing, amountFen: '50000' }), expect.objectContaining({ accountCode: account.deposit1, amountFen: '-50000' })]);
  });

  it('refuses an unbalanced entry with a bilingual 422 and changes nothing', async () => {
    const before = await counts();
    const offByOne = depositReceived('20260302-0002', account.deposit1, 50_000n);
    offByOne.postings[1]!.amountFen = -49_999n;
    const unbalanced = await refusal(postJournalEntry(ctx, offByOne));
    expect(unbalanced).toMatchObject({ code: 'LEDGER_UNBALANCED', status: 422 });
    expect(unbalanced.messages['zh-CN']).toContain('借贷不平');
    expect(unbalanced.messages['en-US']).toContain('does not balance');

    const single = await refusal(postJournalEntry(ctx, { ...depositReceived('20260302-0003', account.deposit1, 1n), postings: [{ accountCode: account.clearing, amountFen: 1n }] }));
    expect(single.code).toBe('LEDGER_TOO_FEW_POSTINGS');
    const unopened = await refusal(postJournalEntry(ctx, depositReceived('20260302-0004', `bidDeposit:${lotId}:${randomUUID()}`, 1n)));
    expect(unopened).toMatchObject({ code: 'LEDGER_ACCOUNT_UNKNOWN', details: { field: 'postings.1.accountCode' } });
    const correctsNothing = await refusal(
      postJournalEntry(ctx, { ...depositReceived('20260302-0005', account.deposit1, 1n), kind: 'correction', corrects: randomUUID() }),
    );
    expect(correctsNothing.code).toBe('LEDGER_CORRECTED_ENTRY_UNKNOWN');
    expect(await counts()).toEqual(before);
    expect(await balance(account.clearing)).toBe(50_000n);
  });

  it('is balanced by the database too: an entry written past the domain rules is refused at commit, and nothing of it stays', async () => {
    const before = await counts();
    const clearing = await accountId(account.clearing);
    const deposit = await accountId(account.deposit1);
    const treasury = await accountId(account.treasury);
    // Written as the application's role, statement by statement, as a buggy use case would.
    const write = (postingCount: number, postings: [string, bigint][], id = randomUUID()) =>
      t.platform.database.db.transaction(async (tx) => {
        await tx.execute(
          sql`INSERT INTO journal_entry (id, kind, idempotency_key, request_hash, posting_count, region_code, posted_at) VALUES (${id}, 'depositReceived', ${`raw:${randomUUID()}`}, 'x', ${postingCount}, ${REGION}, now())`,
        );
        for (const [accountId, fen] of postings) await tx.execute(sql`INSERT INTO ledger_posting (journal_entry_id, account_id, amount_fen) VALUES (${id}, ${accountId}, ${fen.toString()}::bigint)`);
      });
    expect(await failure(write(2, [[clearing, 100n], [deposit, -99n]]))).toMatch(/does not balance/);
    expect(await failure(write(2, [[clearing, 100n]]))).toMatch(/does not balance/);
    expect(await failure(write(2, []))).toMatch(/does not balance/);
    expect(await failure(write(1, [[clearing, 100n]]))).toMatch(/journal_entry_posting_count|check constraint/);
    expect(await failure(write(2, [[clearing, 0n], [deposit, 0n]]))).toMatch(/ledger_posting_amount_nonzero|check constraint/);
    expect(await counts()).toEqual(before);

    // A balanced entry commits; a balanced pair added to it later does not.
    const [feeA, feeB] = await Promise.all([1, 2].map(() => openLedgerAccount(ctx, { kind: 'fee', regionCode: REGION, entityId: randomUUID() })));
    const id = randomUUID();
    await write(2, [[feeA!.id, 7n], [feeB!.id, -7n]], id);
    expect(await balance(feeA!.code)).toBe(7n);
    expect(
      await failure(
        t.platform.database.db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO ledger_posting (journal_entry_id, account_id, amount_fen) VALUES (${id}, ${treasury}, 5)`);
          await tx.execute(sql`INSERT INTO ledger_posting (journal_entry_id, account_id, amount_fen) VALUES (${id}, ${clearing}, -5)`);
        }),
      ),
    ).toMatch(/does not balance/);
    expect(await balance(feeA!.code)).toBe(7n);
    expect(await balance(account.treasury)).toBe(0n);
    expect((await counts()).entries).toBe(before.entries + 1);
  });

  it('cannot be changed or deleted by the application, nor by the owner short of disabling triggers', async () => {
    const db = t.platform.database.db;
    for (const table of ['ledger_posting', 'journal_entry', 'ledger_account']) {
      expect(await failure(db.execute(sql.raw(`UPDATE ${table} SET ${table === 'ledger_posting' ? 'amount_fen = amount_fen * 2' : 'region_code = region_code'}`)))).toMatch(/permission denied/);
      expect(await failure(db.execute(sql.raw(`DELETE FROM ${table}`)))).toMatch(/permission denied/);
      expect(await failure(db.execute(sql.raw(`TRUNCATE ${table} CASCADE`)))).toMatch(/permission denied/);
      expect(await failure(t.platform.database.execAsOwner(`UPDATE ${table} SET ${table === 'ledger_posting' ? 'amount_fen = amount_fen * 2' : 'region_code = region_code'}`))).toMatch(/append-only/);
      expect(await failure(t.platform.database.execAsOwner(`DELETE FROM ${table}`))).toMatch(/append-only/);
      expect(await failure(t.platform.database.execAsOwner(`TRUNCATE ${table} CASCADE`))).toMatch(/append-only/);
    }
    expect(await balance(account.clearing)).toBe(50_000n);
  });

  it('makes one entry of 50 identical posts at once, and refuses the same key with a different entry', async () => {
    const before = await counts();
    const notice = depositReceived('20260302-0100', account.deposit2, 80_000n);
    const answers = await Promise.all(Array.from({ length: 50 }, () => postJournalEntry(ctx, structuredClone(notice))));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    const after = await counts();
    expect(after.entries - before.entries).toBe(1);
    expect(after.postings - before.postings).toBe(2);
    expect(after.audit - before.audit).toBe(1);
    expect(await balance(account.deposit2)).toBe(-80_000n);

    const different = depositReceived('20260302-0100', account.deposit2, 80_001n);
    const reused = await refusal(postJournalEntry(ctx, different));
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 409, details: { journalEntryId: answers[0]!.id } });
    expect(await counts()).toEqual(after);
  });

  it('opens an account once, however many open it at once', async () => {
    const spec = { kind: 'fee', regionCode: REGION, entityId: randomUUID() } as const;
    const opened = await Promise.all(Array.from({ length: 20 }, () => openLedgerAccount(ctx, spec)));
    expect(new Set(opened.map((a) => a.id)).size).toBe(1);
    expect(await rows(sql`SELECT 1 FROM ledger_account WHERE code = ${opened[0]!.code}`)).toHaveLength(1);
  });

  it('corrects an entry with a new one that references it; both stay', async () => {
    // The bank's notice was booked to the wrong bidder's sub-account.
    const wrong = await postJournalEntry(ctx, depositReceived('20260302-0200', account.deposit2, 30_000n));
    const correction = await postJournalEntry(ctx, {
      kind: 'correction',
      corrects: wrong.id,
      idempotencyKey: `correction:${wrong.id}`,
      regionCode: REGION,
      memo: '误记入他人子账户，更正 / Booked to the wrong sub-account',
      postings: [
        { accountCode: account.deposit2, amountFen: 30_000n },
        { accountCode: account.deposit1, amountFen: -30_000n },
      ],
    });
    expect(correction.corrects).toBe(wrong.id);
    expect((await findJournalEntry(t.platform.database.db, wrong.id))!.postings).toHaveLength(2);
    expect(await balance(account.deposit1)).toBe(-80_000n);
    expect(await balance(account.deposit2)).toBe(-80_000n);
  });

  it('keeps amounts beyond 2^53 fen exact, in the postings and the balances', async () => {
    const huge = 2n ** 53n + 1n;
    const posted = await postJournalEntry(ctx, {
      kind: 'supplierPayment',
      idempotencyKey: 'treasury:voucher:2026-000001',
      regionCode: REGION,
      postings: [
        { accountCode: account.payable, amountFen: huge },
        { accountCode: account.treasury, amountFen: -huge },
      ],
    });
    expect((await findJournalEntry(t.platform.database.db, posted.id))!.postings.map((p) => p.amountFen)).toEqual([huge, -huge]);
    expect(await balance(account.payable)).toBe(9_007_199_254_740_993n);
    expect(await balance(account.treasury)).toBe(-9_007_199_254_740_993n);
  });
});

describe('npm run ledger:verify', () => {
  const verify = async () => {
    const lines: string[] = [];
    const code = await verifyLedgerCommand(t.platform.database, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };
  const entryNo = async (key: string) => Number((await rows<{ n: string }>(sql`SELECT entry_no::text AS n FROM journal_entry WHERE idempotency_key = ${key}`))[0]!.n);

  /** The command itself, in its own process, on this test's database (a copy of it, for PGlite). */
  async function runCli() {
    const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DATA: '0' };
    let dataDir: string | undefined;
    if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
    else {
      // PGlite runs in memory here: write its data directory to disk for the command to open.
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-ledger-verify-'));
      const copy = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite'), pgliteTemplate: await t.platform.database.dumpDataDir!(), appRole: t.platform.config.appRole });
      await copy.close();
      delete env.DATABASE_URL;
    }
    env.DATA_DIR = dataDir ?? t.dataDir;
    try {
      const result = await promisify(execFile)('npx', ['tsx', 'src/money/ledger/verify-cli.ts'], { cwd: path.resolve(import.meta.dirname, '../..'), env }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
      return result;
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('reports an intact ledger that sums to zero, exit code 0', async () => {
    const { code, output } = await verify();
    expect(code).toBe(0);
    expect(output).toContain('INTACT');
    expect(output).toContain('sums to 0 fen');
    const cli = await runCli();
    expect(cli.stdout).toContain('INTACT');
    expect(cli.code).toBe(0);
  });

  it('names the first journal entry broken behind the platform’s back, and the posting that breaks it, exit code 1', async () => {
    const db = t.platform.database;
    // A posting slipped into a later entry with triggers off (its foreign keys and balance check are triggers too).
    const later = await entryNo('treasury:voucher:2026-000001');
    const [{ id: laterId }] = (await rows<{ id: string }>(sql`SELECT id FROM journal_entry WHERE entry_no = ${later}`)) as [{ id: string }];
    const clearing = await accountId(account.clearing);
    await db.execAsOwner(
      `SET session_replication_role = replica; INSERT INTO ledger_posting (journal_entry_id, account_id, amount_fen) VALUES ('${laterId}', '${clearing}', 1); SET session_replication_role = origin`,
    );
    const [{ n: slipped }] = (await rows<{ n: string }>(sql`SELECT max(posting_no)::text AS n FROM ledger_posting`)) as [{ n: string }];
    let run = await verify();
    expect(run.code).toBe(1);
    expect(run.output).toContain(`BROKEN at journal entry #${later} (${laterId}, supplierPayment): 记账条数不符`);
    expect(run.output).toContain(`it was written with 2 postings and now has 3; first posting breaking it: #${slipped}`);
    expect(run.output).toContain('The whole ledger sums to 0.01 yuan, not 0');

    // Then an earlier one rewritten: the deposit of the first test, one fen less.
    const earlier = await entryNo('bank:ICBC:20260302-0001');
    await db.execAsOwner(
      `SET session_replication_role = replica; UPDATE ledger_posting SET amount_fen = amount_fen - 1 WHERE amount_fen > 0 AND journal_entry_id = (SELECT id FROM journal_entry WHERE entry_no = ${earlier}); SET session_replication_role = origin`,
    );
    run = await verify();
    expect(run.code).toBe(1);
    expect(run.output).toMatch(new RegExp(`BROKEN at journal entry #${earlier} \\([0-9a-f-]+, depositReceived\\): 借贷不平，合计-0.01元 / its postings sum to -0.01 yuan, not 0`));
    expect(run.output).toContain('posting #');
    expect(run.output).toContain(`2 journal entries are broken in all; entries before #${earlier} are intact`);

    const cli = await runCli();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`BROKEN at journal entry #${earlier}`);
  });

  it('names a posting that belongs to no journal entry', async () => {
    const clearing = await accountId(account.clearing);
    await t.platform.database.execAsOwner(
      `SET session_replication_role = replica; INSERT INTO ledger_posting (journal_entry_id, account_id, amount_fen) VALUES ('${randomUUID()}', '${clearing}', 3); SET session_replication_role = origin`,
    );
    const [{ n: orphan }] = (await rows<{ n: string }>(sql`SELECT max(posting_no)::text AS n FROM ledger_posting`)) as [{ n: string }];
    const { code, output } = await verify();
    expect(code).toBe(1);
    expect(output).toContain(`BROKEN at posting #${orphan}: 所属分录不存在 / it belongs to no journal entry`);
  });
});
