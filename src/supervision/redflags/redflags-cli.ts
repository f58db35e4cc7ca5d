// npm run redflags -- FILE.jsonl [--settings FILE.json]
// Reads OCDS compiled releases (one JSON object per line, "-" for standard input), runs the red-flag
// indicators and, per contracting process with at least 4 valid bid prices, the bid-distribution screens.
// Prints cardinal's `indicators` shape: {"OCID": {ocid: {code: value}}, "Buyer": …, "ProcuringEntity": …,
// "Tenderer": …}, screen values under OCID (S-CV …), and "ScreenFlags": {ocid: [codes]} for flagged lots.
// A bad line is reported on stderr with its number and skipped. Exit code 0: done; 2: could not run.
// Settings (JSON): global options and indicator parameters by code (see ocds/index.ts), screen thresholds
// by code ({"S-CV": {"threshold": 0.05, "averageBenchmarkThreshold": 0.2}}), and "defaultAwardMethod".
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { contextFromSettings, runIndicators, SettingsError, validateSettings, type IndicatorSettings } from './ocds/index';
import { allowsPriceComparison, asString, bidDetails, bidPrice, eligibleReleases, mainCurrency, statusOf, tenderOf } from './ocds/release';
import { setResult } from './ocds/results';
import type { CompiledRelease, JsonValue, Results } from './ocds/types';
import { AWARD_METHODS, SCREEN_CODES, screenLot, type AwardMethod, type ScreenCode, type ScreenSettings } from './screens';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Opens the input; "-" is standard input. */
  open(path: string): Readable;
  readText(path: string): string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  open: (path) => (path === '-' ? process.stdin : fs.createReadStream(path, { encoding: 'utf8' })),
  readText: (path) => fs.readFileSync(path, 'utf8'),
};

const USAGE = '用法 / Usage: npm run redflags -- FILE.jsonl [--settings FILE.json]\n';

/** OCDS /tender/awardCriteria codes (and our own names) mapped to the award methods the screens know. */
const AWARD_METHOD_BY_CRITERIA: Record<string, AwardMethod> = {
  priceOnly: 'lowestPrice',
  costOnly: 'lowestPrice',
  lowestCost: 'lowestPrice',
  qualityOnly: 'comprehensiveScoring',
  ratedCriteria: 'comprehensiveScoring',
  bestProposal: 'comprehensiveScoring',
  bestValueToGovernment: 'comprehensiveScoring',
  lowestPrice: 'lowestPrice',
  comprehensiveScoring: 'comprehensiveScoring',
  averageBenchmark: 'averageBenchmark',
};

export interface CliSettings {
  indicators: IndicatorSettings;
  screens: ScreenSettings;
  /** For processes whose /tender/awardCriteria does not say. */
  defaultAwardMethod: AwardMethod;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Splits and checks a settings object; throws SettingsError naming the bad key. */
export function parseCliSettings(raw: unknown): CliSettings {
  if (!isRecord(raw)) throw new SettingsError('the settings file must hold a JSON object');
  const indicatorPart: Record<string, unknown> = {};
  const screens: ScreenSettings = {};
  let defaultAwardMethod: AwardMethod = 'lowestPrice';
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'defaultAwardMethod') {
      const method = AWARD_METHODS.find((candidate) => candidate === value);
      if (method === undefined) throw new SettingsError(`defaultAwardMethod must be one of ${AWARD_METHODS.join(', ')}`);
      defaultAwardMethod = method;
    } else if ((SCREEN_CODES as readonly string[]).includes(key)) {
      if (!isRecord(value)) throw new SettingsError(`${key} must be an object`);
      const thresholds: { threshold?: number; averageBenchmarkThreshold?: number } = {};
      for (const [name, threshold] of Object.entries(value)) {
        if ((name !== 'threshold' && name !== 'averageBenchmarkThreshold') || typeof threshold !== 'number' || !Number.isFinite(threshold)) {
          throw new SettingsError(`${key}.${name}: only "threshold" and "averageBenchmarkThreshold", as numbers`);
        }
        thresholds[name] = threshold;
      }
      screens[key as ScreenCode] = thresholds;
    } else {
      indicatorPart[key] = value;
    }
  }
  return { indicators: validateSettings(indicatorPart), screens, defaultAwardMethod };
}

