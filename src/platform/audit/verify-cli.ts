// npm run audit:verify [-- --checkpoints FILE [--key FILE]] — recomputes the whole audit hash
// chain and names the first entry that does not match. With --checkpoints (a saved copy of
// GET /api/public/audit/checkpoints) it also finds a chain rewritten with recomputed hashes, or
// cut short. --key: the platform's public key (PEM or the saved /api/public/receipt-key answer);
// by default the key in the database. Exit code 0: intact; 1: broken; 2: could not check.
// With PGlite it refuses to open the data directory while the platform runs on it (use the
// verification page in the web app then).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { findReceiptSigner } from '../crypto/receipt-signer';
import { createSealer, loadMasterKey } from '../crypto/sealer';
import { DataDirInUseError, openDatabase, type Database } from '../database/database';
import { readCheckpointsFile, readPublicKey, verifyAuditTrail } from './verify-command';

let database: Database | undefined;
try {
  const { values } = parseArgs({ options: { checkpoints: { type: 'string' }, key: { type: 'string' } } });
  const checkpoints = values.checkpoints ? readCheckpointsFile(values.checkpoints) : undefined;
  const config = loadConfig();
  database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });
  const publicKeyPem = values.key
    ? readPublicKey(values.key)
    : checkpoints && (await findReceiptSigner(database.db, createSealer(loadMasterKey(config.dataDir, config.masterKey))))?.publicKeyPem;
  process.exitCode = await verifyAuditTrail(
    database,
    {
      checkpoints,
      publicKeyPem: publicKeyPem || undefined,
      onProgress: (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total} (${((done / Math.max(total, 1)) * 100).toFixed(1)} %)`);
      },
    },
    (line) => {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K'); // clear the progress line
      console.log(line);
    },
  );
} catch (error) {
  console.error('无法校验 / Could not verify:', error instanceof Error ? error.message : error);
  if (error instanceof DataDirInUseError) console.error('平台运行时请在网页“审计日志 → 校验审计链”中校验 / While the platform runs, verify from the web app (审计日志 → 校验审计链)');
  process.exitCode = 2;
} finally {
  await database?.close();
}
