// npm run ocds:import -- FILE [--publisher NAME] [--region CODE]
// Loads OCDS data published by others (a release package, a record package, or JSON Lines of releases
// or of packages) as read-only procurements traded elsewhere, shown on the portal under the
// publisher's name and read by supervision's OCDS indicators; never republished in the change feed.
// All or nothing per file: a line that is not JSON loads nothing. Importing a file again is a no-op.
// Exit code 0: imported (or nothing new); 1: the file was refused; 2: could not run.
// With PGlite it refuses to open the data directory while the platform runs on it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPlatform, type RunningPlatform } from '../../app';
import { loadConfig } from '../../platform/config';
import { systemContext } from '../../platform/context';
import { DataDirInUseError } from '../../platform/database/database';
import { DomainError } from '../../platform/errors';
import { importOcds, type ImportSummary } from './import';
import { progressLine, SKIP_LABELS } from './import.parse';

const USAGE = '用法 / Usage: npm run ocds:import -- FILE [--publisher NAME] [--region CODE]\n';

/** The summary as printed: Chinese first, then English, one reason a line with its count and examples. */
export function summaryText(s: ImportSummary): string {
  const out: string[] = [];
  out.push(`文件 / File: ${s.fileName} (${s.format}, sha256 ${s.fileSha256.slice(0, 16)}…)`);
  out.push(`发布者 / Publisher: ${s.publisherName}  区划 / Region: ${s.regionCode}`);
  if (s.refused) out.push('文件已损坏，未导入任何数据 / The file is damaged: nothing was imported');
  else out.push(`已导入发布 / Imported releases: ${s.imported} / ${s.found}  采购项目 / Procurements: ${s.procurements}${s.importId ? `  导入编号 / Import: ${s.importId}` : '  (无新数据，未写入 / nothing new, nothing written)'}`);
  const skipped = s.skipped.reduce((n, r) => n + r.count, 0);
  if (skipped) out.push(`跳过 / Skipped: ${skipped}`);
  for (const r of s.skipped) {
    out.push(`  ${SKIP_LABELS[r.reason].zh} / ${SKIP_LABELS[r.reason].en}: ${r.count}`);
    for (const e of r.examples) out.push(`    - ${e}`);
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<number> {
  let values: { publisher?: string; region?: string };
  let file: string;
  try {
    const args = parseArgs({ options: { publisher: { type: 'string' }, region: { type: 'string' } }, allowPositionals: true });
    if (args.positionals.length !== 1) {
      process.stderr.write(USAGE);
      return 2;
    }
    values = args.values;
    file = args.positionals[0]!;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    process.stderr.write(`无法读取 / Could not read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  let running: RunningPlatform | undefined;
  try {
    running = await createPlatform({ config: loadConfig(), logger: false });
    const tty = process.stderr.isTTY;
    const summary = await importOcds(systemContext(running.platform), {
      fileName: path.basename(file),
      content,
      publisherName: values.publisher,
      regionCode: values.region,
      onProgress: (done, total) => {
        if (tty) process.stderr.write(`\r检查 / Checking ${progressLine(done, total)}`);
        else if (done === total) process.stderr.write(`检查 / Checked ${progressLine(done, total)}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(summaryText(summary));
    return summary.refused ? 1 : 0;
  } catch (error) {
    if (error instanceof DomainError) process.stderr.write(`无法导入 / Could not import: ${error.messages['zh-CN']} / ${error.messages['en-US']}\n`);
    else process.stderr.write(`无法导入 / Could not import: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof DataDirInUseError) process.stderr.write('请先停止平台再导入，或使用 PostgreSQL（DATABASE_URL）/ Stop the platform first, or run on PostgreSQL (DATABASE_URL)\n');
    return 2;
  } finally {
    await running?.close();
  }
}

process.exitCode = await main();
