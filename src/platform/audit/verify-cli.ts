// npm run audit:verify — recomputes the whole audit hash chain and names the first entry
// that does not match. Exit code 0: intact; 1: broken; 2: could not check.
// With PGlite, run it while the platform is stopped (one process per data directory), or
// use the verification page in the web app.
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { auditHead, verifyAuditChain } from './audit-trail';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });
try {
  const head = await auditHead(database.db);
  console.log(`审计链校验 / Verifying the audit trail: ${head.seq} entries (${database.kind})`);
  const started = performance.now();
  const outcome = await verifyAuditChain(database.db, {
    upTo: head.seq,
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total} (${((done / Math.max(total, 1)) * 100).toFixed(1)} %)`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (outcome.ok) {
    console.log(`完好 / INTACT: ${outcome.checked} entries in ${seconds} s; head #${outcome.head.seq} ${outcome.head.hash}`);
    process.exitCode = 0;
  } else {
    console.log(`已被篡改 / BROKEN at entry #${outcome.break.seq} (${outcome.break.reason}); entries 1–${outcome.checked} are intact`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error('无法校验 / Could not verify:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await database.close();
}
