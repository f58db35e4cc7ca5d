/**
 * One mapping function per national dataset, from plain facts (read by load.ts, already filtered by
 * what is public) to a national record: field name → text, in the dataset's field order. Dataset
 * codes, field names and what is known of each are in docs/NATIONAL-DATA.md.
 */
import type { Category, Method } from '../../trading/methods/methods';
import { nationalAmount, nationalRegionCode, nationalTimestamp } from './format';
import type { NationalSettings } from './settings';

/** Works tendering under the Bidding Law (工程建设招标投标), and government procurement (政府采购). */
export type Regime = 'tendering' | 'procurement';

export interface Party {
  name: string;
  /** 统一社会信用代码 as registered. */
  creditCode: string;
}

export interface LotFacts {
  lotNo: number;
  title: string;
  budgetFen: number;
  maxPriceFen: number | null;
}

export interface ProjectFacts {
  projectNumber: string;
  /** 统一交易标识码: one per project on this platform (RULES.md §6.1). */
  transactionCode: string;
  title: string;
  description: string;
  regionCode: string;
  category: Category;
  method: Method;
  regime: Regime;
  createdAt: Date;
  purchaser: Party;
  agency: Party | null;
  lots: LotFacts[];
  /** The platform catalogue code of the 交易子平台 the trade took place on; null: this platform. */
  tradingPlatform: string | null;
}

export interface NoticeFacts {
  noticeId: string;
  kind: 'tender' | 'prequalification' | 'correction';
  title: string;
  publishedAt: Date;
  url: string;
  html: string;
  documentsFrom: Date | null;
  documentsUntil: Date | null;
  deadline: Date | null;
}

export interface BidderFacts {
  bidder: Party;
  /** The decrypted total price; null when the bid was not (or could not be) decrypted. */
  priceFen: number | null;
}

export interface OpeningFacts {
  lotNo: number;
  startedAt: Date;
  bidders: BidderFacts[];
}

export interface CandidateFacts {
  lotNo: number;
  publishedAt: Date;
  candidates: { rank: number; name: string; creditCode: string | null; priceFen: number }[];
}

export interface ResultFacts {
  lotNo: number;
  title: string;
  publishedAt: Date;
  url: string;
  html: string;
  winner: Party;
  priceFen: number;
}

export interface ContractFacts {
  lotNo: number | null;
  contractNumber: string;
  title: string;
  purchaser: Party;
  supplier: Party;
  priceFen: number;
  signedAt: Date;
}

export type NationalRecord = Record<string, string>;

/** Every dataset the export writes, in the order of the summary. */
export const DATASETS = {
  GCJS_PROJECT: 'tendering',
  GCJS_TENDER_PROJECT: 'tendering',
  GCJS_SECTION: 'tendering',
  GCJS_NOTICE: 'tendering',
  GCJS_OPENING_RECORD: 'tendering',
  GCJS_TENDER_LIST: 'tendering',
  GCJS_WIN_CANDIDATE: 'tendering',
  GCJS_RESULT_NOTICE: 'tendering',
  GCJS_CONTRACT: 'tendering',
  ZFCG_PURCHASE_PROJECT: 'procurement',
  ZFCG_PURCHASE_QUALI_INQUERY_ANN: 'procurement',
  ZFCG_PURCHASE_TENDER_LIST: 'procurement',
  ZFCG_BID_DEAL_ANNOUNCE: 'procurement',
  ZFCG_PURCHASE_CONTRACT: 'procurement',
} as const satisfies Record<string, Regime>;
export type DatasetCode = keyof typeof DATASETS;
export const DATASET_CODES = Object.keys(DATASETS) as DatasetCode[];

/** 标段（包）编号: the project number and the lot's number in 3 digits (the layout RULES.md §6.1 saw, a hypothesis). */
export function sectionCode(project: Pick<ProjectFacts, 'projectNumber'>, lotNo: number): string {
  if (!Number.isInteger(lotNo) || lotNo < 1 || lotNo > 999) throw new RangeError(`lot number out of range: ${lotNo}`);
  return `${project.projectNumber}${String(lotNo).padStart(3, '0')}`;
}

