// npm run bench:redflags [-- --lots 100000] [--bids-per-lot 10] [--suppliers 5000] [--seed 13]
//   (DATABASE_URL=… to measure a PostgreSQL server; PGlite in a temporary directory otherwise)
//
// 围标串标预警 at a Shanghai-scale year (issue 13): `lots` opened lots of `bids-per-lot` decrypted bids
// each (default 100,000 lots and 1,000,000 bids) by `suppliers` suppliers, written straight into a
// fresh database with generate_series (what the opening would have left: device fingerprint, IP,
// each file's hash and metadata, the price schedule's total). Planted in 1 % of the lots: a ring of
// three suppliers (20 rings) sealing on one computer with prices in equal steps; everything else is
// honest (own device, own address, irregular prices). Timed, on the same database in the same run:
//   1. the full recompute as the platform runs it (redflags.full: load the facts of 2,000 lots at a
//      time, every per-lot indicator, the alerts written with their audit entries, then the
//      co-bidding network over every lot);
//   2. one incremental update (redflags.lot for one lot, as the opening triggers it);
//   3. baseline: one SQL aggregate pass over the same bids (the shared-device presumption as
//      GROUP BY lot, device HAVING more than one supplier), the least any engine reading them must do.
// Generation is not timed. The figures go to stdout as JSON.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createPlatform } from '../src/app';
import { loadConfig } from '../src/platform/config';
import { queryRows } from '../src/platform/database/database';
import type { JobControl, JobRow } from '../src/platform/jobs/jobs';
import { ManualClock } from '../src/platform/clock';
import { redFlagsFullHandler, redFlagsLotHandler } from '../src/supervision/redflags/redflags';
import { serverEnvironment } from '../test/support/server-process';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const LOTS = option('lots', 100_000);
const PER_LOT = option('bids-per-lot', 10);
const SUPPLIERS = option('suppliers', 5_000);
const SEED = option('seed', 13);
const RINGS = 20;
const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yiwang-redflags-'));
const environment = await serverEnvironment(dataDir, `yiwang_bench_redflags_${process.pid}`, { TEST_CLOCK: '1', DEMO_DATA: '0' });
const config = loadConfig(environment.env);
const kind = config.databaseUrl ? 'postgres' : 'pglite';
const running = await createPlatform({ config, clock: new ManualClock('2026-12-01T02:00:00Z') });
const { platform } = running;
const db = platform.database.db;

// ---- A year of opened lots ---------------------------------------------------------------------------
// Pseudo-random but reproducible: hashtext over the seed and the row's numbers.
const h = (expr: string) => `abs(hashtext('${SEED}:' || ${expr})::bigint)`;
// The last 60 suppliers form the rings; the honest pool is the largest prime count below them, so
// that a lot's bidders base + k·step (mod pool), with base and step drawn per lot, are distinct and
// any two suppliers meet about as often as chance makes them.
const isPrime = (n: number) => n > 1 && Array.from({ length: Math.floor(Math.sqrt(n)) - 1 }, (_, i) => i + 2).every((d) => n % d !== 0);
const ringBase = SUPPLIERS - 3 * RINGS;
let pool = ringBase;
while (!isPrime(pool)) pool--;
log(`${kind}: generating ${LOTS} lots × ${PER_LOT} bids by ${SUPPLIERS} suppliers`);
const t0 = performance.now();
await db.execute(
  sql.raw(`INSERT INTO entity (id, credit_code, name, entity_type, region_code, contact_name, contact_phone, address, legal_representative, status, registered_at)
    SELECT md5('e' || i)::uuid, 'BENCH' || lpad(i::text, 13, '0'), '供应商' || i, 'supplier', '310101', '联系人' || i, '138' || lpad(i::text, 8, '0'), '上海市黄浦区示范路' || i || '号', '负责人' || i, 'active', now()
    FROM generate_series(0, ${SUPPLIERS - 1}) i`),
);
await db.execute(
  sql.raw(`INSERT INTO project (id, project_number, transaction_code, ocid, origin_platform, region_code, purchaser_entity_id, plan_id, title, category, method, description, status, contact_name, contact_phone, created_at)
    SELECT md5('p' || i)::uuid, 'BENCH-' || i, 'BENCH-TX-' || i, 'ocds-bench-' || i, 'P01', '310101', md5('e0')::uuid, md5('plan' || i)::uuid, '采购项目' || i,
      (ARRAY['goods', 'services', 'works'])[1 + i % 3], 'openTender', '基准测试项目', 'published', '联系人', '021-00000000', now() - (i % 365) * interval '1 day'
    FROM generate_series(0, ${Math.ceil(LOTS / 2) - 1}) i`),
);
await db.execute(
  sql.raw(`INSERT INTO lot (id, project_id, lot_no, title, budget_fen, deposit_fen, evaluation_method, criteria, sme, status)
    SELECT md5('l' || i)::uuid, md5('p' || (i / 2))::uuid, 1 + i % 2, '标项' || i, 100000000, 0, (ARRAY['lowestPrice', 'scoring'])[1 + i % 2], '[]', '{}', 'opened'
    FROM generate_series(0, ${LOTS - 1}) i`),
);
// Bidder k of lot i: an honest supplier from the pool, or, in a planted lot (i % 100 = 0), members
// 0..2 of ring (i / 100) % 20 as its first three bidders.
const BATCH = 10_000;
for (let from = 0; from < LOTS; from += BATCH) {
  const to = Math.min(LOTS, from + BATCH) - 1;
  await db.execute(
    sql.raw(`INSERT INTO bid (id, lot_id, project_id, supplier_entity_id, person_id, upload_id, submission_no, status, key_id, wrapped_key, parts, received_at, receipt, receipt_signature, client_ip, device_fingerprint, price_schedule, plaintext_parts, decrypted_at)
      SELECT md5('b' || i || '-' || k)::uuid, md5('l' || i)::uuid, md5('p' || (i / 2))::uuid, md5('e' || s)::uuid, md5('person' || s)::uuid, md5('u' || i || '-' || k)::uuid, 1, 'decrypted',
        md5('key' || s)::uuid, '', '[]', now(), '{}', '',
        '10.' || (s / 65536) || '.' || ((s / 256) % 256) || '.' || (s % 256),
        CASE WHEN ringed THEN 'ring-device-' || ((i / 100) % ${RINGS}) ELSE 'device-' || s END,
        jsonb_build_object('totalPriceFen', CASE WHEN ringed THEN 90000000 + k * 1000000 ELSE 70000000 + ${h("i || '-' || k")} % 30000000 END),
        jsonb_build_array(jsonb_build_object('name', 'file-1', 'sha256', md5('f' || i || '-' || k), 'size', 1000,
          'metadata', jsonb_build_object('author', '作者' || s, 'creator', 'WPS Office', 'createdAt', to_char(timestamp '2026-01-01' + (i * 10 + k) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"')))),
        now()
      FROM (
        SELECT i, k, (i % 100 = 0 AND k < 3) AS ringed,
          CASE WHEN i % 100 = 0 AND k < 3 THEN ${ringBase} + ((i / 100) % ${RINGS}) * 3 + k
               ELSE (${h("'base' || i")} + k * (1 + ${h("'step' || i")} % ${pool - 1})) % ${pool} END AS s
        FROM generate_series(${from}, ${to}) i, generate_series(0, ${PER_LOT - 1}) k
      ) x`),
  );
  if ((from / BATCH) % 10 === 9 || to === LOTS - 1) log(`  ${to + 1} lots`);
}
await db.execute(sql.raw('ANALYZE'));
const generation = seconds(t0);
const [{ bids }] = (await queryRows<{ bids: number }>(db, sql`SELECT count(*)::int AS bids FROM bid`)) as [{ bids: number }];
log(`generated ${bids} bids in ${generation} s`);

