import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-demo';
import { worksTenderReleases } from '../../src/demo/subplatform/works-releases';
import { syncReleases } from '../../src/exchange/sync/sync';
import { systemContext } from '../../src/platform/context';
import { DATASET_CODES, type DatasetCode, type NationalRecord } from '../../src/exchange/national/datasets';
import { writeDatasets } from '../../src/exchange/national/export';
import { exportNationalDay, summaryText } from '../../src/exchange/national/run';
import { entity } from '../../src/identity/identity.schema';
import { shanghaiDate } from '../../src/platform/calendar/calendar';
import { contract } from '../../src/trading/contract/contract.schema';
import { bid, lot, notice, opening, project } from '../../src/trading/trading.schema';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/**
 * The national report (docs/NATIONAL-DATA.md) over the demo: every day with demo activity is
 * exported, and the datasets hold the demo's works tender and procurements with their codes,
 * amounts and Shanghai times, and nothing of a box still sealed.
 */
let t: TestPlatform;
const all = Object.fromEntries(DATASET_CODES.map((c) => [c, [] as NationalRecord[]])) as Record<DatasetCode, NationalRecord[]>;
let days: string[] = [];
let outDir: string;
const override = { platformCode: 'PT-TEST-0001', pubServicePlatCode: 'PS-TEST-0001', subPlatformCodes: { P02: 'PT-TEST-P02' } };
/** A works tender the construction sub-platform traded and synced here (its tender, award and contract releases), between demo entities. */
let SYNCED: Record<string, unknown>[] = [];
let BUYER = '';
let WINNER = '';
let OTHER = '';

