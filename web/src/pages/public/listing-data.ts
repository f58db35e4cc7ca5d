import i18n from '../../i18n';
import { formatYuan } from '../../money';

/**
 * Answers of the public listing routes (src/trading/listings/listings.routes.ts: GET /api/public/listings
 * and /api/public/listings/:id). The public view has no bidder names, no bidder count before the result
 * and no reserve price: the server leaves them out, the portal has nothing to hide.
 */
export type Bilingual = { 'zh-CN': string; 'en-US': string };
export const ASSET_TYPES = ['propertyRights', 'land', 'judicialAuction', 'carbon'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];
export const LISTING_STATUSES = ['listed', 'auction', 'sold', 'transferred', 'failed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export interface ListingSummary {
  id: string;
  assetType: AssetType;
  assetTypeName: Bilingual;
  title: string;
  status: ListingStatus;
  listedPriceFen: number;
  currentPriceFen: number | null;
  listingEndsAt: string;
  auctionEndsAt: string | null;
}

export interface PublicBid {
  seq: number;
  bidderNo: string;
  amountFen: number;
  at: string;
  extended: boolean;
}

export interface PublicListing {
  id: string;
  assetType: AssetType;
  assetTypeName: Bilingual;
  title: string;
  description: string;
  qualification: string;
  transferorName: string;
  listedPriceFen: number;
  incrementFen: number;
  depositFen: number;
  publishedAt: string;
  listingEndsAt: string;
  status: ListingStatus;
  confirmedBy: 'transferor' | 'operator' | 'automatic';
  extensionSeconds: number;
  auction: { startsAt: string; endsAt: string; extensions: number; currentPriceFen: number | null; leadingBidderNo: string | null } | null;
  notices: { listing: Bilingual; result: Bilingual };
  result: { status: string; priceFen: number | null; at: string; winnerBidderNo: string | null; winnerName: string | null; depositAppliedFen: number } | null;
  bids: PublicBid[];
  bidderCount: number | null;
  serverTime: string;
}

/** A listing's page refreshes this often while its auction runs (the live stream needs a signed-in reader). */
export const AUCTION_POLL_MS = 3_000;

/** The text in the reader's language. */
export const bilingualText = (b: Bilingual) => (i18n.language === 'en-US' ? b['en-US'] : b['zh-CN']);

/** An amount in yuan to the fen, as a notice states it: 12,000,000.00 元. */
export const yuanText = (fen: number) => i18n.t('portal.listings.yuan', { amount: formatYuan(fen) });

/** The Shanghai day of an instant, YYYY-MM-DD (the law counts in Shanghai time). */
export const shanghaiDay = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** A failed listing either had an auction that sold nothing (流拍) or ended its listing without a qualified buyer (终结). */
export const statusText = (status: ListingStatus, hadAuction: boolean) => (status === 'failed' ? i18n.t(`portal.listings.failed.${hadAuction ? 'auction' : 'listing'}`) : i18n.t(`portal.listings.statuses.${status}`));

export const STATUS_COLOURS: Record<ListingStatus, string> = { listed: 'blue', auction: 'red', sold: 'green', transferred: 'green', failed: 'default' };
