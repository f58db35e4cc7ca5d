import { describe, expect, it } from 'vitest';
import {
  gcjsNotice,
  gcjsOpeningRecord,
  gcjsSections,
  gcjsTenderList,
  gcjsTenderProject,
  gcjsWinCandidates,
  sectionCode,
  zfcgContract,
  zfcgPurchaseProject,
  zfcgResultNotice,
  type ProjectFacts,
} from './datasets';
import { buildDatasets, datasetXml, emptyDatasets, type ProjectDay } from './export';
import { DEFAULT_NATIONAL_SETTINGS, mergeNationalSettings, missingSettings, type NationalSettings } from './settings';

const settings: NationalSettings = mergeNationalSettings(DEFAULT_NATIONAL_SETTINGS, {
  platformCode: 'PT-TEST-0001',
  pubServicePlatCode: 'PS-TEST-0001',
  worksSuperviseDept: { name: '市住建委', code: 'SUP-W', type: 'W' },
  projectTypeCodes: { goods: 'A', services: 'C', works: 'A01' },
});

const works: ProjectFacts = {
  projectNumber: '310000-2026-GK-0007',
  transactionCode: '12310000425000001202611200000071',
  title: '市管公路日常养护工程',
  description: '养护一年',
  regionCode: '310104',
  category: 'works',
  method: 'openTender',
  regime: 'tendering',
  createdAt: new Date('2026-11-01T01:30:00Z'),
  purchaser: { name: '上海市公路事务中心', creditCode: '12310000MB2F00001X' },
  agency: { name: '上海申远招标代理有限公司', creditCode: '91310000MA1FL00002' },
  lots: [
    { lotNo: 1, title: '龙吴路段', budgetFen: 12_000_000_00, maxPriceFen: 11_800_000_00 },
    { lotNo: 2, title: '沪闵路段', budgetFen: 8_000_000_00, maxPriceFen: null },
  ],
  tradingPlatform: null,
};
const goods: ProjectFacts = { ...works, projectNumber: '310104-2026-XJ-0003', title: '复印纸询价采购', category: 'goods', method: 'rfq', regime: 'procurement', agency: null, lots: [{ lotNo: 1, title: '复印纸', budgetFen: 12_345_678, maxPriceFen: null }] };

