// npm run bench:money [-- N] [--deposits N] [--payments N] [--clients 50] [--postings 1000000]
//   (DATABASE_URL=… to measure a PostgreSQL server; PGlite in a temporary directory otherwise)
//
// Money under load (issue 10), each figure beside a baseline measured in the same run on the same
// database through the same driver at the same concurrency:
//   1. deposits: N bank notices, each into its own virtual sub-account, signed as a bank's adapter
//      signs them (HMAC-SHA256), sent over HTTP by `clients` concurrent clients to the platform as a
//      process of its own (src/main.ts); then their refunds, scheduled as the award notice schedules
//      them and paid by the platform's durable-job runner (one job at a time, as every API process
//      runs them). Baseline: the same rows (journal entry, its two postings and the receipt or the
//      refund's row) as plain INSERTs in one transaction each, no HTTP, no checks, no triggers.
//   2. payment applications: N applications with an e-invoice (PDF, base64) filed against the demo's
//      accepted contract over HTTP by `clients` concurrent clients, then each approved by the
//      purchaser and the industry authority and paid by the treasury, each step an HTTP request.
//      Baseline: the same application, step, journal-entry and posting rows as plain INSERTs.
//   3. `npm run ledger:verify` (the CLI, as an operator runs it) over `postings` postings: the
//      postings above plus balanced two-posting journal entries inserted with generate_series in
//      transactions of 50,000 entries (the ledger's balance trigger and append-only triggers on).
//      Baseline: `SELECT sum(amount_fen) FROM ledger_posting`.
// The set-up (demo data, suppliers, a published project of up to 50 lots, sub-accounts opened by the
// platform's own use case, sign-ins, the refunds' scheduling) is not timed. Sub-accounts: one per
// supplier × lot, so N of them need ceil(N / 50) suppliers on a 50-lot project.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createPlatform, type RunningPlatform } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts';
import { seedDemoData } from '../src/demo/seed-demo';
import { actorFor, createEntityWithAccounts, completeCreditCode } from '../src/identity';
import { demoApiKey } from '../src/identity/api-keys/api-keys';
import { openVirtualAccount, scheduleDepositRefunds } from '../src/money';
import { DEPOSIT_REFUND_JOB, refundJobHandler } from '../src/money/refunds/refunds';
import { BANK_NOTICE_PATH } from '../src/money/deposits/deposits.routes';
import { ManualClock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config';
import { systemContext, type Context } from '../src/platform/context';
import { openDatabase, queryRows, type Database, type Db } from '../src/platform/database/database';
import { JobRunner } from '../src/platform/jobs/jobs';
import { inTransaction } from '../src/platform/unit-of-work';
import { demoSignIn, httpClient, type ApiClient } from '../test/support/api-client';
import { serverEnvironment, spawnServer, type ServerProcess } from '../test/support/server-process';
import { publishProject } from '../test/support/tendering';
import { cpuMsOf, postgresPids } from './cpu';

// ---- Arguments -------------------------------------------------------------------------------------

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
}
const CLIENTS = Number(option('clients') ?? 50);
const TARGET_POSTINGS = Number(option('postings') ?? 1_000_000);
const depositsArg = option('deposits');
const paymentsArg = option('payments');
const N_DEPOSITS = Number(depositsArg ?? args[0] ?? 10_000);
const N_PAYMENTS = Number(paymentsArg ?? args[0] ?? 10_000);
const MAX_LOTS = 50; // a project's lots (src/trading/project/project.ts)
const LOTS = Math.max(1, Math.min(MAX_LOTS, N_DEPOSITS));
const SUPPLIERS = Math.ceil(N_DEPOSITS / LOTS);
const SIGN_UP_CONCURRENCY = 4;
const VERIFY_BATCH = 50_000;

// The demo's "today" (as in test/api/payments.test.ts): Monday 23 November 2026, 10:00 in Shanghai.
const T0 = new Date('2026-11-23T02:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T_HTTP = new Date(T0.getTime() + HOUR); // the HTTP phases, after the set-up
const DEADLINE = new Date(T0.getTime() + 21 * DAY);
const T_AWARD = new Date(DEADLINE.getTime() + DAY); // the award notice: the losers' refunds fall due (GP-22)

const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yiwang-money-'));
const environment = await serverEnvironment(dataDir, `yiwang_bench_money_${process.pid}`, { TEST_CLOCK: '1', DEMO_DATA: '0' });
const { env, databaseUrl } = environment;
const config = loadConfig(env);
const kind = databaseUrl ? 'postgres' : 'pglite';

// ---- Helpers -----------------------------------------------------------------------------------------

/** Runs `work(i)` for i < n on `concurrency` workers; each call's latency (ms), and the wall time. */
async function timed(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  const latencies = new Array<number>(n);
  const doneAt = new Array<number>(n);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t0 = performance.now();
        await work(i);
        doneAt[i] = performance.now();
        latencies[i] = doneAt[i]! - t0;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, doneAt, started };
}