/** Shanghai wall-clock digits, computed apart from the code under test. */
const digits14 = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
const yuanText = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-23T02:00:00.000Z' });
  await seedDemoData(t.platform);
  const db = t.platform.database.db;
  const [subPlatform] = await db.select({ id: entity.id }).from(entity).where(eq(entity.entityType, 'subPlatform'));
  const named = async (name: string) => (await db.select({ creditCode: entity.creditCode }).from(entity).where(eq(entity.name, name)))[0]!.creditCode;
  BUYER = await named('上海市公路事务中心');
  WINNER = await named('上海城建道路养护工程有限公司');
  const otherSupplier = (await db.select({ name: entity.name, creditCode: entity.creditCode }).from(entity).where(eq(entity.entityType, 'supplier'))).find((e) => e.creditCode !== WINNER)!;
  OTHER = otherSupplier.creditCode;
  SYNCED = worksTenderReleases({
    prefix: 'ocds-shjs01',
    number: 'JS2026-0888',
    title: '2026年度市管公路（沪闵路段）日常养护工程',
    buyer: { name: '上海市公路事务中心', creditCode: BUYER },
    bidders: [
      { name: '上海城建道路养护工程有限公司', creditCode: WINNER, priceFen: 9_876_543_21 },
      { name: otherSupplier.name, creditCode: OTHER, priceFen: 9_910_000_00 },
    ],
    winner: WINNER,
    budgetFen: 10_000_000_00,
    publishedAt: '2026-09-21T01:00:00.000Z',
  });
  try {
    await syncReleases(systemContext(t.platform), subPlatform!.id, SYNCED);
  } catch (e) {
    throw new Error(JSON.stringify((e as { details?: unknown }).details ?? e));
  }
  const instants = [
    ...(await db.select({ at: notice.publishedAt }).from(notice)),
    ...(await db.select({ at: opening.startedAt }).from(opening)),
    ...(await db.select({ at: contract.signedAt }).from(contract)).filter((r): r is { at: Date } => r.at !== null),
    ...SYNCED.map((r) => ({ at: new Date(String(r.date)) })),
  ];
  days = [...new Set(instants.map((r) => shanghaiDate(r.at)))].sort();
  for (const day of days) {
    const result = await exportNationalDay(db, day, { publicUrl: t.platform.config.publicUrl, override });
    for (const code of DATASET_CODES) all[code].push(...result.datasets[code]);
  }
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'national-'));
}, 240_000);
afterAll(async () => {
  await t?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

async function projectByTitle(title: string) {
  const db = t.platform.database.db;
  const [p] = await db.select().from(project).where(eq(project.title, title));
  if (!p) throw new Error(`demo project missing: ${title}`);
  const lots = await db.select().from(lot).where(eq(lot.projectId, p.id));
  return { ...p, lots };
}

async function creditCodes(ids: string[]) {
  const rows = await t.platform.database.db.select({ id: entity.id, creditCode: entity.creditCode }).from(entity).where(inArray(entity.id, ids));
  return new Map(rows.map((r) => [r.id, r.creditCode]));
}

describe('the works tender under the Bidding Law (GCJS_*)', () => {
  it('reports the tender project once, with its codes, region and the jurisdiction’s platform code', async () => {
    const p = await projectByTitle('市管公路（龙吴路段）日常养护工程');
    const records = all.GCJS_TENDER_PROJECT.filter((r) => r.TENDER_PROJECT_CODE === p.projectNumber);
    expect(records).toHaveLength(1);
    const codes = await creditCodes([p.purchaserEntityId, p.agencyEntityId!]);
    expect(records[0]).toMatchObject({
      TENDER_PROJECT_NAME: p.title,
      REGION_CODE: p.regionCode,
      TENDERER_CODE: codes.get(p.purchaserEntityId),
      TENDER_AGENCY_CODE: codes.get(p.agencyEntityId!),
      TENDER_MODE: '1',
      TENDER_ORGANIZE_FORM: '2',
      PLATFORM_CODE: 'PT-TEST-0001',
      CREATE_TIME: digits14(p.createdAt),
    });
    expect(all.ZFCG_PURCHASE_PROJECT.some((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber)).toBe(false);
    const sections = all.GCJS_SECTION.filter((r) => r.TENDER_PROJECT_CODE === p.projectNumber);
    expect(sections.map((s) => s.UNIFIED_DEAL_CODE)).toEqual(p.lots.map(() => p.transactionCode));
    expect(sections.map((s) => s.CONTRACT_RECKON_PRICE).sort()).toEqual(p.lots.map((l) => yuanText(l.maxPriceFen ?? l.budgetFen)).sort());
    expect(all.GCJS_NOTICE.some((n) => n.TENDER_PROJECT_CODE === p.projectNumber && /^\d{14}$/.test(n.NOTICE_SEND_TIME!))).toBe(true);
  });

  it('reports the opening with every bidder, and the candidates in the order publicised', async () => {
    const p = await projectByTitle('市管公路（龙吴路段）日常养护工程');
    const db = t.platform.database.db;
    const [open] = await db.select().from(opening).where(eq(opening.projectId, p.id));
    const records = all.GCJS_OPENING_RECORD.filter((r) => r.TENDER_PROJECT_CODE === p.projectNumber);
    expect(records).toHaveLength(1);
    expect(records[0]!.BID_OPENING_TIME).toBe(digits14(open!.startedAt));
    const bids = await db.select().from(bid).where(eq(bid.projectId, p.id));
    const live = bids.filter((b) => b.status === 'decrypted');
    expect(live.length).toBeGreaterThanOrEqual(3);
    const codes = await creditCodes(live.map((b) => b.supplierEntityId));
    const listed = all.GCJS_TENDER_LIST.filter((r) => r.TENDER_PROJECT_CODE === p.projectNumber);
    expect(listed.map((r) => r.BIDDER_ORG_CODE).sort()).toEqual(live.map((b) => codes.get(b.supplierEntityId)).sort());
    for (const b of live) {
      const priceFen = (b.priceSchedule as { totalPriceFen: number }).totalPriceFen;
      expect(listed.find((r) => r.BIDDER_ORG_CODE === codes.get(b.supplierEntityId))!.BID_PRICE).toBe(yuanText(priceFen));
    }
    const [publicity] = await db.select().from(notice).where(eq(notice.projectId, p.id)).then((rows) => rows.filter((n) => n.noticeType === 'candidates'));
    const candidates = all.GCJS_WIN_CANDIDATE.filter((r) => r.TENDER_PROJECT_CODE === p.projectNumber);
    const publicised = (publicity!.fields as { candidates: { rank: number; name: string; priceFen: number }[] }).candidates;
    expect(publicised.length).toBeGreaterThan(0);
    expect(candidates.map((c) => [c.WIN_CANDIDATE_ORDER, c.WIN_CANDIDATE_NAME, c.BID_PRICE])).toEqual(publicised.map((c) => [String(c.rank), c.name, yuanText(c.priceFen)]));
    // Every candidate is a bidder: its credit code comes with it.
    expect(candidates.every((c) => listed.some((r) => r.BIDDER_ORG_CODE === c.WIN_CANDIDATE_CODE))).toBe(true);
  });
});

describe('a works tender synced from the construction sub-platform', () => {
  it('is reported in GCJS_* under the sub-platform’s PLATFORM_CODE: project, bidders, result and contract', () => {
    const code = 'JS2026-0888';
    const projectRecords = all.GCJS_TENDER_PROJECT.filter((r) => r.TENDER_PROJECT_CODE === code);
    expect(projectRecords).toHaveLength(1);
    expect(projectRecords[0]).toMatchObject({ PLATFORM_CODE: 'PT-TEST-P02', TENDERER_CODE: BUYER, REGION_CODE: '310000', CREATE_TIME: digits14(new Date('2026-09-21T01:00:00.000Z')) });
    expect(all.GCJS_SECTION.filter((r) => r.TENDER_PROJECT_CODE === code).map((r) => r.CONTRACT_RECKON_PRICE)).toEqual([yuanText(10_000_000_00)]);
    expect(all.GCJS_TENDER_LIST.filter((r) => r.TENDER_PROJECT_CODE === code).map((r) => [r.BIDDER_ORG_CODE, r.BID_PRICE])).toEqual([
      [WINNER, yuanText(9_876_543_21)],
      [OTHER, yuanText(9_910_000_00)],
    ]);
    expect(all.GCJS_RESULT_NOTICE.filter((r) => r.TENDER_PROJECT_CODE === code).map((r) => [r.WIN_BIDDER_CODE, r.BID_AMOUNT])).toEqual([[WINNER, yuanText(9_876_543_21)]]);
    const contracts = all.GCJS_CONTRACT.filter((r) => r.TENDER_PROJECT_CODE === code);
    const signed = SYNCED.flatMap((r) => (r.contracts as { dateSigned: string }[] | undefined) ?? [])[0]!;
    expect(contracts.map((r) => [r.BIDDER_CODE, r.CONTRACT_PRICE, r.CONTRACT_SIGN_TIME, r.PLATFORM_CODE])).toEqual([[WINNER, yuanText(9_876_543_21), digits14(new Date(signed.dateSigned)), 'PT-TEST-P02']]);
    expect(all.ZFCG_PURCHASE_PROJECT.some((r) => r.PURCHASE_PROJECT_CODE === code)).toBe(false);
  });
});

describe('government procurement (ZFCG_*)', () => {
  it('reports the awarded lighting project’s result and signed contract with the winner, price and signing time', async () => {
    const p = await projectByTitle('徐汇区中小学教室照明改造灯具采购');
    const [c] = await t.platform.database.db.select().from(contract).where(eq(contract.projectId, p.id));
    const codes = await creditCodes([c!.supplierEntityId, p.purchaserEntityId]);
    const results = all.ZFCG_BID_DEAL_ANNOUNCE.filter((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ WINNINGBIDDER_CODE: codes.get(c!.supplierEntityId), WIN_BID_PRICE: yuanText(c!.priceFen), UNIFIED_DEAL_CODE: p.transactionCode, REGION_CODE: p.regionCode });
    const contracts = all.ZFCG_PURCHASE_CONTRACT.filter((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber);
    expect(contracts).toHaveLength(1);
    expect(contracts[0]).toMatchObject({ CONTRACT_CODE: c!.contractNumber, CONTRACT_AMOUNT: yuanText(c!.priceFen), SIGNING_TIME: digits14(c!.signedAt!), PURCHASER_CODE: codes.get(p.purchaserEntityId), SUPPLIER_CODE: codes.get(c!.supplierEntityId) });
    const projectRecords = all.ZFCG_PURCHASE_PROJECT.filter((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber);
    expect(projectRecords.map((r) => r.PROGRAM_BUDGET)).toEqual(p.lots.map(() => yuanText(p.lots.reduce((s, l) => s + l.budgetFen, 0))));
    expect(projectRecords.every((r) => r.PURCHASER_MODE === '1' && r.PURCHASER_ORGANIZE_FORM === '2')).toBe(true);
  });

  it('reports a project still before its deadline, and no bidder of its sealed box', async () => {
    const p = await projectByTitle('中小学创客实验室设备采购');
    expect(p.deadline!.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const sealed = await t.platform.database.db.select().from(bid).where(eq(bid.projectId, p.id));
    expect(sealed.length).toBeGreaterThan(0);
    expect(all.ZFCG_PURCHASE_PROJECT.some((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber)).toBe(true);
    expect(all.ZFCG_PURCHASE_QUALI_INQUERY_ANN.some((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber)).toBe(true);
    for (const code of ['ZFCG_PURCHASE_TENDER_LIST', 'ZFCG_BID_DEAL_ANNOUNCE', 'ZFCG_PURCHASE_CONTRACT'] as const) expect(all[code].filter((r) => r.PURCHASE_PROJECT_CODE === p.projectNumber)).toEqual([]);
    const bidderCodes = await creditCodes(sealed.map((b) => b.supplierEntityId));
    const mentions = DATASET_CODES.flatMap((code) => all[code]).filter((r) => Object.values(r).some((v) => v.includes(p.projectNumber)) && [...bidderCodes.values()].some((cc) => Object.values(r).includes(cc)));
    expect(mentions).toEqual([]);
  });
});

describe('the files', () => {
  it('writes one XML file per dataset for a day, the dataset code its root element, and counts them', async () => {
    // The busiest day of the demo.
    let day = days[0]!;
    let result = await exportNationalDay(t.platform.database.db, day, { publicUrl: t.platform.config.publicUrl });
    for (const other of days) {
      const candidate = await exportNationalDay(t.platform.database.db, other, { publicUrl: t.platform.config.publicUrl });
      const total = (r: typeof result) => Object.values(r.counts).reduce((a, b) => a + b, 0);
      if (total(candidate) > total(result)) [day, result] = [other, candidate];
    }
    expect(Object.values(result.counts).some((n) => n > 0)).toBe(true);
    const files = writeDatasets(outDir, day, result.datasets);
    expect(files.map((f) => path.basename(f, '.xml'))).toEqual(DATASET_CODES);
    for (const [i, file] of files.entries()) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain(`<${DATASET_CODES[i]} date="${day}" count="${result.counts[DATASET_CODES[i]!]}">`);
    }
    const summary = summaryText(result, path.join(outDir, day));
    for (const code of DATASET_CODES) expect(summary).toContain(code);
    // Without settings, the platform's identifiers are named as still to fill.
    expect(summary).toContain('PLATFORM_CODE');
  });
});