describe('works tendering (GCJS_*)', () => {
  it('codes the tender project: mode, entrusted organisation, region, the jurisdiction’s identifiers', () => {
    const r = gcjsTenderProject(works, settings);
    expect(r).toMatchObject({
      TENDER_PROJECT_CODE: works.projectNumber,
      TENDER_MODE: settings.tenderModeCodes.openTender,
      TENDER_ORGANIZE_FORM: settings.organizeFormCodes.entrusted,
      TENDERER_CODE: works.purchaser.creditCode,
      TENDER_AGENCY_CODE: works.agency!.creditCode,
      REGION_CODE: '310104',
      PLATFORM_CODE: 'PT-TEST-0001',
      PUB_SERVICE_PLAT_CODE: 'PS-TEST-0001',
      SUPERVISE_DEPT_CODE: 'SUP-W',
      CREATE_TIME: '20261101093000',
    });
    // With lots, the transaction code belongs to the sections.
    expect(r.UNIFIED_DEAL_CODE).toBe('');
  });

  it('self-run and city-level settings change the codes', () => {
    const r = gcjsTenderProject({ ...works, agency: null }, { ...settings, regionLevel: 'city' });
    expect(r.TENDER_ORGANIZE_FORM).toBe(settings.organizeFormCodes.self);
    expect(r.TENDER_AGENCY_NAME).toBe('');
    expect(r.REGION_CODE).toBe('310100');
  });

  it('gives each lot a section code, the transaction code, and its price cap (else budget) in the chosen unit', () => {
    const [one, two] = gcjsSections(works, settings);
    expect(one).toMatchObject({ BID_SECTION_CODE: `${works.projectNumber}001`, UNIFIED_DEAL_CODE: works.transactionCode, CONTRACT_RECKON_PRICE: '11800000.00', PRICE_UNIT: '元', TENDER_PROJECT_CLASSIFY_CODE: '0000A01' });
    expect(two!.CONTRACT_RECKON_PRICE).toBe('8000000.00');
    const [inWan] = gcjsSections(works, { ...settings, amountUnit: 'wanYuan' });
    expect(inWan).toMatchObject({ CONTRACT_RECKON_PRICE: '1180.000000', PRICE_UNIT: '万元' });
  });

  it('section codes are 3-digit lot numbers after the project number, within 1..999', () => {
    expect(sectionCode(works, 12)).toBe(`${works.projectNumber}012`);
    expect(() => sectionCode(works, 0)).toThrow(RangeError);
    expect(() => sectionCode(works, 1000)).toThrow(RangeError);
  });

  it('dates the tender notice and its document and bid deadlines in Shanghai time', () => {
    const r = gcjsNotice(works, { noticeId: 'n1', kind: 'tender', title: '招标公告', publishedAt: new Date('2026-11-02T00:00:00Z'), url: 'https://x/notices/n1', html: '<p>x</p>', documentsFrom: new Date('2026-11-02T00:00:00Z'), documentsUntil: new Date('2026-11-09T09:00:00Z'), deadline: new Date('2026-11-23T01:30:00Z') }, settings);
    expect(r).toMatchObject({ NOTICE_SEND_TIME: '20261102080000', DOC_GET_END_TIME: '20261109170000', BID_DOC_REFER_END_TIME: '20261123093000', BID_SECTION_CODES: `${works.projectNumber}001,${works.projectNumber}002`, NOTICE_NATURE: settings.noticeNatureCodes.original });
    const correction = gcjsNotice(works, { noticeId: 'n2', kind: 'correction', title: '更正公告', publishedAt: new Date('2026-11-05T00:00:00Z'), url: '', html: '', documentsFrom: null, documentsUntil: null, deadline: null }, settings);
    expect(correction.NOTICE_NATURE).toBe(settings.noticeNatureCodes.correction);
    expect(correction.DOC_GET_START_TIME).toBe('');
  });

  it('lists an opened lot’s bidders, an undecrypted bid without a price', () => {
    const opening = { lotNo: 1, startedAt: new Date('2026-11-23T01:30:00Z'), bidders: [{ bidder: { name: '甲公司', creditCode: 'A1' }, priceFen: 11_500_000_00 }, { bidder: { name: '乙公司', creditCode: 'B2' }, priceFen: null }] };
    const list = gcjsTenderList(works, opening, settings);
    expect(list.map((b) => [b.BIDDER_ORG_CODE, b.BID_PRICE])).toEqual([['A1', '11500000.00'], ['B2', '']]);
    expect(list[0]!.BID_SECTION_CODE).toBe(`${works.projectNumber}001`);
    expect(gcjsOpeningRecord(works, opening, settings)).toMatchObject({ BID_OPENING_TIME: '20261123093000', BID_OPENING_CONTENT: '甲公司：11500000.00元；乙公司：未解密' });
  });

  it('orders the win candidates by rank whatever the order given', () => {
    const r = gcjsWinCandidates(works, { lotNo: 1, publishedAt: new Date('2026-11-27T02:00:00Z'), candidates: [{ rank: 2, name: '乙', creditCode: 'B2', priceFen: 200 }, { rank: 1, name: '甲', creditCode: null, priceFen: 100 }] }, settings);
    expect(r.map((c) => [c.WIN_CANDIDATE_ORDER, c.WIN_CANDIDATE_NAME, c.WIN_CANDIDATE_CODE, c.BIDDER_CODE_TYPE])).toEqual([['1', '甲', '', ''], ['2', '乙', 'B2', settings.creditCodeType]]);
  });

  it('refuses a lot the project does not have, and a project of the other regime', () => {
    expect(() => gcjsTenderList(works, { lotNo: 3, startedAt: new Date(), bidders: [] }, settings)).toThrow(RangeError);
    expect(() => gcjsTenderProject(goods, settings)).toThrow(RangeError);
    expect(() => zfcgPurchaseProject(works, settings)).toThrow(RangeError);
  });
});

