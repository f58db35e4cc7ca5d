import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, parseCliSettings, type CliIo } from '../redflags-cli';
import { SettingsError } from './index';

const sample = path.join(import.meta.dirname, 'fixtures', 'sample.jsonl');

/** Runs the command with captured output; settings files are given by name → text. */
async function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    open: (file) => (file in files ? Readable.from([files[file]!]) : fs.createReadStream(file, { encoding: 'utf8' })),
    readText: (file) => files[file] ?? fs.readFileSync(file, 'utf8'),
  };
  const code = await main(args, io);
  return { code, stdout, stderr, output: stdout === '' ? undefined : (JSON.parse(stdout) as Record<string, Record<string, Record<string, number>>>) };
}

describe('redflags CLI on fixtures/sample.jsonl', () => {
  it('prints the indicators and, for lots of 4+ valid bids, the screens; bad lines are named and counted', async () => {
    const { code, output, stderr } = await run([sample]);
    expect(code).toBe(0);
    // Line 4 is cut short and line 6 is an array; line 7 is blank (skipped quietly, as cardinal does).
    expect(stderr).toContain('line 4: invalid JSON');
    expect(stderr).toContain('line 6: not a JSON object');
    expect(stderr).toContain('2 of 10 lines skipped');
    expect(Object.keys(output ?? {})).toEqual(['OCID', 'Tenderer', 'ScreenFlags']);
    const ocid = output?.OCID ?? {};
    // 001: a 10-day period (< 15). Its bids 100 000.00, 102 000.00, 104 000.00, 110 000.00 yuan, in fen, are 100 102 104 110 scaled:
    // CV 0.041543, spread 0.1, RD 0.480384, kurtosis 1.5, skewness 1.19034 (the arithmetic is in screens.test.ts).
    expect(ocid['ocds-demo-001']).toEqual({
      R003: 1,
      'S-CV': expect.closeTo(0.041543, 6) as number,
      'S-SPD': expect.closeTo(0.1, 10) as number,
      'S-RD': expect.closeTo(0.480384, 6) as number,
      'S-KURT': expect.closeTo(1.5, 10) as number,
      'S-SKEW': expect.closeTo(1.19034, 5) as number,
    });
    expect(ocid['ocds-demo-002']).toEqual({ R018: 1 }); // open, one tenderer
    // 003: the one valid bid won and two others were disqualified (R035 = 2), the lowest among them (R036).
    expect(ocid['ocds-demo-003']).toEqual({ R035: 2, R036: 1 });
    // 004: T-J and T-K bid 5000.00 each and share a telephone written two ways (2 tenderers).
    expect(ocid['ocds-demo-004']).toEqual({ R028: 1, R044: 2 });
    expect(ocid['ocds-demo-005']).toEqual({ R030: 1 }); // the winner's bid came 30 minutes late
    expect(ocid).not.toHaveProperty('ocds-demo-006'); // cancelled
    // 007: 100 120 140 160 (×10⁵ fen) under an average benchmark: CV 25.81989/130 = 0.198615, spread 0.6, RD 20/20 = 1.
    expect(ocid['ocds-demo-007']).toMatchObject({ 'S-CV': expect.closeTo(0.198615, 6) as number, 'S-SPD': expect.closeTo(0.6, 10) as number, 'S-RD': expect.closeTo(1, 10) as number });
    // Second-lowest ratios 0 (004), 0.02 (001), 0.1 (005): Q1 at (3+1/3)·0.25+1/3 = 1.1667 → 0 + 0.1667·0.02 = 0.00333,
    // Q3 at 2.8333 → 0.02 + 0.8333·0.08 = 0.08667; fences −0.1217 and 0.2117: neither R024 nor R058.
    expect(JSON.stringify(output)).not.toMatch(/R024|R058/);
    expect(output?.Tenderer).toEqual({ 'T-J': { R028: 1, R044: 1 }, 'T-K': { R028: 1, R044: 1 }, 'T-M': { R030: 1 }, 'T-G': { R035: 0 } });
    expect(output?.ScreenFlags).toEqual({ 'ocds-demo-001': ['S-CV', 'S-KURT'], 'ocds-demo-007': ['S-CV', 'S-SPD'] });
  });

  it('takes parameters by code from --settings', async () => {
    const settings = JSON.stringify({ R003: { threshold: 10 }, R028: false, 'S-CV': { threshold: 0.04 }, defaultAwardMethod: 'comprehensiveScoring' });
    const { code, output } = await run([sample, '--settings', 'settings.json'], { 'settings.json': settings });
    expect(code).toBe(0);
    expect(output?.OCID?.['ocds-demo-001']).not.toHaveProperty('R003'); // 10 days is not fewer than 10
    expect(output?.OCID?.['ocds-demo-004']).toEqual({ R044: 2 });
    expect(output?.ScreenFlags).toEqual({ 'ocds-demo-001': ['S-KURT'], 'ocds-demo-007': ['S-CV', 'S-SPD'] });
  });

  it('refuses bad settings and a missing file with exit code 2, before printing anything', async () => {
    expect(await run([sample, '--settings', 's.json'], { 's.json': '{"R003": {"treshold": 10}}' })).toMatchObject({ code: 2, stdout: '' });
    expect(await run([sample, '--settings', 's.json'], { 's.json': '{"S-RD": {"threshold": "1"}}' })).toMatchObject({ code: 2, stdout: '' });
    expect(await run([path.join(import.meta.dirname, 'fixtures', 'missing.jsonl')])).toMatchObject({ code: 2, stdout: '' });
    expect(await run([])).toMatchObject({ code: 2, stdout: '' });
    expect(() => parseCliSettings({ defaultAwardMethod: 'cheapest' })).toThrow(SettingsError);
  });

  it('an empty input gives an empty object', async () => {
    expect(await run(['empty.jsonl'], { 'empty.jsonl': '\n\n' })).toMatchObject({ code: 0, stdout: '{}\n', stderr: '' });
  });
});
