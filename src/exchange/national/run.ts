import type { Db } from '../../platform/database/database';
import { DATASET_CODES, type DatasetCode } from './datasets';
import { buildDatasets, type Datasets } from './export';
import { loadExternalDay } from './external';
import { loadDayFacts } from './load';
import { missingSettings, settingsForRegion, type NationalSettings, type NationalSettingsOverride } from './settings';

export interface NationalExport {
  date: string;
  datasets: Datasets;
  counts: Record<DatasetCode, number>;
  /** Per region reported: the required settings still empty (written as empty fields). */
  missing: Record<string, string[]>;
}

/** One Shanghai day's report: the day's public facts, each region with its own settings. */
export async function exportNationalDay(db: Db, date: string, options: { publicUrl: string; override?: NationalSettingsOverride; external?: boolean }): Promise<NationalExport> {
  const own = await loadDayFacts(db, date, { publicUrl: options.publicUrl });
  // Procurements synced from sub-platforms follow the platform's own (options.external false leaves them out).
  const day = { ...own, projects: [...own.projects, ...(options.external === false ? [] : await loadExternalDay(db, date))] };
  const settings = new Map<string, NationalSettings>();
  for (const region of new Set(day.projects.map((p) => p.project.regionCode))) settings.set(region, await settingsForRegion(db, region, options.override));
  const datasets = buildDatasets(day, (region) => settings.get(region)!);
  const missing: Record<string, string[]> = {};
  for (const [region, s] of settings) {
    const gaps = missingSettings(s);
    const subPlatforms = new Set(day.projects.flatMap((p) => (p.project.regionCode === region && p.project.tradingPlatform ? [p.project.tradingPlatform] : [])));
    for (const code of subPlatforms) if (!s.subPlatformCodes[code]) gaps.push(`subPlatformCodes.${code} (PLATFORM_CODE)`);
    if (gaps.length) missing[region] = gaps;
  }
  return { date, datasets, counts: Object.fromEntries(DATASET_CODES.map((c) => [c, datasets[c].length])) as Record<DatasetCode, number>, missing };
}

/** The summary printed after a run: a count per dataset, the files' folder, and settings still to fill. */
export function summaryText(result: NationalExport, folder: string): string {
  const width = Math.max(...DATASET_CODES.map((c) => c.length));
  const lines = [`${result.date} 全国公共资源交易数据报送 / national report → ${folder}`];
  for (const code of DATASET_CODES) lines.push(`  ${code.padEnd(width)}  ${result.counts[code]}`);
  for (const [region, gaps] of Object.entries(result.missing)) lines.push(`  ! ${region} 待配置 / settings to fill: ${gaps.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