const ts = (d: Date | null) => (d ? nationalTimestamp(d) : '');
const money = (fen: number | null, s: NationalSettings) => (fen === null ? '' : nationalAmount(fen, s.amountUnit));
const priceUnit = (s: NationalSettings) => s.priceUnitCodes[s.amountUnit];
const region = (p: ProjectFacts, s: NationalSettings) => nationalRegionCode(p.regionCode, s.regionLevel);
/** PLATFORM_CODE is the trading system's: this platform's, or the sub-platform's the trade took place on (settings). */
const platform = (p: ProjectFacts, s: NationalSettings, at: Date) => ({
  PLATFORM_CODE: p.tradingPlatform === null ? s.platformCode : (s.subPlatformCodes[p.tradingPlatform] ?? ''),
  PUB_SERVICE_PLAT_CODE: s.pubServicePlatCode,
  DATA_TIMESTAMP: nationalTimestamp(at),
});
const organizeForm = (p: ProjectFacts, s: NationalSettings) => (p.agency ? s.organizeFormCodes.entrusted : s.organizeFormCodes.self);
const budgetOf = (p: ProjectFacts) => p.lots.reduce((sum, l) => sum + l.budgetFen, 0);
const lotOf = (p: ProjectFacts, lotNo: number) => {
  const l = p.lots.find((x) => x.lotNo === lotNo);
  if (!l) throw new RangeError(`project ${p.projectNumber} has no lot ${lotNo}`);
  return l;
};

function requireRegime(p: ProjectFacts, regime: Regime) {
  if (p.regime !== regime) throw new RangeError(`${p.projectNumber} is ${p.regime}, not ${regime}`);
}

// —— 工程建设招标投标 (GCJS_*) ——

/** GCJS_PROJECT (项目): the platform has no separate investment project; the tender project stands for it. */
export function gcjsProject(p: ProjectFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'tendering');
  return {
    PROJECT_CODE: p.projectNumber,
    PROJECT_NAME: p.title,
    REGION_CODE: region(p, s),
    INVEST_PROJECT_CODE: '',
    PROJECT_LEGAL_PERSON: p.purchaser.name,
    APPROVE_DEPT_NAME: s.approveDept.name,
    APPROVE_DEPT_CODE: s.approveDept.code,
    CREATE_TIME: nationalTimestamp(p.createdAt),
    ...platform(p, s, p.createdAt),
  };
}

/** GCJS_TENDER_PROJECT (招标项目): fields as RULES.md §6.1 lists them. */
export function gcjsTenderProject(p: ProjectFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'tendering');
  return {
    PROJECT_CODE: p.projectNumber,
    TENDER_PROJECT_CODE: p.projectNumber,
    // Required only when the tender project has no sections; every project here has at least one lot.
    UNIFIED_DEAL_CODE: p.lots.length === 0 ? p.transactionCode : '',
    TENDER_PROJECT_NAME: p.title,
    TENDER_PROJECT_TYPE: s.projectTypeCodes[p.category],
    REGION_CODE: region(p, s),
    TENDER_CONTENT: p.description,
    OWNER_NAME: p.purchaser.name,
    TENDERER_NAME: p.purchaser.name,
    TENDERER_CODE_TYPE: s.creditCodeType,
    TENDERER_CODE: p.purchaser.creditCode,
    TENDERER_ROLE: s.roleCodes.tenderer,
    TENDER_AGENCY_NAME: p.agency?.name ?? '',
    TENDER_AGENCY_CODE_TYPE: p.agency ? s.creditCodeType : '',
    TENDER_AGENCY_CODE: p.agency?.creditCode ?? '',
    TENDER_AGENCY_ROLE: p.agency ? s.roleCodes.agency : '',
    TENDER_MODE: s.tenderModeCodes[p.method],
    TENDER_ORGANIZE_FORM: organizeForm(p, s),
    CREATE_TIME: nationalTimestamp(p.createdAt),
    SUPERVISE_DEPT_NAME: s.worksSuperviseDept.name,
    SUPERVISE_DEPT_CODE: s.worksSuperviseDept.code,
    SUPERVISE_DEPT_TYPE: s.worksSuperviseDept.type,
    APPROVE_DEPT_NAME: s.approveDept.name,
    APPROVE_DEPT_CODE: s.approveDept.code,
    ...platform(p, s, p.createdAt),
  };
}

