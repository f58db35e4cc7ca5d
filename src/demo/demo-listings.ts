import { actorFor } from '../identity';
import { addCalendarDays, shanghaiDate } from '../platform/calendar/calendar';
import { loadCalendar } from '../platform/calendar/calendar.store';
import { ManualClock } from '../platform/clock';
import type { Context, Platform } from '../platform/context';
import { ASSET_TYPE_CONFIG, type AssetType } from '../trading/listings/asset-types';
import { defaultsOf, earliestListingEnd } from '../trading/listings/listing.rules';
import { advanceListing, confirmQualification, publishListing, recordDeposit, registerBidder, submitBid, type ListingInput } from '../trading/listings/listings';

const DAY = 86_400_000;

/**
 * 挂牌、拍卖 demo (docs/LISTINGS.md): a state-owned property listing in its live auction when the
 * platform starts (supplier2 and supplier3 have bid; supplier1 may bid), a judicial auction taking
 * registrations, and a carbon-quota listing that one bidder took at the listed price.
 * The transferor is the demo purchaser's entity (a demo stand-in for an enterprise, a court, an emitter).
 */
export async function seedDemoListings(platform: Platform) {
  const db = platform.database.db;
  const calendar = await loadCalendar(db);
  const at = (ms: number): Platform => ({ ...platform, clock: new ManualClock(ms) });
  const as = async (p: Platform, username: string): Promise<Context> => ({ platform: p, actor: await actorFor(db, username), ip: '203.0.113.200', userAgent: 'demo-data' });
  const now = platform.clock.now().getTime();
  const endOf = (type: AssetType, publishedAt: number) => earliestListingEnd(calendar, ASSET_TYPE_CONFIG[type], defaultsOf(ASSET_TYPE_CONFIG[type]), shanghaiDate(new Date(publishedAt)));

  async function list(p: Platform, input: Omit<ListingInput, 'endsOn'> & { endsOn?: string }, bidders: string[]) {
    const publishedAt = p.clock.now().getTime();
    const endsOn = input.endsOn ?? endOf(input.assetType, publishedAt);
    const l = await publishListing(await as(p, 'purchaser'), { ...input, endsOn });
    const operator = await as(p, 'operator');
    for (const [k, u] of bidders.entries()) {
      const b = await registerBidder(await as(p, u), l.id);
      await recordDeposit(operator, l.id, b.id, { amountFen: input.depositFen, reference: `DEMO-${l.id.slice(0, 8)}-${k + 1}` });
      if (ASSET_TYPE_CONFIG[input.assetType].confirmedBy !== 'automatic') await confirmQualification(ASSET_TYPE_CONFIG[input.assetType].confirmedBy === 'operator' ? operator : await as(p, 'purchaser'), l.id, b.id);
    }
    return { id: l.id, endsOn };
  }

  // 1. State-owned property rights: listed 20 working days (LA-01), now in its live auction.
  const published = now - 40 * DAY;
  const property = await list(
    at(published),
    {
      assetType: 'propertyRights',
      title: '（演示）上海某国有投资公司所持上海演示物流有限公司40%股权转让',
      description: '转让标的为上海演示物流有限公司40%股权；标的企业主营仓储与城市配送。演示数据，非真实项目。',
      qualification: '意向受让方应为依法设立并有效存续的企业法人，具有良好的财务状况和商业信用。',
      listedPriceFen: 1_200_000_000,
      reserveFen: null,
      incrementFen: 5_000_000,
      depositFen: 120_000_000,
    },
    ['supplier1', 'supplier2', 'supplier3'],
  );
  await advanceListing(await as(platform, 'operator'), property.id);
  await submitBid(await as(platform, 'supplier2'), property.id, 1_200_000_000);
  await submitBid(await as(platform, 'supplier3'), property.id, 1_205_000_000);

  // 2. A judicial auction announced today, 15 days ahead (LA-04): supplier4 paid its deposit (which qualifies it).
  await list(
    platform,
    {
      assetType: 'judicialAuction',
      title: '（演示）徐汇区某商业用房（不动产）网络司法拍卖',
      description: '拍卖财产为徐汇区某路某号商业用房一套，建筑面积约120平方米；以现状拍卖。演示数据，非真实项目。',
      qualification: '竞买人应当具备完全民事行为能力；交纳保证金即可参加竞买。',
      listedPriceFen: 350_000_000,
      reserveFen: null,
      incrementFen: 1_000_000,
      depositFen: 35_000_000,
      endsOn: addCalendarDays(shanghaiDate(new Date(now)), 30),
    },
    ['supplier4'],
  );

  // 3. Carbon quotas: one qualified buyer, transferred at the listed price (LA-03, LA-05).
  const carbon = await list(
    at(now - 5 * DAY),
    {
      assetType: 'carbon',
      title: '（演示）上海某发电企业2025年度富余碳排放配额10000吨挂牌转让',
      description: '转让2025年度碳排放配额10000吨（SHEA），挂牌单价每吨80元。演示数据，非真实项目。',
      qualification: '意向受让方应为在本市碳排放权交易系统开户的控排企业或机构。',
      listedPriceFen: 80_000_000,
      reserveFen: null,
      incrementFen: 100_000,
      depositFen: 8_000_000,
    },
    ['supplier2'],
  );
  await advanceListing(await as(platform, 'operator'), carbon.id);
  return { propertyListingId: property.id };
}