// ---- 1. The full recompute -----------------------------------------------------------------------------
const control: JobControl = { progress: async () => undefined, reschedule: () => undefined };
const job = {} as JobRow; // the handlers do not read their row
log('full recompute');
let t = performance.now();
const full = await redFlagsFullHandler(platform)({}, control, job);
const fullSeconds = seconds(t);
log(`full: ${fullSeconds} s ${JSON.stringify(full)}`);

// ---- 2. One incremental update -------------------------------------------------------------------------
const planted = (await queryRows<{ id: string }>(db, sql`SELECT md5('l0')::uuid AS id`))[0]!.id;
t = performance.now();
const incremental = await redFlagsLotHandler(platform)({ lotId: planted }, control, job);
const incrementalMs = Math.round(performance.now() - t);
const honest = (await queryRows<{ id: string }>(db, sql`SELECT md5('l1')::uuid AS id`))[0]!.id;
t = performance.now();
await redFlagsLotHandler(platform)({ lotId: honest }, control, job);
const incrementalHonestMs = Math.round(performance.now() - t);

// ---- 3. Baseline: one SQL aggregate pass ---------------------------------------------------------------
t = performance.now();
const baselineRows = await queryRows<{ groups: number }>(
  db,
  sql`SELECT count(*)::int AS groups FROM (
        SELECT lot_id, device_fingerprint FROM bid WHERE status = 'decrypted' AND device_fingerprint IS NOT NULL
        GROUP BY lot_id, device_fingerprint HAVING count(DISTINCT supplier_entity_id) > 1) x`,
);
const baselineSeconds = seconds(t);

const byCode = await queryRows<{ code: string; alerts: number }>(db, sql`SELECT code, count(*)::int AS alerts FROM red_flag_alert WHERE gone_at IS NULL GROUP BY 1 ORDER BY 1`);
const result = {
  database: kind,
  lots: LOTS,
  bids,
  suppliers: SUPPLIERS,
  plantedLots: Math.ceil(LOTS / 100),
  generationSeconds: generation,
  fullRecomputeSeconds: fullSeconds,
  fullRecompute: full,
  alertsByCode: Object.fromEntries(byCode.map((r) => [r.code, r.alerts])),
  incrementalMs: { plantedLot: incrementalMs, honestLot: incrementalHonestMs, outcome: incremental },
  baselineSqlAggregateSeconds: baselineSeconds,
  baselineSharedDeviceGroups: baselineRows[0]!.groups,
  fullOverBaseline: Math.round((fullSeconds / baselineSeconds) * 10) / 10,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await running.close();
await environment.drop();
await fs.rm(dataDir, { recursive: true, force: true });