function awardMethodOf(release: CompiledRelease, fallback: AwardMethod): AwardMethod {
  const criteria = asString(tenderOf(release)?.awardCriteria);
  return (criteria !== undefined ? AWARD_METHOD_BY_CRITERIA[criteria] : undefined) ?? fallback;
}

/** Screens every process with at least 4 valid bid prices in the main currency, where prices may be compared. */
export function screenReleases(releases: readonly CompiledRelease[], settings: CliSettings): { results: Results; flags: Record<string, ScreenCode[]> } {
  const context = contextFromSettings(settings.indicators);
  const currency = mainCurrency(releases, context);
  const results: Results = {};
  const flags: Record<string, ScreenCode[]> = {};
  for (const { ocid, release } of eligibleReleases(releases, context)) {
    if (!allowsPriceComparison(release, context)) continue;
    const prices = (bidDetails(release) ?? []).flatMap((bid) => {
      const price = statusOf(bid) === 'valid' ? bidPrice(bid) : undefined;
      return price !== undefined && price.currency === currency ? [price.amount] : [];
    });
    const lot = screenLot(prices, awardMethodOf(release, settings.defaultAwardMethod), settings.screens);
    if (lot === null) continue;
    for (const code of SCREEN_CODES) {
      const value = lot.values[code];
      if (value !== null) setResult(results, 'OCID', ocid, code, value);
    }
    if (lot.flags.length > 0) flags[ocid] = lot.flags;
  }
  return { results, flags };
}

/** Reads JSONL: one object per line; blank lines are skipped quietly, bad ones with a message naming the line. */
export async function readReleases(input: Readable, io: Pick<CliIo, 'stderr'>): Promise<{ releases: CompiledRelease[]; skipped: number; lines: number }> {
  const releases: CompiledRelease[] = [];
  let skipped = 0;
  let lines = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    lines += 1;
    if (line.trim() === '') continue;
    let value: JsonValue;
    try {
      value = JSON.parse(line) as JsonValue;
    } catch (error) {
      skipped += 1;
      io.stderr(`第 ${lines} 行不是有效的 JSON，已跳过 / line ${lines}: invalid JSON, skipped (${error instanceof Error ? error.message : String(error)})\n`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      skipped += 1;
      io.stderr(`第 ${lines} 行不是 JSON 对象，已跳过 / line ${lines}: not a JSON object (a compiled release), skipped\n`);
      continue;
    }
    releases.push(value);
  }
  return { releases, skipped, lines };
}

/** The whole command; returns the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo): Promise<number> {
  let file: string;
  let settings: CliSettings;
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { settings: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) {
      io.stderr(USAGE);
      return 2;
    }
    file = positionals[0]!;
    settings = parseCliSettings(values.settings === undefined ? {} : (JSON.parse(io.readText(values.settings)) as unknown));
  } catch (error) {
    io.stderr(`设置无效 / Invalid arguments or settings: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  let read: Awaited<ReturnType<typeof readReleases>>;
  try {
    read = await readReleases(io.open(file), io);
  } catch (error) {
    io.stderr(`无法读取 / Could not read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (read.skipped > 0) io.stderr(`共跳过 ${read.skipped} 行 / ${read.skipped} of ${read.lines} lines skipped\n`);
  const results = runIndicators(read.releases, settings.indicators);
  const screens = screenReleases(read.releases, settings);
  const ocidResults = results.OCID ?? {};
  for (const [ocid, values] of Object.entries(screens.results.OCID ?? {})) ocidResults[ocid] = { ...ocidResults[ocid], ...values };
  const output: Results & { ScreenFlags?: Record<string, ScreenCode[]> } = {
    ...(Object.keys(ocidResults).length > 0 ? { OCID: ocidResults } : {}),
    ...(results.Buyer ? { Buyer: results.Buyer } : {}),
    ...(results.ProcuringEntity ? { ProcuringEntity: results.ProcuringEntity } : {}),
    ...(results.Tenderer ? { Tenderer: results.Tenderer } : {}),
    ...(Object.keys(screens.flags).length > 0 ? { ScreenFlags: screens.flags } : {}),
  };
  io.stdout(`${JSON.stringify(output)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