/** GCJS_SECTION (标段（包）): one per lot; the project's transaction code is every lot's (one per project here). */
export function gcjsSections(p: ProjectFacts, s: NationalSettings): NationalRecord[] {
  requireRegime(p, 'tendering');
  return p.lots.map((l) => ({
    TENDER_PROJECT_CODE: p.projectNumber,
    BID_SECTION_CODE: sectionCode(p, l.lotNo),
    BID_SECTION_NAME: l.title,
    UNIFIED_DEAL_CODE: p.transactionCode,
    BID_SECTION_CONTENT: l.title,
    TENDER_PROJECT_CLASSIFY_CODE: s.projectTypeCodes[p.category] ? s.projectTypeCodes[p.category].padStart(7, '0') : '',
    CONTRACT_RECKON_PRICE: money(l.maxPriceFen ?? l.budgetFen, s),
    CURRENCY_CODE: s.currencyCode,
    PRICE_UNIT: priceUnit(s),
    ...platform(p, s, p.createdAt),
  }));
}

/** GCJS_NOTICE (招标公告与资格预审公告, and their corrections). */
export function gcjsNotice(p: ProjectFacts, n: NoticeFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'tendering');
  return {
    TENDER_PROJECT_CODE: p.projectNumber,
    BID_SECTION_CODES: p.lots.map((l) => sectionCode(p, l.lotNo)).join(','),
    UNIFIED_DEAL_CODES: p.transactionCode,
    NOTICE_NAME: n.title,
    NOTICE_CONTENT: n.html,
    NOTICE_SEND_TIME: nationalTimestamp(n.publishedAt),
    URL: n.url,
    NOTICE_NATURE: n.kind === 'correction' ? s.noticeNatureCodes.correction : s.noticeNatureCodes.original,
    BULLETIN_TYPE: n.kind === 'prequalification' ? s.bulletinTypeCodes.prequalification : s.bulletinTypeCodes.tender,
    DOC_GET_START_TIME: ts(n.documentsFrom),
    DOC_GET_END_TIME: ts(n.documentsUntil),
    BID_DOC_REFER_END_TIME: ts(n.deadline),
    BID_OPEN_TIME: ts(n.deadline),
    ...platform(p, s, n.publishedAt),
  };
}

/** The opening's public content: each bidder and its read-out price, as the record a bidder signs shows. */
function openingContent(o: OpeningFacts, s: NationalSettings): string {
  if (o.bidders.length === 0) return '无投标人';
  return o.bidders.map((b) => `${b.bidder.name}：${b.priceFen === null ? '未解密' : `${money(b.priceFen, s)}${priceUnit(s)}`}`).join('；');
}

/** GCJS_OPENING_RECORD (开标记录): one per opened lot. */
export function gcjsOpeningRecord(p: ProjectFacts, o: OpeningFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'tendering');
  return {
    TENDER_PROJECT_CODE: p.projectNumber,
    BID_SECTION_CODES: sectionCode(p, lotOf(p, o.lotNo).lotNo),
    UNIFIED_DEAL_CODES: p.transactionCode,
    BID_OPENING_TIME: nationalTimestamp(o.startedAt),
    BID_OPENING_ADDRESS: s.openingAddress,
    BID_OPENING_CONTENT: openingContent(o, s),
    ...platform(p, s, o.startedAt),
  };
}

function bidderList(p: ProjectFacts, o: OpeningFacts, s: NationalSettings, codeField: string): NationalRecord[] {
  const section = sectionCode(p, lotOf(p, o.lotNo).lotNo);
  return o.bidders.map((b) => ({
    [codeField]: p.projectNumber,
    [codeField === 'TENDER_PROJECT_CODE' ? 'BID_SECTION_CODE' : 'PURCHASE_SECTION_CODE']: section,
    UNIFIED_DEAL_CODE: p.transactionCode,
    BIDDER_NAME: b.bidder.name,
    BIDDER_CODE_TYPE: s.creditCodeType,
    BIDDER_ORG_CODE: b.bidder.creditCode,
    BIDDER_ROLE: s.roleCodes.bidder,
    BID_PRICE: money(b.priceFen, s),
    PRICE_CURRENCY: s.currencyCode,
    PRICE_UNIT: priceUnit(s),
    ...platform(p, s, o.startedAt),
  }));
}

/** GCJS_TENDER_LIST (投标人名单): the bidders of an opened lot, with their read-out prices. */
export function gcjsTenderList(p: ProjectFacts, o: OpeningFacts, s: NationalSettings): NationalRecord[] {
  requireRegime(p, 'tendering');
  return bidderList(p, o, s, 'TENDER_PROJECT_CODE');
}