describe('government procurement (ZFCG_*)', () => {
  it('codes the purchase project per 包: method, self-run, budget in 元 and 万元', () => {
    const [r] = zfcgPurchaseProject(goods, settings);
    expect(r).toMatchObject({ PURCHASE_PROJECT_CODE: goods.projectNumber, PURCHASE_SECTION_CODE: `${goods.projectNumber}001`, PURCHASER_MODE: settings.purchaseModeCodes.rfq, PURCHASER_ORGANIZE_FORM: settings.organizeFormCodes.self, PROGRAM_BUDGET: '123456.78', UNIFIED_DEAL_CODE: goods.transactionCode });
    expect(zfcgPurchaseProject(goods, { ...settings, amountUnit: 'wanYuan' })[0]!.PROGRAM_BUDGET).toBe('12.345678');
  });

  it('writes the result and the contract with the winner’s credit code and Shanghai times', () => {
    const winner = { name: '丙公司', creditCode: 'C3' };
    expect(zfcgResultNotice(goods, { lotNo: 1, title: '成交结果公告', publishedAt: new Date('2026-11-30T16:00:00Z'), url: 'u', html: 'h', winner, priceFen: 9_999 }, settings)).toMatchObject({ WINNINGBIDDER_CODE: 'C3', WIN_BID_PRICE: '99.99', WIN_BID_BULLETIN_START_TIME: '20261201000000' });
    expect(zfcgContract(goods, { lotNo: 1, contractNumber: 'HT-1', title: '合同', purchaser: goods.purchaser, supplier: winner, priceFen: 9_999, signedAt: new Date('2026-12-01T01:00:00Z') }, settings)).toMatchObject({ SUPPLIER_CODE: 'C3', CONTRACT_AMOUNT: '99.99', SIGNING_TIME: '20261201090000' });
  });
});

describe('the day’s datasets', () => {
  const day = (project: ProjectFacts, firstPublished: boolean): ProjectDay => ({ project, firstPublished, notices: [], openings: [{ lotNo: 1, startedAt: new Date('2026-11-23T01:30:00Z'), bidders: [{ bidder: { name: '甲', creditCode: 'A1' }, priceFen: 1 }] }], candidates: [], results: [], contracts: [] });

  it('reports a project only on the day of its first notice, and each regime in its own datasets', () => {
    const d = buildDatasets({ date: '2026-11-23', projects: [day(works, false), day(goods, true)] }, () => settings);
    expect(d.GCJS_TENDER_PROJECT).toHaveLength(0);
    expect(d.GCJS_TENDER_LIST).toHaveLength(1);
    expect(d.ZFCG_PURCHASE_PROJECT).toHaveLength(1);
    expect(d.ZFCG_PURCHASE_TENDER_LIST).toHaveLength(1);
    expect(d.GCJS_PROJECT).toHaveLength(0);
  });

  it('writes XML whose root element is the dataset code, one RECORD per record, escaped', () => {
    const xml = datasetXml('GCJS_SECTION', '2026-11-23', gcjsSections({ ...works, lots: [{ lotNo: 1, title: 'A&B <路段>', budgetFen: 100, maxPriceFen: null }] }, settings));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<GCJS_SECTION date="2026-11-23" count="1">/);
    expect(xml).toContain('<BID_SECTION_NAME>A&amp;B &lt;路段&gt;</BID_SECTION_NAME>');
    expect(xml.trim().endsWith('</GCJS_SECTION>')).toBe(true);
    expect(datasetXml('GCJS_SECTION', '2026-11-23', emptyDatasets().GCJS_SECTION)).toContain('count="0"');
  });
});

describe('settings', () => {
  it('names the required identifiers a jurisdiction has not filled', () => {
    expect(missingSettings(DEFAULT_NATIONAL_SETTINGS)).toEqual(expect.arrayContaining([expect.stringContaining('PLATFORM_CODE'), expect.stringContaining('PUB_SERVICE_PLAT_CODE')]));
    expect(missingSettings(mergeNationalSettings(settings, { procurementSuperviseDept: { name: '市财政局', code: 'SUP-P', type: 'P' } }))).toEqual([]);
  });

  it('merges an override field by field, and refuses an unknown unit', () => {
    const merged = mergeNationalSettings(settings, { priceUnitCodes: { yuan: '1' } });
    expect(merged.priceUnitCodes).toEqual({ yuan: '1', wanYuan: '万元' });
    expect(merged.platformCode).toBe('PT-TEST-0001');
    expect(() => mergeNationalSettings(settings, { amountUnit: 'fen' as never })).toThrow();
  });
});

describe('a settings file', () => {
  it('may give single fields of a group, and is refused with a field of the wrong kind', async () => {
    const { nationalSettingsOverride } = await import('./settings');
    const parsed = nationalSettingsOverride.parse({ worksSuperviseDept: { code: 'SUP-W2' }, subPlatformCodes: { P02: 'X' } });
    const merged = mergeNationalSettings(settings, parsed);
    expect(merged.worksSuperviseDept).toEqual({ name: '市住建委', code: 'SUP-W2', type: 'W' });
    expect(merged.subPlatformCodes).toEqual({ P02: 'X' });
    expect(() => nationalSettingsOverride.parse({ platformCode: 12 })).toThrow();
  });
});
