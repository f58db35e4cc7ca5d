// npm run bench:audit [-- entries concurrency]
// The audit trail's cost, beside baselines measured in the same run on the same database:
//   1. appending N hash-chained entries (each its own transaction, under the chain lock)
//      vs. a plain INSERT of the same JSON per row (no chain, no lock);
//   2. verifying the chain (read + canonical JSON + SHA-256) vs. `sha256sum` over the same bytes.
// PGlite in a temporary directory by default; DATABASE_URL=… measures a PostgreSQL server
// (in a scratch database it creates and drops).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { canonicalJson } from '../src/platform/audit/audit-chain';
import { auditEntry } from '../src/platform/audit/audit.schema';
import { recordAuditEvent, verifyAuditChain } from '../src/platform/audit/audit-trail';
import { systemClock } from '../src/platform/clock';
import type { Context } from '../src/platform/context';
import { createBlobStore } from '../src/platform/blobs/blob-store';
import { loadReceiptSigner } from '../src/platform/crypto/receipt-signer';
import { createSealer } from '../src/platform/crypto/sealer';
import { openDatabase } from '../src/platform/database/database';
import { loadConfig } from '../src/platform/config';

const entries = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 8);
const serverUrl = process.env.DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-bench-'));
let url: string | undefined;
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS yiwang_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE yiwang_bench');
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = '/yiwang_bench';
  url = u.toString();
}
const database = await openDatabase({ databaseUrl: url, pgliteDir: path.join(dir, 'pglite'), appRole: 'yiwang_app', poolSize: concurrency + 2 });
const sealer = createSealer(Buffer.alloc(32));
const platform = { config: loadConfig({ DATA_DIR: dir }), database, clock: systemClock, sealer, signer: await loadReceiptSigner(database.db, sealer, new Date()), blobs: createBlobStore(dir) };
const ctx: Context = { platform, actor: null, ip: '127.0.0.1', userAgent: null };
await database.execAsOwner(`CREATE TABLE bench_plain (id bigserial PRIMARY KEY, payload jsonb NOT NULL); GRANT ALL ON bench_plain, bench_plain_id_seq TO yiwang_app`);

const payload = (i: number) => ({ status: 'active', name: `上海测试供应商${i}有限公司`, creditCode: '91350100M000100Y43', revision: i, amountFen: String(123456789 + i) });

async function timed(label: string, work: (i: number) => Promise<unknown>) {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < entries; i = next++) await work(i);
  }));
  const seconds = (performance.now() - started) / 1000;
  return { label, seconds, perSecond: entries / seconds };
}

const plain = await timed('plain INSERT per row (baseline)', (i) => database.db.execute(sql`INSERT INTO bench_plain (payload) VALUES (${JSON.stringify(payload(i))}::jsonb)`));
const chained = await timed('audit entry, hash-chained, own transaction', (i) =>
  recordAuditEvent(ctx, { action: 'bench.append', subjectType: 'bench', subjectId: String(i), after: payload(i) }),
);

let progressCalls = 0;
const verifyStarted = performance.now();
const outcome = await verifyAuditChain(database.db, { onProgress: () => void progressCalls++ });
const verifySeconds = (performance.now() - verifyStarted) / 1000;

const rows = await database.db.select().from(auditEntry);
const file = path.join(dir, 'entries.jsonl');
fs.writeFileSync(file, rows.map((r) => `${r.prevHash}\n${canonicalJson({ ...r, hash: undefined, prevHash: undefined })}`).join('\n'));
const bytes = fs.statSync(file).size;
const shaStarted = performance.now();
execFileSync('sha256sum', [file]);
const shaSeconds = (performance.now() - shaStarted) / 1000;

console.log(`\n审计链基准 / audit-trail benchmark — ${database.kind}, ${entries} entries, concurrency ${concurrency}, ${new Date().toISOString()}`);
console.log(`  ${chained.label.padEnd(46)} ${chained.perSecond.toFixed(0).padStart(7)} /s  (${chained.seconds.toFixed(2)} s)`);
console.log(`  ${plain.label.padEnd(46)} ${plain.perSecond.toFixed(0).padStart(7)} /s  (${plain.seconds.toFixed(2)} s)`);
console.log(`  ${'verify chain (read, canonical JSON, SHA-256)'.padEnd(46)} ${(outcome.checked / verifySeconds).toFixed(0).padStart(7)} /s  (${verifySeconds.toFixed(2)} s, ${outcome.ok ? 'intact' : 'BROKEN'})`);
console.log(`  ${'sha256sum over the same bytes (baseline)'.padEnd(46)} ${(rows.length / shaSeconds).toFixed(0).padStart(7)} /s  (${shaSeconds.toFixed(3)} s, ${(bytes / 1e6).toFixed(1)} MB)`);

await database.close();
fs.rmSync(dir, { recursive: true, force: true });
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS yiwang_bench WITH (FORCE)');
  await admin.end();
}
