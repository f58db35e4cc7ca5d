import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * 挂牌、拍卖 asset types as configuration (docs/LISTINGS.md): the listing-and-auction mechanism is
 * one; each asset type only says how long its listing lasts at least (and in which kind of days),
 * what deposit it may ask, who confirms a bidder's qualification, whether one qualified bidder may
 * take the asset at the listed price (协议转让), its 限时竞价 window and the titles of its notices.
 * Values not checked against the official text are settings (`trading.listing.<type>.<key>`).
 */
export const ASSET_TYPES = ['propertyRights', 'land', 'judicialAuction', 'carbon'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export type DayKind = 'workingDays' | 'days';
export type Confirmer = 'transferor' | 'operator' | 'automatic';

export interface AssetTypeConfig {
  type: AssetType;
  name: Bilingual;
  /** The trading catalogue's code for the type (trading types of seed 002). */
  catalogueCode: string;
  /** Least listing period and its day kind (LA-01, LA-02, LA-04, LA-05). */
  minimumListing: { amount: number; unit: DayKind; ruleId: string };
  /** The deposit as a share of the listed price, in basis points: [least, most] (LA-06). */
  depositBp: { min: number; max: number; ruleId: string };
  /** Who confirms that a registered bidder is qualified (LA-07). */
  confirmedBy: Confirmer;
  /** One qualified bidder at the end of the listing takes the asset at the listed price (LA-03). */
  singleBidderTransfer: boolean;
  /** 限时竞价: a bid in the last N seconds moves the end N seconds past the bid (LA-10). */
  extensionSeconds: number;
  /** The free-bidding time before the 限时 window, in seconds. */
  auctionSeconds: number;
  /** LA-12: who registered stays secret from the transferor and the operator too until the result. */
  biddersSecretUntilResult?: boolean;
  /** Deposits of the others go back within these hours of the end (LA-11); absent: the money module's refund limit. */
  refundWithinHours?: number;
  /** failed: no qualified bidder, no bid, or the reserve not reached (流拍 / 终结). */
  notices: { listing: Bilingual; result: Bilingual; transfer: Bilingual; failed: Bilingual };
}

export const ASSET_TYPE_CONFIG: Record<AssetType, AssetTypeConfig> = {
  propertyRights: {
    type: 'propertyRights',
    name: bilingual('企业国有产权转让', 'State-owned property rights'),
    catalogueCode: 'stateOwnedPropertyRights',
    minimumListing: { amount: 20, unit: 'workingDays', ruleId: 'LA-01' },
    depositBp: { min: 0, max: 3000, ruleId: 'LA-06' },
    confirmedBy: 'transferor',
    singleBidderTransfer: true,
    extensionSeconds: 300,
    auctionSeconds: 1800,
    notices: {
      listing: bilingual('产权转让挂牌公告', 'Property-rights transfer listing notice'),
      result: bilingual('产权交易成交公告', 'Property-rights transaction result notice'),
      transfer: bilingual('产权协议转让成交公告', 'Property-rights transfer at the listed price: result notice'),
      failed: bilingual('产权转让项目终结公告', 'Property-rights transfer: termination notice'),
    },
  },
  land: {
    type: 'land',
    name: bilingual('国有建设用地使用权挂牌出让', 'Land use rights (listing)'),
    catalogueCode: 'landUseRights',
    minimumListing: { amount: 10, unit: 'days', ruleId: 'LA-02' },
    depositBp: { min: 0, max: 10000, ruleId: 'LA-06' },
    confirmedBy: 'transferor',
    singleBidderTransfer: true,
    extensionSeconds: 300,
    auctionSeconds: 1800,
    notices: {
      listing: bilingual('国有建设用地使用权挂牌出让公告', 'Land use rights listing notice'),
      result: bilingual('国有建设用地使用权出让结果公示', 'Land use rights: result notice'),
      transfer: bilingual('国有建设用地使用权挂牌成交公示', 'Land use rights: listed and sold, result notice'),
      failed: bilingual('国有建设用地使用权挂牌出让流拍公告', 'Land use rights: no sale notice'),
    },
  },
  judicialAuction: {
    type: 'judicialAuction',
    name: bilingual('网络司法拍卖', 'Online judicial auction'),
    catalogueCode: 'judicialAuction',
    minimumListing: { amount: 15, unit: 'days', ruleId: 'LA-04' },
    depositBp: { min: 500, max: 2000, ruleId: 'LA-06' },
    confirmedBy: 'automatic',
    singleBidderTransfer: false,
    extensionSeconds: 300,
    auctionSeconds: 86_400,
    refundWithinHours: 24,
    biddersSecretUntilResult: true,
    notices: {
      listing: bilingual('网络司法拍卖公告', 'Online judicial auction notice'),
      result: bilingual('网络司法拍卖成交确认书', 'Judicial auction: confirmation of sale'),
      transfer: bilingual('网络司法拍卖成交确认书', 'Judicial auction: confirmation of sale'),
      failed: bilingual('网络司法拍卖流拍公告', 'Judicial auction: no sale notice'),
    },
  },
  carbon: {
    type: 'carbon',
    name: bilingual('碳排放配额挂牌交易', 'Carbon emission quota listing'),
    catalogueCode: 'carbonQuota',
    minimumListing: { amount: 1, unit: 'days', ruleId: 'LA-05' },
    depositBp: { min: 0, max: 10000, ruleId: 'LA-06' },
    confirmedBy: 'operator',
    singleBidderTransfer: true,
    extensionSeconds: 60,
    auctionSeconds: 600,
    notices: {
      listing: bilingual('碳排放配额挂牌转让公告', 'Carbon quota listing notice'),
      result: bilingual('碳排放配额交易成交公告', 'Carbon quota: result notice'),
      transfer: bilingual('碳排放配额协议转让成交公告', 'Carbon quota transfer at the listed price: result notice'),
      failed: bilingual('碳排放配额挂牌转让终结公告', 'Carbon quota listing: termination notice'),
    },
  },
};

/** Setting keys: one per asset type and value, platform-wide by default, per region when a jurisdiction differs. */
export const listingSettingKey = (type: AssetType, key: 'minimumListingAmount' | 'extensionSeconds' | 'auctionSeconds' | 'depositMaxBp') => `trading.listing.${type}.${key}`;
