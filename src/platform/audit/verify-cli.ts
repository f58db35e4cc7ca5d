// npm run audit:verify [-- --checkpoints FILE [--key FILE]] — recomputes the whole audit hash
// chain and names the first entry that does not match. With --checkpoints (a saved copy of
// GET /api/public/audit/checkpoints) it also finds a chain rewritten with recomputed hashes, or
// cut short. --key: the platform's public key (PEM or the saved /api/public/receipt-key answer);
// by default the key in the database. Exit code 0: intact; 1: broken; 2: could not check.
// With PGlite it refuses to open the data directory while the platform runs on it (use the
// verification page in the web app then).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type PlatformConfig } from '../config';
import { findReceiptSigner } from '../crypto/receipt-signer';
import { createSealer, loadMasterKey } from '../crypto/sealer';
import { DataDirInUseError, openDatabase, type Database } from '../database/database';
import { readCheckpointsFile, readPublicKey, verifyAuditTrail } from './verify-command';

/** The platform's own public key, where this command runs with the platform's master key. */
async function platformKey(config: PlatformConfig, database: Database): Promise<string> {
  const noKey = new Error('此处无法读取平台公钥，请用 --key 指定（/api/public/receipt-key 的内容）/ The platform’s key cannot be read here; pass --key FILE (a saved /api/public/receipt-key)');
  if (!config.masterKey && !fs.existsSync(path.join(config.dataDir, 'master.key'))) throw noKey;
  try {
    const signer = await findReceiptSigner(database.db, createSealer(loadMasterKey(config.dataDir, config.masterKey)));
    if (signer) return signer.publicKeyPem;
  } catch {
    // A master key that does not open the stored key: another installation's.
  }
  throw noKey;
}

let database: Database | undefined;
try {
  const { values } = parseArgs({ options: { checkpoints: { type: 'string' }, key: { type: 'string' } } });
  const checkpoints = values.checkpoints ? readCheckpointsFile(values.checkpoints) : undefined;
  const config = loadConfig();
  database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });
  let publicKeyPem = values.key ? readPublicKey(values.key) : undefined;
  if (checkpoints && !publicKeyPem) publicKeyPem = await platformKey(config, database);
  process.exitCode = await verifyAuditTrail(
    database,
    {
      checkpoints,
      publicKeyPem,
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