async function inParallel(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  await timed(n, concurrency, work);
}

/** The platform in this process on the run's database (the server process is stopped meanwhile: PGlite has one user). */
async function inProcess<T>(at: Date, work: (running: RunningPlatform, client: ApiClient, clock: ManualClock) => Promise<T>): Promise<T> {
  const clock = new ManualClock(at);
  const running = await createPlatform({ config, clock });
  const api: ApiClient['api'] = async (method, url, { body, cookie, raw, contentType } = {}) => {
    const response = await running.app.inject({
      method: method as never,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(raw ? { 'content-type': contentType ?? 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = response.cookies.find((c) => c.name === 'sid');
    const json = String(response.headers['content-type'] ?? '').includes('json');
    return {
      status: response.statusCode,
      body: json ? JSON.parse(response.body) : response.rawPayload,
      cookie: setCookie ? `sid=${setCookie.value}` : undefined,
      headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
    };
  };
  // No account signed in during the set-up has a second factor: the clock stays where it is.
  const client: ApiClient = { baseUrl: '', api, signIn: (username, password) => demoSignIn(api, username, password, () => clock.now()) };
  try {
    return await work(running, client, clock);
  } finally {
    await running.close();
  }
}

/** Postings and journal entries by kind: what each phase wrote is the difference. */
async function ledgerCounts(db: Db): Promise<Map<string, { entries: number; postings: number }>> {
  const rows = await queryRows<{ kind: string; entries: number; postings: number }>(
    db,
    sql`SELECT e.kind, count(DISTINCT e.id)::int AS entries, count(p.posting_no)::int AS postings FROM journal_entry e LEFT JOIN ledger_posting p ON p.journal_entry_id = e.id GROUP BY e.kind`,
  );
  return new Map(rows.map((r) => [r.kind, { entries: r.entries, postings: r.postings }]));
}
const postingsOf = (after: Map<string, { postings: number }>, before: Map<string, { postings: number }>, k: string) => (after.get(k)?.postings ?? 0) - (before.get(k)?.postings ?? 0);

// CPU of the server process, of PostgreSQL (every process named postgres: run on a quiet machine) and of this client (Linux /proc).
interface Cpu { platform: number | null; database: number | null; client: number }
function cpuMeter(serverPid: number | null) {
  const before = { server: serverPid ? cpuMsOf([serverPid]) : 0, database: databaseUrl ? cpuMsOf(postgresPids()) : 0, client: process.cpuUsage() };
  return (per: number): Cpu => {
    const client = process.cpuUsage(before.client);
    return {
      platform: serverPid ? (cpuMsOf([serverPid]) - before.server) / per : null,
      database: databaseUrl ? (cpuMsOf(postgresPids()) - before.database) / per : null,
      client: (client.user + client.system) / 1000 / per,
    };
  };
}

/** A plain HTTP/1.1 client with kept-alive connections, one per concurrent client (cheaper than fetch on the same two cores). */
function httpPoster(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  return (method: string, url: string, body: string | undefined, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const request = http.request(
        baseUrl + url,
        { method, agent, headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null });
            } catch {
              resolve({ status: response.statusCode ?? 0, body: text });
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** What a bank's adapter computes, from the published protocol: hex HMAC-SHA256 over "METHOD\nPATH\nTIMESTAMP\n" and the body's bytes. */
const signAsBank = (secret: string, method: string, url: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${method}\n${url}\n${timestamp}\n`).update(body).digest('hex');

// ---- 1. Set-up (not timed) ---------------------------------------------------------------------------

interface SetUp {
  lotIds: string[];
  depositFen: number;
  /** Sub-account number and supplier index of each deposit. */
  subs: { accountNumber: string; supplier: number }[];
  bank: { keyId: string; secret: string };
  contract: { id: string; winner: string; supplierName: string; supplierCode: string; purchaserCode: string; payable: { milestoneNo: number; payableFen: number }[] };
  before: Map<string, { entries: number; postings: number }>;
}

log(`${kind}: set-up — demo data, ${SUPPLIERS} suppliers, a project of ${LOTS} lots, ${N_DEPOSITS} sub-accounts…`);
const setUpStarted = performance.now();
const setUp: SetUp = await inProcess(T0, async (running, client) => {
  const { platform } = running;
  const ctx = systemContext(platform);
  await seedDemoData(platform, { payments: false });
  await running.jobs.runDue(); // whatever the demo made due: nothing left for the server to run during the measurements
  await inParallel(SUPPLIERS, SIGN_UP_CONCURRENCY, async (i) => {
    const first17 = `91310115MB${String(i).padStart(7, '0')}`;
    await createEntityWithAccounts(
      ctx,
      { name: `资金基准供应商${i}有限公司`, entityType: 'supplier', creditCode: completeCreditCode(first17), regionCode: '310115', smeSize: 'small', contactName: '测试', contactPhone: '021-00000000', address: '上海市' },
      [{ username: `money${i}`, displayName: `money${i}`, roles: ['supplier'], password: DEMO_PASSWORD }],
    );
  });
  // Lots above SME-01's 2 million yuan (not reserved for SMEs); the deposit 2 % of each: 48,000 yuan.
  const p = await publishProject(client, {
    title: '资金基准测试项目',
    lots: LOTS,
    budgetYuan: LOTS * 2_400_000,
    deadline: DEADLINE.toISOString(),
    documentsUntil: new Date(T0.getTime() + 11 * DAY + 7 * HOUR).toISOString(),
  });
  const lotIds = ((await client.api('GET', `/api/public/projects/${p.projectId}`)).body.lots as { id: string }[]).map((l) => l.id);
  const [depositRow] = await queryRows<{ deposit_fen: number }>(platform.database.db, sql`SELECT deposit_fen::int AS deposit_fen FROM lot WHERE id = ${lotIds[0]!}`);
  const docId = (await client.api('GET', `/api/public/projects/${p.projectId}/documents`)).body[0].id as string;
  // Each supplier obtains the documents (GP-07), then opens a sub-account on every lot (the platform's own use case).
  const subs = new Array<{ accountNumber: string; supplier: number }>(N_DEPOSITS);
  let openedCount = 0;
  await inParallel(SUPPLIERS, SIGN_UP_CONCURRENCY, async (s) => {
    const cookie = await client.signIn(`money${s}`);
    const dl = await client.api('GET', `/api/projects/${p.projectId}/documents/${docId}/content`, { cookie });
    if (dl.status !== 200) throw new Error(`download: ${dl.status}`);
    const as: Context = { platform, actor: await actorFor(platform.database.db, `money${s}`), ip: '127.0.0.1', userAgent: 'bench' };
    for (let l = 0; l < LOTS; l++) {
      const i = s * LOTS + l;
      if (i >= N_DEPOSITS) break;
      const opened = await openVirtualAccount(as, lotIds[l]!);
      subs[i] = { accountNumber: opened.virtualAccount!.accountNumber, supplier: s };
      if (++openedCount % 1000 === 0) log(`  ${openedCount} sub-accounts`);
    }
  });
  // The demo bank's key (seedDemoData issues it), as the bank's adapter holds it.
  const key = await demoApiKey(platform.database.db, platform.sealer, 'bank');
  if (!key) throw new Error('the demo data has no bank key');
  // The demo's accepted contract (seeded with { payments: false }), its supplier's account and what its milestones made payable.
  const [c] = await queryRows<{ id: string; winner: string; supplier_name: string; supplier_code: string; purchaser_code: string }>(
    platform.database.db,
    sql`SELECT c.id, (SELECT username FROM person WHERE entity_id = c.supplier_entity_id ORDER BY username LIMIT 1) AS winner,
               s.name AS supplier_name, s.credit_code AS supplier_code, pu.credit_code AS purchaser_code
        FROM contract c JOIN entity s ON s.id = c.supplier_entity_id JOIN entity pu ON pu.id = c.purchaser_entity_id
        WHERE c.project_id IS NOT NULL AND c.status IN ('signed', 'completed') AND EXISTS (SELECT 1 FROM acceptance a WHERE a.contract_id = c.id AND a.payable_fen > 0)
        ORDER BY c.signed_at LIMIT 1`,
  );
  if (!c) throw new Error('the demo has no accepted contract');
  const payable = await queryRows<{ milestoneNo: number; payableFen: number }>(
    platform.database.db,
    sql`SELECT DISTINCT ON (milestone_no) milestone_no AS "milestoneNo", payable_fen::float8 AS "payableFen" FROM acceptance WHERE contract_id = ${c.id} ORDER BY milestone_no, recorded_at DESC`,
  );
  return {
    lotIds,
    depositFen: depositRow!.deposit_fen,
    subs,
    bank: { keyId: key.keyId, secret: key.secret },
    contract: { id: c.id, winner: c.winner, supplierName: c.supplier_name, supplierCode: c.supplier_code, purchaserCode: c.purchaser_code, payable: payable.filter((m) => m.payableFen > 0) },
    before: await ledgerCounts(platform.database.db),
  };
});
const setUpSeconds = (performance.now() - setUpStarted) / 1000;
log(`set-up done in ${setUpSeconds.toFixed(0)} s`);

// The applications: 100 yuan each (less if the milestones cannot carry N of them), spread over the payable milestones.
const payableTotal = setUp.contract.payable.reduce((s, m) => s + m.payableFen, 0);
const APPLICATION_FEN = Math.min(10_000, Math.floor(payableTotal / N_PAYMENTS));
if (APPLICATION_FEN < 1) throw new Error(`the demo contract's ${payableTotal} fen cannot carry ${N_PAYMENTS} applications`);
const milestoneOf: number[] = [];
for (const m of setUp.contract.payable) for (let k = Math.floor(m.payableFen / APPLICATION_FEN); k > 0 && milestoneOf.length < N_PAYMENTS; k--) milestoneOf.push(m.milestoneNo);
if (milestoneOf.length < N_PAYMENTS) throw new Error(`the demo contract's milestones carry ${milestoneOf.length} applications of ${APPLICATION_FEN} fen, not ${N_PAYMENTS}`);
const PDF_BASE64 = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

// ---- 2. The HTTP phases: deposits, then payment applications --------------------------------------

interface HttpRound {
  label: string;
  requests: number;
  seconds: number;
  latencies: number[];
  statements: number | null;
  cpu: Cpu;
  /** Requests per second in the second and the ninth tenth of the run (by completion; the ramp-up and the drain left out): does it slow down as it grows? */
  firstTenth: number;
  lastTenth: number;
}

function tenths(run: { doneAt: number[] }) {
  const done = [...run.doneAt].sort((a, b) => a - b);
  const t = Math.floor(done.length / 10);
  if (t < 2) return { firstTenth: NaN, lastTenth: NaN };
  const rate = (from: number, to: number) => (to - from) / ((done[to - 1]! - done[from - 1]!) / 1000);
  return { firstTenth: rate(t, 2 * t), lastTenth: rate(8 * t, 9 * t) };
}

const rounds: HttpRound[] = [];
let server: ServerProcess | undefined;
try {
  server = await spawnServer(env);
  const client = httpClient(server.baseUrl);
  await client.api('PUT', '/api/test/clock', { body: { now: T_HTTP.toISOString() } });
  const post = httpPoster(server.baseUrl);
  const statements = async () => (await client.api('GET', '/api/test/stats')).body.statements as number;

  async function round(label: string, n: number, send: (i: number) => Promise<void>) {
    log(`${label}: ${n} requests, ${CLIENTS} clients…`);
    const s0 = await statements();
    const cpu = cpuMeter(server!.process.pid!);
    const run = await timed(n, CLIENTS, send);
    const used = cpu(n);
    // Every statement of the round was sent by the one process that answers (less the stats request's own).
    const s1 = await statements();
    const r: HttpRound = { label, requests: n, seconds: run.seconds, latencies: run.latencies, statements: (s1 - s0) / n, cpu: used, ...tenths(run) };
    rounds.push(r);
    log(`  ${(n / run.seconds).toFixed(1)} /s, p99 ${percentile(run.latencies, 99).toFixed(0)} ms`);
    return r;
  }
  const ok = (what: string, res: { status: number; body: any }, status = 200) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  };

  // Deposits: each notice signed as the bank's adapter signs it (the timestamp is the platform's clock: TEST_CLOCK).
  const timestamp = T_HTTP.toISOString();
  await round('deposit notice', N_DEPOSITS, async (i) => {
    const sub = setUp.subs[i]!;
    const body = JSON.stringify({
      virtualAccount: sub.accountNumber,
      amountFen: setUp.depositFen,
      reference: `MB${String(i).padStart(10, '0')}`,
      valueTime: timestamp,
      payerAccountName: `资金基准供应商${sub.supplier}有限公司`,
      payerAccountNumber: `6222 0210 ${String(sub.supplier).padStart(8, '0')}`,
    });
    const signature = signAsBank(setUp.bank.secret, 'POST', BANK_NOTICE_PATH, timestamp, body);
    const answer = ok('deposit notice', await post('POST', BANK_NOTICE_PATH, body, { 'x-bank-key': setUp.bank.keyId, 'x-bank-timestamp': timestamp, 'x-bank-signature': signature }));
    if (answer.replayed !== false) throw new Error(`deposit notice ${i} replayed`);
  });

  // Payments: one sign-in per desk, the cookie reused (the login throttle counts sign-ins in flight).
  const totpAt = () => T_HTTP;
  const cookies = {
    supplier: await demoSignIn(client.api, setUp.contract.winner, DEMO_PASSWORD, totpAt),
    purchaser: await demoSignIn(client.api, 'purchaser', DEMO_PASSWORD, totpAt),
    authority: await demoSignIn(client.api, 'authority', DEMO_PASSWORD, totpAt),
    treasury: await demoSignIn(client.api, 'treasury', DEMO_PASSWORD, totpAt),
  };
  const ids = new Array<string>(N_PAYMENTS);
  const revisions = new Array<number>(N_PAYMENTS);
  const tax = Math.round((APPLICATION_FEN * 13) / 113);
  await round('payment: file', N_PAYMENTS, async (i) => {
    const body = JSON.stringify({
      milestoneNo: milestoneOf[i],
      invoiceNumber: `2631${String(i).padStart(16, '0')}`,
      invoiceDate: '2026-11-20',
      sellerCreditCode: setUp.contract.supplierCode,
      buyerCreditCode: setUp.contract.purchaserCode,
      amountBeforeTaxFen: APPLICATION_FEN - tax,
      taxFen: tax,
      totalFen: APPLICATION_FEN,
      invoiceFile: { fileName: `发票${i}.pdf`, contentBase64: PDF_BASE64 },
      payee: { accountName: setUp.contract.supplierName, bankName: '中国工商银行上海市分行', accountNumber: '1001234567890123456' },
    });
    const a = ok('file', await post('POST', `/api/contracts/${setUp.contract.id}/payment-applications`, body, { cookie: cookies.supplier }), 201);
    ids[i] = a.id;
    revisions[i] = a.revision;
  });
  const decide = (label: string, who: keyof typeof cookies, action: string, extra: (i: number) => Record<string, unknown> = () => ({})) =>
    round(label, N_PAYMENTS, async (i) => {
      const a = ok(action, await post('POST', `/api/payment-applications/${ids[i]}/decisions`, JSON.stringify({ action, revision: revisions[i], ...extra(i) }), { cookie: cookies[who] }));
      revisions[i] = a.revision;
    });
  await decide('payment: purchaserApprove', 'purchaser', 'purchaserApprove');
  await decide('payment: authorityApprove', 'authority', 'authorityApprove');
  await decide('payment: treasuryPay', 'treasury', 'treasuryPay', (i) => ({ voucherNumber: `GK2026${String(i).padStart(10, '0')}` }));
  await server.stop();
  server = undefined;
} catch (error) {
  // What the server said about it.
  if (server) log(server.output().slice(-5000));
  await server?.stop();
  throw error;
}

// ---- 3. Refunds: scheduled as the award notice does, paid by the job runner ---------------------------

const refunds = await inProcess(T_AWARD, async (running) => {
  const { platform } = running;
  const ctx = systemContext(platform);
  const afterHttp = await ledgerCounts(platform.database.db);
  // Not timed: the award's transaction schedules every bidder's refund on each lot (here no winner: all are due), with a job each.
  log(`refunds: scheduling ${N_DEPOSITS}…`);
  for (const lotId of setUp.lotIds) await inTransaction(ctx, (tx, audit) => scheduleDepositRefunds(tx, audit, ctx, { lotId, trigger: 'award', at: T_AWARD, supplierEntityIds: [] }));
  // Timed: the platform's job runner (JobRunner.runDue, what JobRunner.start runs every second in each API process), for this kind only.
  const handler = refundJobHandler(platform);
  const starts: number[] = [];
  const runner = new JobRunner(platform, {
    [DEPOSIT_REFUND_JOB]: async (payload, control, row) => {
      starts.push(performance.now());
      return handler(payload, control, row);
    },
  });
  log(`refunds: running the jobs…`);
  const s0 = platform.database.statements();
  const cpu = cpuMeter(null);
  const started = performance.now();
  const ran = await runner.runDue();
  const ended = performance.now();
  const used = cpu(Math.max(1, ran));
  // Each job's time from its claim to the next claim (the last: to the end): claim, the refund's transaction, the job's row and audit entry.
  const latencies = starts.map((s, i) => (starts[i + 1] ?? ended) - s);
  if (starts.length) latencies[0] = latencies[0]! + (starts[0]! - started);
  const [status] = await queryRows<{ refunded: number; failed: number }>(
    platform.database.db,
    sql`SELECT (SELECT count(*)::int FROM deposit_refund WHERE status = 'refunded' AND triggered_at = ${T_AWARD}) AS refunded, (SELECT count(*)::int FROM job WHERE kind = ${DEPOSIT_REFUND_JOB} AND status <> 'succeeded') AS failed`,
  );
  const after = await ledgerCounts(platform.database.db);
  return { ran, seconds: (ended - started) / 1000, latencies, statements: (platform.database.statements() - s0) / Math.max(1, ran), cpu: used, refunded: status!.refunded, notSucceeded: status!.failed, afterHttp, after };
});
log(`refunds: ${refunds.ran} jobs in ${refunds.seconds.toFixed(1)} s`);

// ---- 4. Baselines: the same rows, plain INSERTs through the same driver, same concurrency ------------

interface Baseline { label: string; units: number; seconds: number; latencies: number[]; postings: number }
const baselines = new Map<string, Baseline>();
let verify: { postings: number; entries: number; insertSeconds: number; cliSeconds: number; printedSeconds: number | null; intact: boolean; output: string; sumSeconds: number; sumColdSeconds: number; added: number };

{
  const open = () => openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });
  let database: Database = await open();
  const db = database.db;
  const tables = ['journal_entry', 'ledger_posting', 'deposit_receipt', 'deposit_refund', 'payment_application', 'payment_step'];
  // The same columns, defaults and indexes (primary key, unique, lookups); no triggers, foreign keys or checks.
  for (const t of tables) await database.execAsOwner(`CREATE TABLE bench_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING INDEXES); GRANT ALL ON bench_${t} TO ${config.appRole}`);
  const row = (table: string, json: string): [string, string] => [table, json];
  const insert = (tx: Db, table: string, json: string) => tx.execute(sql`INSERT INTO ${sql.raw(`bench_${table}`)} SELECT * FROM jsonb_populate_record(NULL::${sql.raw(`bench_${table}`)}, ${json}::jsonb)`);

  /** Journal entries with their postings, by entry id. */
  async function entriesWithPostings(ids: ReturnType<typeof sql>) {
    const entries = await queryRows<{ id: string; j: string }>(db, sql`SELECT e.id, to_jsonb(e)::text AS j FROM journal_entry e WHERE e.id IN (${ids})`);
    const postings = await queryRows<{ id: string; j: string }>(db, sql`SELECT p.journal_entry_id AS id, to_jsonb(p)::text AS j FROM ledger_posting p WHERE p.journal_entry_id IN (${ids})`);
    const byEntry = new Map<string, string[]>();
    for (const p of postings) byEntry.set(p.id, [...(byEntry.get(p.id) ?? []), p.j]);
    return new Map(entries.map((e) => [e.id, { entry: e.j, postings: byEntry.get(e.id) ?? [] }]));
  }

  async function baseline(label: string, units: { rows: [string, string][]; postings: number }[], concurrency: number) {
    log(`baseline: ${label}, ${units.length} transactions, ${concurrency} at once…`);
    const run = await timed(units.length, concurrency, async (i) => {
      await db.transaction(async (tx) => {
        for (const [table, json] of units[i]!.rows) await insert(tx, table, json);
      });
    });
    baselines.set(label, { label, units: units.length, seconds: run.seconds, latencies: run.latencies, postings: units.reduce((s, u) => s + u.postings, 0) });
  }

  // Deposits: the receipt, its entry and two postings.
  {
    const receipts = await queryRows<{ entry: string; j: string }>(db, sql`SELECT journal_entry_id AS entry, to_jsonb(r)::text AS j FROM deposit_receipt r WHERE bank_reference LIKE 'MB%'`);
    const entries = await entriesWithPostings(sql`SELECT journal_entry_id FROM deposit_receipt WHERE bank_reference LIKE 'MB%'`);
    await baseline(
      'deposit',
      receipts.map((r) => {
        const e = entries.get(r.entry)!;
        return { rows: [row('journal_entry', e.entry), ...e.postings.map((p) => row('ledger_posting', p)), row('deposit_receipt', r.j)], postings: e.postings.length };
      }),
      CLIENTS,
    );
  }
  // Refunds: the entry, two postings and the refund's row; one at a time, as the job runner pays them.
  {
    const lots = sql.join(setUp.lotIds.map((id) => sql`${id}`), sql`, `);
    const rows = await queryRows<{ entry: string; j: string }>(db, sql`SELECT journal_entry_id AS entry, to_jsonb(r)::text AS j FROM deposit_refund r WHERE lot_id IN (${lots}) AND status = 'refunded'`);
    const entries = await entriesWithPostings(sql`SELECT journal_entry_id FROM deposit_refund WHERE lot_id IN (${lots}) AND status = 'refunded'`);
    await baseline(
      'refund',
      rows.map((r) => {
        const e = entries.get(r.entry)!;
        return { rows: [row('journal_entry', e.entry), ...e.postings.map((p) => row('ledger_posting', p)), row('deposit_refund', r.j)], postings: e.postings.length };
      }),
      1,
    );
  }
  // Payments: the application with its first step; each decision's step; the payment's step with its entry and postings.
  {
    const mine = sql`SELECT id FROM payment_application WHERE contract_id = ${setUp.contract.id} AND invoice_number LIKE '2631%'`;
    const apps = await queryRows<{ id: string; j: string }>(db, sql`SELECT a.id, to_jsonb(a)::text AS j FROM payment_application a WHERE id IN (${mine}) ORDER BY invoice_number`);
    const steps = await queryRows<{ application: string; action: string; entry: string | null; j: string }>(db, sql`SELECT s.application_id AS application, s.action, s.detail->>'journalEntryId' AS entry, to_jsonb(s)::text AS j FROM payment_step s WHERE application_id IN (${mine}) ORDER BY application_id, step_no`);
    const of = (action: string) => steps.filter((s) => s.action === action);
    const files = new Map(of('file').map((s) => [s.application, s.j]));
    await baseline('payment: file', apps.map((a) => ({ rows: [row('payment_application', a.j), row('payment_step', files.get(a.id)!)], postings: 0 })), CLIENTS);
    await baseline('payment: purchaserApprove', of('purchaserApprove').map((s) => ({ rows: [row('payment_step', s.j)], postings: 0 })), CLIENTS);
    await baseline('payment: authorityApprove', of('authorityApprove').map((s) => ({ rows: [row('payment_step', s.j)], postings: 0 })), CLIENTS);
    const entries = await entriesWithPostings(sql`SELECT journal_entry_id FROM payment_application WHERE id IN (${mine})`);
    await baseline(
      'payment: treasuryPay',
      of('treasuryPay').map((s) => {
        const e = entries.get(s.entry!)!;
        return { rows: [row('journal_entry', e.entry), ...e.postings.map((p) => row('ledger_posting', p)), row('payment_step', s.j)], postings: e.postings.length };
      }),
      CLIENTS,
    );
  }

  // ---- 5. ledger:verify over TARGET_POSTINGS postings ------------------------------------------------
  const [{ n: existing }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ledger_posting`)) as [{ n: number }];
  const entriesToAdd = Math.max(0, Math.ceil((TARGET_POSTINGS - existing) / 2));
  log(`ledger: ${existing} postings; adding ${entriesToAdd} balanced entries of 2 postings (${VERIFY_BATCH} per transaction, triggers on)…`);
  await db.execute(sql`INSERT INTO ledger_account (id, code, kind, region_code, opened_at) VALUES
    ('00000000-0000-4000-8000-00000000b0a1', 'bench:verify:debit', 'fee', '310000', ${T_AWARD}), ('00000000-0000-4000-8000-00000000b0a2', 'bench:verify:credit', 'fee', '310000', ${T_AWARD})`);
  const insertStarted = performance.now();
  for (let from = 1; from <= entriesToAdd; from += VERIFY_BATCH) {
    const to = Math.min(entriesToAdd, from + VERIFY_BATCH - 1);
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO journal_entry (id, kind, idempotency_key, request_hash, posting_count, memo, region_code, posted_at)
        SELECT md5('bench-verify-' || g)::uuid, 'depositReceived', 'bench-verify:' || g, md5(g::text), 2, NULL, '310000', ${T_AWARD}::timestamptz + g * interval '1 millisecond'
        FROM generate_series(${from}::int, ${to}::int) g`);
      await tx.execute(sql`INSERT INTO ledger_posting (journal_entry_id, account_id, amount_fen)
        SELECT md5('bench-verify-' || g)::uuid, side.account, side.sign * (1 + g % 100000)
        FROM generate_series(${from}::int, ${to}::int) g
        CROSS JOIN (VALUES ('00000000-0000-4000-8000-00000000b0a1'::uuid, 1), ('00000000-0000-4000-8000-00000000b0a2'::uuid, -1)) AS side(account, sign)`);
    });
    if (((to - from + 1) === VERIFY_BATCH && (to / VERIFY_BATCH) % 2 === 0) || to === entriesToAdd) log(`  ${to} entries`);
  }
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  // Statistics as autovacuum would have them on a ledger that grew over time.
  await database.execAsOwner('ANALYZE journal_entry; ANALYZE ledger_posting; ANALYZE ledger_account');
  const sum = async () => {
    const t = performance.now();
    await queryRows(db, sql`SELECT sum(amount_fen)::text AS s FROM ledger_posting`);
    return (performance.now() - t) / 1000;
  };
  const sumColdSeconds = await sum();
  const [{ n: postings }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ledger_posting`)) as [{ n: number }];
  const [{ n: entries }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM journal_entry`)) as [{ n: number }];
  await database.close(); // PGlite: the CLI refuses a data directory in use

  // `npm run ledger:verify`, as an operator runs it (node + tsx, the config from the environment).
  log(`ledger:verify over ${postings} postings…`);
  const cliStarted = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/money/ledger/verify-cli.ts'], { cwd: path.resolve(import.meta.dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 || code === 1 ? resolve(out) : reject(new Error(`ledger:verify exited with ${code}:\n${out}`))));
  });
  const cliSeconds = (performance.now() - cliStarted) / 1000;
  database = await open();
  const sumSeconds = await (async () => {
    const t = performance.now();
    await queryRows(database.db, sql`SELECT sum(amount_fen)::text AS s FROM ledger_posting`);
    return (performance.now() - t) / 1000;
  })();
  await database.close();
  const printed = /\((\d+(?:\.\d+)?) s\)/.exec(output);
  verify = { postings, entries, insertSeconds, cliSeconds, printedSeconds: printed ? Number(printed[1]) : null, intact: output.includes('INTACT'), output: output.trim(), sumSeconds, sumColdSeconds, added: entriesToAdd };
}