/** GCJS_WIN_CANDIDATE (中标候选人): from the published 中标候选人公示, in its order. */
export function gcjsWinCandidates(p: ProjectFacts, c: CandidateFacts, s: NationalSettings): NationalRecord[] {
  requireRegime(p, 'tendering');
  const section = sectionCode(p, lotOf(p, c.lotNo).lotNo);
  return [...c.candidates]
    .sort((a, b) => a.rank - b.rank)
    .map((x) => ({
      TENDER_PROJECT_CODE: p.projectNumber,
      BID_SECTION_CODE: section,
      UNIFIED_DEAL_CODE: p.transactionCode,
      WIN_CANDIDATE_NAME: x.name,
      BIDDER_CODE_TYPE: x.creditCode ? s.creditCodeType : '',
      WIN_CANDIDATE_CODE: x.creditCode ?? '',
      WIN_CANDIDATE_ORDER: String(x.rank),
      BID_PRICE: money(x.priceFen, s),
      PRICE_CURRENCY: s.currencyCode,
      PRICE_UNIT: priceUnit(s),
      PUBLICITY_START_TIME: nationalTimestamp(c.publishedAt),
      ...platform(p, s, c.publishedAt),
    }));
}

/** GCJS_RESULT_NOTICE (中标结果公告). */
export function gcjsResultNotice(p: ProjectFacts, r: ResultFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'tendering');
  return {
    TENDER_PROJECT_CODE: p.projectNumber,
    BID_SECTION_CODE: sectionCode(p, lotOf(p, r.lotNo).lotNo),
    UNIFIED_DEAL_CODE: p.transactionCode,
    NOTICE_NAME: r.title,
    NOTICE_CONTENT: r.html,
    NOTICE_SEND_TIME: nationalTimestamp(r.publishedAt),
    URL: r.url,
    WIN_BIDDER_NAME: r.winner.name,
    BIDDER_CODE_TYPE: s.creditCodeType,
    WIN_BIDDER_CODE: r.winner.creditCode,
    BID_AMOUNT: money(r.priceFen, s),
    BID_CURRENCY: s.currencyCode,
    PRICE_UNIT: priceUnit(s),
    ...platform(p, s, r.publishedAt),
  };
}

/** GCJS_CONTRACT (合同): a signed contract of a works lot. */
export function gcjsContract(p: ProjectFacts, c: ContractFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'tendering');
  return {
    TENDER_PROJECT_CODE: p.projectNumber,
    BID_SECTION_CODE: c.lotNo === null ? '' : sectionCode(p, lotOf(p, c.lotNo).lotNo),
    UNIFIED_DEAL_CODE: p.transactionCode,
    CONTRACT_CODE: c.contractNumber,
    CONTRACT_NAME: c.title,
    TENDERER_NAME: c.purchaser.name,
    TENDER_CODE: c.purchaser.creditCode,
    BIDDER_NAME: c.supplier.name,
    BIDDER_CODE: c.supplier.creditCode,
    CONTRACT_PRICE: money(c.priceFen, s),
    PRICE_CURRENCY: s.currencyCode,
    PRICE_UNIT: priceUnit(s),
    CONTRACT_SIGN_TIME: nationalTimestamp(c.signedAt),
    ...platform(p, s, c.signedAt),
  };
}

// —— 政府采购 (ZFCG_*) ——

/** ZFCG_PURCHASE_PROJECT (采购项目): one record per 包, each carrying the project's facts. */
export function zfcgPurchaseProject(p: ProjectFacts, s: NationalSettings): NationalRecord[] {
  requireRegime(p, 'procurement');
  return p.lots.map((l) => ({
    PURCHASE_PROJECT_CODE: p.projectNumber,
    PURCHASE_PROJECT_NAME: p.title,
    TENDER_PROJECT_TYPE: s.projectTypeCodes[p.category],
    PURCHASER_NAME: p.purchaser.name,
    PURCHASER_CODE: p.purchaser.creditCode,
    PURCHASER_ROLE: s.roleCodes.tenderer,
    PROGRAM_BUDGET: money(budgetOf(p), s),
    BUDGET_CURRENCY: s.currencyCode,
    UNIT_BUDGET: priceUnit(s),
    PURCHASER_MODE: s.purchaseModeCodes[p.method],
    PURCHASER_CONTENT: p.description,
    PURCHASER_ORGANIZE_FORM: organizeForm(p, s),
    PURCHASER_AGENCY_NAME: p.agency?.name ?? '',
    PURCHASER_AGENCY_CODE: p.agency?.creditCode ?? '',
    PURCHASER_AGENCY_ROLE: p.agency ? s.roleCodes.agency : '',
    PURCHASE_SECTION_CODE: sectionCode(p, l.lotNo),
    PURCHASE_SECTION_NAME: l.title,
    SECTION_BUDGET: money(l.budgetFen, s),
    UNIFIED_DEAL_CODE: p.transactionCode,
    REGION_CODE: region(p, s),
    CREATE_TIME: nationalTimestamp(p.createdAt),
    SUPERVISE_DEPT_NAME: s.procurementSuperviseDept.name,
    SUPERVISE_DEPT_CODE: s.procurementSuperviseDept.code,
    ...platform(p, s, p.createdAt),
  }));
}

