import { describe, expect, it } from 'vitest';
import { worksTenderReleases } from '../../demo/subplatform/works-releases';
import { shanghaiInstant } from '../../platform/calendar/calendar';
import { gcjsContract, gcjsResultNotice, gcjsTenderList, gcjsTenderProject } from './datasets';
import { externalProjectFacts, externalReleaseFacts, fenOf, methodOf } from './external';
import { DEFAULT_NATIONAL_SETTINGS, mergeNationalSettings } from './settings';

const releases = worksTenderReleases({
  prefix: 'ocds-shjs01',
  number: 'JS2026-0101',
  title: '2026年度市管公路（沪闵路段）日常养护工程',
  buyer: { name: '上海市公路事务中心', creditCode: '12310000MB2F00001X' },
  bidders: [
    { name: '甲养护公司', creditCode: '91310000AAAAAAAAA1', priceFen: 9_876_543_21 },
    { name: '乙养护公司', creditCode: '91310000BBBBBBBBB2', priceFen: 9_900_000_00 },
  ],
  winner: '91310000AAAAAAAAA1',
  budgetFen: 10_000_000_00,
  publishedAt: '2026-10-01T01:00:00.000Z',
});
const settings = mergeNationalSettings(DEFAULT_NATIONAL_SETTINGS, { platformCode: 'MAIN', subPlatformCodes: { P02: 'SUB-P02' } });
const row = (compiled: Record<string, unknown>) => ({ ocid: 'ocds-shjs01-JS2026-0101', regionCode: '310000', title: 't', buyerName: null, buyerCreditCode: null, valueFen: null, firstDate: new Date('2026-10-01T01:00:00Z'), compiled });
const dayOf = (date: string) => ({ from: shanghaiInstant(date), to: new Date(shanghaiInstant(date).getTime() + 86_400_000) });

describe('a works tender synced from the construction sub-platform', () => {
  // A compiled release, roughly: later releases' top-level fields over earlier ones'.
  const compiled = Object.assign({}, ...releases) as Record<string, unknown>;
  const project = externalProjectFacts(row(compiled));

  it('is works tendering, reported under the sub-platform’s PLATFORM_CODE with its own numbers', () => {
    expect(project).toMatchObject({ regime: 'tendering', category: 'works', method: 'openTender', projectNumber: 'JS2026-0101', tradingPlatform: 'P02' });
    expect(project.purchaser).toEqual({ name: '上海市公路事务中心', creditCode: '12310000MB2F00001X' });
    expect(project.lots).toEqual([{ lotNo: 1, title: '2026年度市管公路（沪闵路段）日常养护工程', budgetFen: 10_000_000_00, maxPriceFen: null }]);
    expect(gcjsTenderProject(project, settings)).toMatchObject({ PLATFORM_CODE: 'SUB-P02', TENDERER_CODE: '12310000MB2F00001X', TENDER_ORGANIZE_FORM: settings.organizeFormCodes.self });
  });

  it('reports the bids and the result on the award’s day, the contract on its signing day, in fen exactly', () => {
    const award = releases.find((r) => (r.tag as string[]).includes('award'))!;
    const facts = externalReleaseFacts(project, award, new Date(String(award.date)), dayOf('2026-10-31'));
    expect(facts.openings[0]!.bidders.map((b) => [b.bidder.creditCode, b.priceFen])).toEqual([['91310000AAAAAAAAA1', 9_876_543_21], ['91310000BBBBBBBBB2', 9_900_000_00]]);
    expect(gcjsTenderList(project, facts.openings[0]!, settings).map((r) => r.BID_PRICE)).toEqual(['9876543.21', '9900000.00']);
    expect(gcjsResultNotice(project, facts.results[0]!, settings)).toMatchObject({ WIN_BIDDER_CODE: '91310000AAAAAAAAA1', BID_AMOUNT: '9876543.21', PLATFORM_CODE: 'SUB-P02' });
    const contract = releases.find((r) => (r.tag as string[]).includes('contract'))!;
    const signedDay = externalReleaseFacts(project, contract, new Date(String(contract.date)), dayOf('2026-11-10'));
    expect(gcjsContract(project, signedDay.contracts[0]!, settings)).toMatchObject({ BIDDER_CODE: '91310000AAAAAAAAA1', CONTRACT_PRICE: '9876543.21', CONTRACT_SIGN_TIME: '20261110090000' });
    expect(externalReleaseFacts(project, contract, new Date(String(contract.date)), dayOf('2026-11-11')).contracts).toEqual([]);
  });
});

describe('codes from OCDS', () => {
  it('maps the methods back from procurementMethod and its details', () => {
    expect(methodOf('open', '公开招标')).toBe('openTender');
    expect(methodOf('selective', '竞争性磋商')).toBe('consultation');
    expect(methodOf('selective', '询价')).toBe('rfq');
    expect(methodOf('selective', '竞争性谈判')).toBe('negotiation');
    expect(methodOf('direct', '单一来源')).toBe('singleSource');
  });

  it('turns yuan into whole fen without floating-point drift', () => {
    expect(fenOf({ amount: 0.29, currency: 'CNY' })).toBe(29);
    expect(fenOf({ amount: 9876543.21 })).toBe(987654321);
    expect(fenOf({})).toBeNull();
  });
});