await fs.rm(dataDir, { recursive: true, force: true });
await environment.drop();

// ---- Report -----------------------------------------------------------------------------------------

const f = (x: number, d = 1) => x.toFixed(d);
const ms = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} ms`);
const byLabel = (label: string) => rounds.find((r) => r.label === label)!;
const depositPostings = postingsOf(refunds.afterHttp, setUp.before, 'depositReceived');
const paymentPostings = postingsOf(refunds.afterHttp, setUp.before, 'supplierPayment');
const refundPostings = postingsOf(refunds.after, refunds.afterHttp, 'depositRefunded') + postingsOf(refunds.after, refunds.afterHttp, 'overdueFee');
const line = (label: string, perSecond: number, postingsPerSecond: number | null, latencies: number[], tail = '') =>
  console.log(
    `    ${label.padEnd(44)} ${f(perSecond).padStart(8)} /s  ${postingsPerSecond === null ? ' '.repeat(20) : `${f(postingsPerSecond).padStart(8)} postings/s`}   p50 ${f(percentile(latencies, 50)).padStart(7)} ms   p99 ${f(percentile(latencies, 99)).padStart(7)} ms${tail}`,
  );
const baselineLine = (label: string, b: Baseline | undefined, what: string) => {
  if (!b) return;
  line(`baseline: ${what}`, b.units / b.seconds, b.postings ? b.postings / b.seconds : null, b.latencies);
};
const cpuText = (c: Cpu) => `CPU per request: platform ${ms(c.platform)}, PostgreSQL ${databaseUrl ? ms(c.database) : '(inside the platform)'}, bench client ${ms(c.client)}`;

console.log(`\n资金基准 / money benchmark — ${kind}, ${N_DEPOSITS} deposits, ${N_PAYMENTS} payment applications, ${CLIENTS} clients, ${new Date().toISOString()} (${os.availableParallelism()} cores)`);
const dep = byLabel('deposit notice');
console.log(`  deposits: signed bank notices over HTTP, each into its own sub-account (${LOTS} lots × ${SUPPLIERS} suppliers), ${CLIENTS} at once`);
line('platform: POST /api/bank/deposit-notices', dep.requests / dep.seconds, depositPostings / dep.seconds, dep.latencies, `   (${f(dep.seconds)} s, ${depositPostings} postings)`);
baselineLine('deposit', baselines.get('deposit'), 'entry + 2 postings + receipt, 1 txn');
console.log(`      statements per notice ${f(dep.statements ?? NaN)}; ${cpuText(dep.cpu)}; 2nd → 9th tenth ${f(dep.firstTenth)} → ${f(dep.lastTenth)} /s`);
console.log(`  refunds: scheduled as at the award notice, paid by the platform's job runner (one job at a time, as each API process runs them)`);
line('platform: deposit.refund jobs', refunds.ran / refunds.seconds, refundPostings / refunds.seconds, refunds.latencies, `   (${f(refunds.seconds)} s, ${refunds.ran} jobs, ${refunds.refunded} refunded, ${refunds.notSucceeded} not succeeded, ${refundPostings} postings)`);
baselineLine('refund', baselines.get('refund'), 'entry + 2 postings + refund row, 1 txn, 1 at once');
console.log(`      statements per job ${f(refunds.statements)}; CPU per job: platform + bench ${ms(refunds.cpu.client)}${databaseUrl ? `, PostgreSQL ${ms(refunds.cpu.database)}` : ' (PGlite inside)'}`);
console.log(`  payment applications: ${N_PAYMENTS} of ${APPLICATION_FEN / 100} yuan against one accepted contract, each step an HTTP request, ${CLIENTS} at once`);
for (const [label, what] of [
  ['payment: file', 'application + step row, 1 txn'],
  ['payment: purchaserApprove', 'step row'],
  ['payment: authorityApprove', 'step row'],
  ['payment: treasuryPay', 'entry + 2 postings + step row, 1 txn'],
] as const) {
  const r = byLabel(label);
  const postings = label === 'payment: treasuryPay' ? paymentPostings : null;
  line(`platform: ${label.slice(9)}`, r.requests / r.seconds, postings === null ? null : postings / r.seconds, r.latencies, `   (${f(r.seconds)} s${postings === null ? '' : `, ${postings} postings`})`);
  baselineLine(label, baselines.get(label), what);
  console.log(`      statements per request ${f(r.statements ?? NaN)}; ${cpuText(r.cpu)}; 2nd → 9th tenth ${f(r.firstTenth)} → ${f(r.lastTenth)} /s`);
}
const pay = rounds.filter((r) => r.label.startsWith('payment'));
const paySeconds = pay.reduce((s, r) => s + r.seconds, 0);
console.log(`    all four steps: ${f((4 * N_PAYMENTS) / paySeconds)} requests/s, ${f(N_PAYMENTS / paySeconds)} applications paid/s, ${f(paymentPostings / paySeconds)} postings/s over the four rounds (${f(paySeconds)} s)`);
console.log(`  ledger:verify over ${verify.postings} postings (${verify.entries} journal entries; ${verify.added} synthetic entries inserted in ${f(verify.insertSeconds)} s with the balance trigger, ${f((2 * verify.added) / verify.insertSeconds, 0)} postings/s)`);
console.log(`    npm run ledger:verify           ${f(verify.cliSeconds, 2)} s wall (process start included); verify itself ${verify.printedSeconds ?? '—'} s as printed; ${verify.intact ? 'INTACT' : 'NOT INTACT'}`);
console.log(`    baseline: SELECT sum(amount_fen) FROM ledger_posting   ${f(verify.sumSeconds, 2)} s (first run ${f(verify.sumColdSeconds, 2)} s)`);
if (!verify.intact) console.log(verify.output);
console.log(`  (set-up ${f(setUpSeconds, 0)} s, whole run ${f((performance.now() - setUpStarted) / 1000, 0)} s)`);
