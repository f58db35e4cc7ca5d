// npm run export:national -- YYYY-MM-DD [--out DIR] [--settings FILE.json] [--own-only]
// The daily report to the national public-resource trading platform (docs/NATIONAL-DATA.md): one
// Shanghai day's public facts as one XML file per dataset, in DIR/YYYY-MM-DD/ (default ./national-export),
// and a count per dataset on standard output. --settings: a JSON object of national settings (PLATFORM_CODE
// and the rest) over the stored setting `national.export`. --own-only: leave out the procurements synced
// from sub-platforms (reported by default, under each sub-platform's PLATFORM_CODE). Exit code 0: written; 2: could not run.
// With PGlite it refuses to open the data directory while the platform runs on it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isLocalDate } from '../../platform/calendar/calendar';
import { loadConfig } from '../../platform/config';
import { DataDirInUseError, openDatabase, type Database } from '../../platform/database/database';
import { writeDatasets } from './export';
import { exportNationalDay, summaryText } from './run';
import { nationalSettingsOverride } from './settings';

const USAGE = '用法 / Usage: npm run export:national -- YYYY-MM-DD [--out DIR] [--settings FILE.json] [--own-only]';

let database: Database | undefined;
try {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, settings: { type: 'string' }, 'own-only': { type: 'boolean' } }, allowPositionals: true });
  const date = positionals[0];
  if (positionals.length !== 1 || !date || !isLocalDate(date)) throw new Error(`${USAGE}`);
  const override = values.settings ? nationalSettingsOverride.parse(JSON.parse(fs.readFileSync(values.settings, 'utf8'))) : undefined;
  const config = loadConfig();
  database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });
  const result = await exportNationalDay(database.db, date, { publicUrl: config.publicUrl, override, external: !values['own-only'] });
  const out = path.resolve(values.out ?? 'national-export');
  writeDatasets(out, date, result.datasets);
  process.stdout.write(summaryText(result, path.join(out, date)));
} catch (error) {
  const message = error instanceof z.ZodError ? `--settings: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` : error instanceof Error ? error.message : error;
  console.error('无法导出 / Could not export:', message);
  if (error instanceof DataDirInUseError) console.error('请先停止平台，或连接 PostgreSQL（DATABASE_URL）/ Stop the platform first, or use PostgreSQL (DATABASE_URL)');
  process.exitCode = 2;
} finally {
  await database?.close();
}
