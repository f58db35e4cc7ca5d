import { bilingual, type Bilingual } from '../../platform/errors';
import { formatYuan } from '../../platform/money';
import type { LocalDate, WorkingDayCalendar } from '../../platform/calendar/calendar';
import type { AssetTypeConfig } from './asset-types';

/** Listing rules (挂牌) as plain functions over plain data; docs/LISTINGS.md gives the sources. */
export interface ListingProblem {
  ruleId: string;
  code: string;
  field: string;
  messages: Bilingual;
}

export interface ListingSettings {
  minimumListingAmount: number;
  extensionSeconds: number;
  auctionSeconds: number;
  depositMaxBp: number;
}

export const defaultsOf = (c: AssetTypeConfig): ListingSettings => ({
  minimumListingAmount: c.minimumListing.amount,
  extensionSeconds: c.extensionSeconds,
  auctionSeconds: c.auctionSeconds,
  depositMaxBp: c.depositBp.max,
});

/**
 * LA-01/LA-02/LA-04/LA-05: the earliest last day of the listing published on `publishedOn` — the
 * publication day is not counted (T-01); working days follow the holiday calendar (T-06), and a
 * period in calendar days whose last day is a rest day runs to the next working day (T-08).
 */
export function earliestListingEnd(cal: WorkingDayCalendar, c: AssetTypeConfig, s: ListingSettings, publishedOn: LocalDate): LocalDate {
  return cal.earliestDeadlineDate(publishedOn, s.minimumListingAmount, c.minimumListing.unit, 'cautious');
}

export interface ListingDraft {
  listedPriceFen: number;
  reserveFen: number | null;
  incrementFen: number;
  depositFen: number;
  publishedOn: LocalDate;
  endsOn: LocalDate;
}

export function listingProblems(cal: WorkingDayCalendar, c: AssetTypeConfig, s: ListingSettings, d: ListingDraft): ListingProblem[] {
  const out: ListingProblem[] = [];
  const p = (ruleId: string, code: string, field: string, zh: string, en: string) => out.push({ ruleId, code, field, messages: bilingual(zh, en) });
  const earliest = earliestListingEnd(cal, c, s, d.publishedOn);
  if (d.endsOn < earliest) {
    const unitZh = c.minimumListing.unit === 'workingDays' ? '个工作日' : '日';
    const unitEn = c.minimumListing.unit === 'workingDays' ? 'working days' : 'days';
    p(c.minimumListing.ruleId, 'LISTING_PERIOD_TOO_SHORT', 'endsOn', `${c.name['zh-CN']}的挂牌期不得少于${s.minimumListingAmount}${unitZh}：最早截止于${earliest}`, `A ${c.name['en-US']} listing lasts at least ${s.minimumListingAmount} ${unitEn}: it ends on ${earliest} at the earliest`);
  }
  if (d.incrementFen <= 0) p('LA-08', 'INCREMENT_NOT_POSITIVE', 'incrementFen', '加价幅度必须大于零', 'The bid increment must be more than zero');
  if (d.listedPriceFen <= 0) p('LA-08', 'PRICE_NOT_POSITIVE', 'listedPriceFen', '挂牌价（起拍价）必须大于零', 'The listed (starting) price must be more than zero');
  if (d.reserveFen !== null && d.reserveFen < d.listedPriceFen) p('LA-09', 'RESERVE_BELOW_START', 'reserveFen', '保留价不得低于挂牌价（起拍价）', 'The reserve may not be below the listed (starting) price');
  const min = Math.ceil((d.listedPriceFen * c.depositBp.min) / 10_000);
  const max = Math.floor((d.listedPriceFen * s.depositMaxBp) / 10_000);
  if (d.depositFen < min || d.depositFen > max)
    p(c.depositBp.ruleId, 'DEPOSIT_OUT_OF_RANGE', 'depositFen', `保证金应在挂牌价的${c.depositBp.min / 100}%至${s.depositMaxBp / 100}%之间（${formatYuan(min)}元至${formatYuan(max)}元）`, `The deposit is between ${c.depositBp.min / 100} % and ${s.depositMaxBp / 100} % of the listed price (¥${formatYuan(min)} to ¥${formatYuan(max)})`);
  return out;
}

export type ListingOutcome = { next: 'failed' } | { next: 'transfer'; priceFen: number } | { next: 'auction' };

/**
 * LA-03: at the end of the listing, no qualified bidder → the listing fails (流拍/终结); one, where
 * the type allows it → transfer to it at the listed price (协议转让/挂牌成交); otherwise an auction.
 */
export function listingOutcome(c: AssetTypeConfig, qualifiedBidders: number, listedPriceFen: number): ListingOutcome {
  if (qualifiedBidders === 0) return { next: 'failed' };
  if (qualifiedBidders === 1 && c.singleBidderTransfer) return { next: 'transfer', priceFen: listedPriceFen };
  return { next: 'auction' };
}

/** 竞买号: a bidder's anonymous number, from the listing's own random salt and the registration order (never the entity). */
export const bidderNumber = (ordinal: number, salt: number) => String(1000 + ((ordinal * 7919 + salt) % 9000)).padStart(4, '0');