/** ZFCG_PURCHASE_QUALI_INQUERY_ANN (采购公告, 资格预审公告, 更正公告): one record per 包 the notice covers. */
export function zfcgPurchaseNotice(p: ProjectFacts, n: NoticeFacts, s: NationalSettings): NationalRecord[] {
  requireRegime(p, 'procurement');
  return p.lots.map((l) => ({
    PURCHASE_PROJECT_CODE: p.projectNumber,
    PURCHASE_PROJECT_NAME: p.title,
    PURCHASE_SECTION_CODE: sectionCode(p, l.lotNo),
    UNIFIED_DEAL_CODE: p.transactionCode,
    BULLETIN_TITLE: n.title,
    BULLETIN_CONTENT: n.html,
    BULLETIN_START_TIME: nationalTimestamp(n.publishedAt),
    BULLETIN_NATURE: n.kind === 'correction' ? s.noticeNatureCodes.correction : s.noticeNatureCodes.original,
    URL: n.url,
    BID_CLOSING_TIME: ts(n.deadline),
    ...platform(p, s, n.publishedAt),
  }));
}

/** ZFCG_PURCHASE_TENDER_LIST (投标（响应）供应商名单): the suppliers of an opened 包. */
export function zfcgTenderList(p: ProjectFacts, o: OpeningFacts, s: NationalSettings): NationalRecord[] {
  requireRegime(p, 'procurement');
  return bidderList(p, o, s, 'PURCHASE_PROJECT_CODE');
}

/** ZFCG_BID_DEAL_ANNOUNCE (中标（成交）结果公告). */
export function zfcgResultNotice(p: ProjectFacts, r: ResultFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'procurement');
  return {
    PURCHASE_PROJECT_CODE: p.projectNumber,
    PURCHASE_PROJECT_NAME: p.title,
    PURCHASE_SECTION_CODE: sectionCode(p, lotOf(p, r.lotNo).lotNo),
    UNIFIED_DEAL_CODE: p.transactionCode,
    WIN_BID_BULLETIN_TITLE: r.title,
    WIN_BID_BULLETIN_CONTENT: r.html,
    WIN_BID_BULLETIN_START_TIME: nationalTimestamp(r.publishedAt),
    URL: r.url,
    WINNINGBIDDER_NAME: r.winner.name,
    WINNINGBIDDER_CODE: r.winner.creditCode,
    WIN_BID_PRICE: money(r.priceFen, s),
    CURRENCY_CODE: s.currencyCode,
    PRICE_UNIT: priceUnit(s),
    REGION_CODE: region(p, s),
    ...platform(p, s, r.publishedAt),
  };
}

/** ZFCG_PURCHASE_CONTRACT (政府采购合同). */
export function zfcgContract(p: ProjectFacts, c: ContractFacts, s: NationalSettings): NationalRecord {
  requireRegime(p, 'procurement');
  return {
    PURCHASE_PROJECT_CODE: p.projectNumber,
    PURCHASE_PROJECT_NAME: p.title,
    PURCHASE_SECTION_CODE: c.lotNo === null ? '' : sectionCode(p, lotOf(p, c.lotNo).lotNo),
    UNIFIED_DEAL_CODE: p.transactionCode,
    CONTRACT_CODE: c.contractNumber,
    CONTRACT_NAME: c.title,
    PURCHASER_NAME: c.purchaser.name,
    PURCHASER_CODE: c.purchaser.creditCode,
    SUPPLIER_NAME: c.supplier.name,
    SUPPLIER_CODE: c.supplier.creditCode,
    CONTRACT_AMOUNT: money(c.priceFen, s),
    CURRENCY_CODE: s.currencyCode,
    PRICE_UNIT: priceUnit(s),
    SIGNING_TIME: nationalTimestamp(c.signedAt),
    ...platform(p, s, c.signedAt),
  };
}
