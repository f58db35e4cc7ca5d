// npm run ledger:verify — proves the ledger sums to zero and every journal entry balances with the
// postings it was written with; names the first entry (and posting) that does not. Exit code 0:
// intact; 1: broken; 2: could not check. With PGlite it refuses to open the data directory while the
// platform runs on it.
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { DataDirInUseError, openDatabase, type Database } from '../../platform/database/database';
import { verifyLedgerCommand } from './ledger-verify';

let database: Database | undefined;
try {
  const config = loadConfig();
  database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });
  process.exitCode = await verifyLedgerCommand(database, (line) => console.log(line));
} catch (error) {
  console.error('无法校验 / Could not verify:', error instanceof Error ? error.message : error);
  if (error instanceof DataDirInUseError) console.error('请先停止平台再校验 / Stop the platform first, then verify');
  process.exitCode = 2;
} finally {
  await database?.close();
}
