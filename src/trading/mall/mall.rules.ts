import { regionCovers } from '../../identity/region-scope';
import { shanghaiDate, type LocalDate, type MinimumPeriodPolicy, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import { bilingual, type Bilingual } from '../../platform/errors';
import type { BasketTransition } from './mall.states';

/**
 * 电子卖场 (the e-mall, issue 16): the pure rules. Rule IDs and sources in docs/MALL.md.
 *
 * MALL-01: only suppliers the operator admitted list products, and only admitted suppliers' products are bought.
 * MALL-02: one mall order stays within the mall threshold (setting `trading.mall.thresholdFen`).
 * MALL-03 (GP-94, 化整为零): one purchaser's mall orders of one 品目 in one fiscal year whose running
 *          total passes the threshold are split purchases: the order is held until the purchaser
 *          acknowledges the warning with its reason, and supervision sees it flagged.
 * MALL-05: a 竞价 basket takes quotes for at least a minimum period (settings).
 * MALL-06: admitted suppliers delivering to the purchaser's region quote once, sealed, before the close,
 *          within the basket's budget, each line with one of their own products on sale.
 * MALL-07: at the close the lowest quote meeting the basket wins (ties: the earliest received); with
 *          fewer meeting quotes than the minimum the basket fails, or the purchaser may confirm (setting).
 * MALL-08: suppliers apply to join the mall; the operator of their province admits or refuses, with a reason.
 */

/** The default mall threshold, 100万元 (TH-01: the central 分散采购限额标准 for goods; Shanghai's own value unverified, TH-02): a setting per region. */
export const MALL_THRESHOLD_DEFAULT_FEN = 1_000_000 * 100;
export const MALL_THRESHOLD_SETTING = 'trading.mall.thresholdFen';
/** MALL-03's threshold, where a region sets one; by default the open-tender threshold (TH-01). */
export const SPLIT_THRESHOLD_SETTING = 'trading.mall.splitThresholdFen';

/**
 * 品目 the mall sells: codes in the form of the 政府采购品目分类目录 (A 货物, two digits a level).
 * Illustrative names and codes for the demo, not the official catalogue.
 */
export const MALL_CATEGORIES: readonly { code: string; zh: string; en: string }[] = [
  { code: 'A02010104', zh: '台式计算机', en: 'Desktop computers' },
  { code: 'A02010105', zh: '便携式计算机', en: 'Laptop computers' },
  { code: 'A02021001', zh: '打印设备', en: 'Printers' },
  { code: 'A05010000', zh: '家具', en: 'Furniture' },
  { code: 'A09000000', zh: '办公消耗用品', en: 'Office consumables' },
];
export const mallCategory = (code: string) => MALL_CATEGORIES.find((c) => c.code === code);

/** 财政年度: China's fiscal year is the calendar year (预算法 第十八条), of the Shanghai day. */
export const fiscalYearOf = (shanghaiDay: string) => Number(shanghaiDay.slice(0, 4));

export interface MallProblem {
  ruleId: string;
  code: string;
  field: string;
  messages: Bilingual;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** MALL-02: an order above the threshold is not a mall purchase (it must be procured by the method its amount requires). */
export function thresholdProblem(orderFen: number, thresholdFen: number): MallProblem | null {
  if (orderFen <= thresholdFen) return null;
  return {
    ruleId: 'MALL-02',
    code: 'ABOVE_MALL_THRESHOLD',
    field: 'lines',
    messages: bilingual(`订单金额${yuan(orderFen)}元超过电子卖场限额${yuan(thresholdFen)}元，应按规定方式采购`, `The order (${yuan(orderFen)} yuan) is above the mall threshold (${yuan(thresholdFen)} yuan): buy it by the method its amount requires`),
  };
}

export interface SplitCheck {
  categoryCode: string;
  fiscalYear: number;
  /** What the purchaser already ordered of this 品目 in the mall this fiscal year. */
  earlierFen: number;
  earlierOrders: number;
  thisOrderFen: number;
  cumulativeFen: number;
  thresholdFen: number;
  /** MALL-03: the running total is above the threshold (exactly at it is not). */
  split: boolean;
}

/** MALL-03 (GP-94): the running total of one purchaser's mall orders of one 品目 in one fiscal year, against the threshold. */
export function splitCheck(input: { categoryCode: string; fiscalYear: number; earlier: readonly { totalFen: number }[]; thisOrderFen: number; thresholdFen: number }): SplitCheck {
  const earlierFen = input.earlier.reduce((n, o) => n + o.totalFen, 0);
  const cumulativeFen = earlierFen + input.thisOrderFen;
  return {
    categoryCode: input.categoryCode,
    fiscalYear: input.fiscalYear,
    earlierFen,
    earlierOrders: input.earlier.length,
    thisOrderFen: input.thisOrderFen,
    cumulativeFen,
    thresholdFen: input.thresholdFen,
    split: input.earlier.length > 0 && cumulativeFen > input.thresholdFen,
  };
}

export const splitWarning = (s: SplitCheck): Bilingual => {
  const name = mallCategory(s.categoryCode);
  return bilingual(
    `${s.fiscalYear}年度本单位已在电子卖场采购「${name?.zh ?? s.categoryCode}」${s.earlierOrders}笔共${yuan(s.earlierFen)}元，加上本单${yuan(s.thisOrderFen)}元累计${yuan(s.cumulativeFen)}元，超过公开招标数额标准${yuan(s.thresholdFen)}元。同一品目化整为零规避公开招标属违法行为（《政府采购法实施条例》第二十八条）；如确属不同需求，请说明理由后确认下单，本单将提交监管部门关注。`,
    `In ${s.fiscalYear} you already bought “${name?.en ?? s.categoryCode}” in the mall ${s.earlierOrders} time(s) for ${yuan(s.earlierFen)} yuan; with this order (${yuan(s.thisOrderFen)} yuan) the total is ${yuan(s.cumulativeFen)} yuan, above the open-tender threshold of ${yuan(s.thresholdFen)} yuan. Splitting one need to avoid open tendering is unlawful (GP-94); if these are different needs, state why and confirm: the order is flagged to supervision.`,
  );
};

export interface OrderLineInput {
  productId: string;
  quantity: number;
}
export interface ProductForOrder {
  id: string;
  supplierEntityId: string;
  categoryCode: string;
  name: string;
  specification: string;
  unitPriceFen: number;
  stock: number;
  deliveryRegions: readonly string[];
  active: boolean;
}

/** An order's lines: one supplier, products on sale and in stock, delivered to the purchaser's region (a region covers its districts). */
export function orderLineProblems(lines: readonly OrderLineInput[], products: readonly ProductForOrder[], purchaserRegion: string): MallProblem[] {
  const byId = new Map(products.map((p) => [p.id, p]));
  const out: MallProblem[] = [];
  const suppliers = new Set<string>();
  lines.forEach((l, i) => {
    const p = byId.get(l.productId);
    if (!p || !p.active) {
      out.push({ ruleId: 'MALL-01', code: 'PRODUCT_UNAVAILABLE', field: `lines.${i}.productId`, messages: bilingual('该商品不在电子卖场销售', 'This product is not on sale in the mall') });
      return;
    }
    suppliers.add(p.supplierEntityId);
    if (l.quantity > p.stock) out.push({ ruleId: 'MALL-04', code: 'OUT_OF_STOCK', field: `lines.${i}.quantity`, messages: bilingual(`「${p.name}」库存仅${p.stock}件`, `Only ${p.stock} of “${p.name}” in stock`) });
    if (!p.deliveryRegions.some((r) => regionCovers(r, purchaserRegion)))
      out.push({ ruleId: 'MALL-04', code: 'NOT_DELIVERED', field: `lines.${i}.productId`, messages: bilingual(`「${p.name}」不配送至本单位所在地区`, `“${p.name}” is not delivered to your region`) });
  });
  if (suppliers.size > 1) out.push({ ruleId: 'MALL-04', code: 'ONE_SUPPLIER', field: 'lines', messages: bilingual('一个订单只能包含同一供应商的商品', 'An order holds one supplier’s products') });
  return out;
}

/** Fen totals by 品目 of an order's lines. */
export function totalsByCategory(lines: readonly { categoryCode: string; totalFen: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.categoryCode, (out.get(l.categoryCode) ?? 0) + l.totalFen);
  return out;
}

// ——— 网上竞价 (MALL-05..07) ———

/** A basket's line: what the purchaser wants of one 品目, how many, to what specification, at most at what unit price. */
export interface BasketLine {
  lineNo: number;
  categoryCode: string;
  name: string;
  specification: string;
  quantity: number;
  budgetUnitPriceFen: number;
}

/** A basket's budget: the most it may cost (MALL-02 holds it within the threshold; MALL-06 holds every quote within it). */
export const basketBudgetFen = (lines: readonly Pick<BasketLine, 'quantity' | 'budgetUnitPriceFen'>[]) => lines.reduce((n, l) => n + l.quantity * l.budgetUnitPriceFen, 0);

/** A basket's budget by line, as the running totals of MALL-03 count an open basket. */
export const basketLineBudgets = (lines: readonly BasketLine[]) => lines.map((l) => ({ categoryCode: l.categoryCode, totalFen: l.quantity * l.budgetUnitPriceFen }));

/** What a region may set about 竞价 (MALL-05, MALL-07): all [MEM] defaults, settings per region. */
export interface BiddingSettings {
  /** MALL-05: the shortest bidding period, counted from the day after publication (T-01). */
  minimumPeriod: number;
  periodUnit: 'days' | 'workingDays';
  /** MALL-07: fewer quotes meeting the basket than this, and the basket does not simply award. */
  minimumQuotes: number;
  /** MALL-07: what too few quotes lead to: failure, or the purchaser's confirmation of the best. */
  tooFewQuotes: 'fail' | 'purchaserConfirms';
}
export const BIDDING_DEFAULTS: BiddingSettings = { minimumPeriod: 3, periodUnit: 'days', minimumQuotes: 3, tooFewQuotes: 'fail' };
export const BIDDING_SETTING_KEYS: Record<keyof BiddingSettings, string> = {
  minimumPeriod: 'trading.mall.biddingMinimumPeriod',
  periodUnit: 'trading.mall.biddingPeriodUnit',
  minimumQuotes: 'trading.mall.biddingMinimumQuotes',
  tooFewQuotes: 'trading.mall.biddingTooFewQuotes',
};

/**
 * MALL-05: the earliest day a basket published on `publishedOn` may close: the publication day is not
 * counted (T-01); a period in calendar days whose last day is a rest day runs to the next working day
 * under the cautious policy (T-08), as the region's tenders do.
 */
export function earliestClose(cal: WorkingDayCalendar, publishedOn: LocalDate, s: Pick<BiddingSettings, 'minimumPeriod' | 'periodUnit'>, policy: MinimumPeriodPolicy): LocalDate {
  return cal.earliestDeadlineDate(publishedOn, s.minimumPeriod, s.periodUnit, policy);
}

/** MALL-05: the close falls on the earliest allowed day or later (any time of that day, Asia/Shanghai). */
export function biddingPeriodProblem(cal: WorkingDayCalendar, publishedAt: Date, closesAt: Date, s: Pick<BiddingSettings, 'minimumPeriod' | 'periodUnit'>, policy: MinimumPeriodPolicy): MallProblem | null {
  const earliest = earliestClose(cal, shanghaiDate(publishedAt), s, policy);
  if (closesAt > publishedAt && shanghaiDate(closesAt) >= earliest) return null;
  const [zh, en] = s.periodUnit === 'workingDays' ? ['个工作日', 'working days'] : ['日', 'days'];
  return {
    ruleId: 'MALL-05',
    code: 'BIDDING_PERIOD_TOO_SHORT',
    field: 'closesAt',
    messages: bilingual(`竞价期不得少于${s.minimumPeriod}${zh}（发布当日不计入）：最早于${earliest}截止`, `Bidding lasts at least ${s.minimumPeriod} ${en} (not counting the day of publication): it closes on ${earliest} at the earliest`),
  };
}

/** Sealed until the close (exclusive): before it nobody sees the quotes, who made them, or how many there are (MALL-06). */
export const quotesSealed = (closesAt: Date, now: Date) => now < closesAt;

export interface QuoteLineInput {
  lineNo: number;
  productId: string;
  unitPriceFen: number;
}

const problem = (ruleId: string, code: string, field: string, zh: string, en: string): MallProblem => ({ ruleId, code, field, messages: bilingual(zh, en) });

/**
 * MALL-06: a quote's lines — one for every line of the basket, each with the supplier's own product on
 * sale in the line's 品目, delivered to the purchaser's region, in stock for the quantity. Checked when the
 * quote arrives and again at the close (a product withdrawn or sold out since no longer meets the basket).
 */
export function quoteLineProblems(basketLines: readonly BasketLine[], quoteLines: readonly QuoteLineInput[], products: readonly ProductForOrder[], supplierEntityId: string, purchaserRegion: string): MallProblem[] {
  const out: MallProblem[] = [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const quoted = new Map<number, QuoteLineInput>();
  quoteLines.forEach((q, i) => {
    if (!basketLines.some((l) => l.lineNo === q.lineNo)) out.push(problem('MALL-06', 'UNKNOWN_LINE', `lines.${i}.lineNo`, `竞价清单没有第${q.lineNo}项`, `The basket has no line ${q.lineNo}`));
    else if (quoted.has(q.lineNo)) out.push(problem('MALL-06', 'DUPLICATE_LINE', `lines.${i}.lineNo`, `第${q.lineNo}项报价重复`, `Line ${q.lineNo} is quoted twice`));
    else quoted.set(q.lineNo, q);
  });
  for (const l of basketLines) {
    const q = quoted.get(l.lineNo);
    if (!q) {
      out.push(problem('MALL-06', 'LINE_NOT_QUOTED', 'lines', `第${l.lineNo}项「${l.name}」未报价：须对竞价清单全部商品报价`, `Line ${l.lineNo} (“${l.name}”) is not quoted: quote every line of the basket`));
      continue;
    }
    const field = `lines.${quoteLines.indexOf(q)}.productId`;
    const p = byId.get(q.productId);
    if (!p || !p.active || p.supplierEntityId !== supplierEntityId) out.push(problem('MALL-06', 'PRODUCT_UNAVAILABLE', field, `第${l.lineNo}项所报商品不是贵公司在电子卖场在售的商品`, `Line ${l.lineNo}: the product is not one of yours on sale in the mall`));
    else if (p.categoryCode !== l.categoryCode) out.push(problem('MALL-06', 'WRONG_CATEGORY', field, `第${l.lineNo}项所报商品不属于该项品目`, `Line ${l.lineNo}: the product is not of the line’s 品目`));
    else if (!p.deliveryRegions.some((r) => regionCovers(r, purchaserRegion))) out.push(problem('MALL-06', 'NOT_DELIVERED', field, `第${l.lineNo}项所报商品不配送至采购人所在地区`, `Line ${l.lineNo}: the product is not delivered to the purchaser’s region`));
    else if (p.stock < l.quantity) out.push(problem('MALL-06', 'OUT_OF_STOCK', field, `第${l.lineNo}项所报商品库存仅${p.stock}件，少于需求数量${l.quantity}`, `Line ${l.lineNo}: only ${p.stock} in stock, ${l.quantity} wanted`));
  }
  return out;
}

/** A quote's total: each line's unit price times the basket's quantity. */
export function quoteTotalFen(basketLines: readonly BasketLine[], quoteLines: readonly QuoteLineInput[]): number {
  return quoteLines.reduce((n, q) => n + q.unitPriceFen * (basketLines.find((l) => l.lineNo === q.lineNo)?.quantity ?? 0), 0);
}

/** MALL-06: no quote above the basket's budget (cf. GP-62: a price above the budget is invalid). Exactly at it is allowed (T-04). */
export function budgetProblem(totalFen: number, budgetFen: number): MallProblem | null {
  return totalFen <= budgetFen ? null : problem('MALL-06', 'ABOVE_BUDGET', 'lines', `报价总额${yuan(totalFen)}元超过竞价预算${yuan(budgetFen)}元`, `The quote (${yuan(totalFen)} yuan) is above the basket’s budget (${yuan(budgetFen)} yuan)`);
}

/**
 * MALL-06: who may quote, and when: an admitted mall supplier, once, while the basket is bidding and
 * before its close (the server's receipt time decides, 电子签名法 第十一条; the close itself is too late).
 */
export function quoteTimingProblem(f: { admitted: boolean; status: string; now: Date; closesAt: Date; alreadyQuoted: boolean }): MallProblem | null {
  if (!f.admitted) return problem('MALL-06', 'NOT_ADMITTED', 'supplier', '仅准入电子卖场的供应商可以参加网上竞价', 'Only suppliers admitted to the mall take part in its bidding');
  if (f.status !== 'bidding' || !quotesSealed(f.closesAt, f.now)) return problem('MALL-06', 'BIDDING_CLOSED', 'closesAt', '网上竞价已截止，不再接受报价', 'The bidding has closed: no more quotes');
  if (f.alreadyQuoted) return problem('MALL-06', 'ALREADY_QUOTED', 'supplier', '每家供应商只能报价一次', 'Each supplier quotes once');
  return null;
}

/** A quote as the close opens it: its total, when it arrived, and what (if anything) keeps it from meeting the basket. */
export interface OpenedQuote {
  supplierEntityId: string;
  totalFen: number;
  submittedAt: Date;
  quoteNo: number;
  problems: readonly MallProblem[];
}

/** MALL-07: the quotes that meet the basket, best first: the lowest total, then the earliest received, then the order of arrival. */
export function rankQuotes<Q extends OpenedQuote>(quotes: readonly Q[]): Q[] {
  return quotes.filter((q) => q.problems.length === 0).sort((a, b) => a.totalFen - b.totalFen || a.submittedAt.getTime() - b.submittedAt.getTime() || a.quoteNo - b.quoteNo);
}

/**
 * MALL-07: what the close does. No quote meets the basket: it fails. Fewer than the minimum ("不足",
 * exclusive, T-04): it fails, or waits for the purchaser to confirm the best of them (setting). Otherwise
 * the best wins.
 */
export function closeDecision<Q extends OpenedQuote>(quotes: readonly Q[], s: Pick<BiddingSettings, 'minimumQuotes' | 'tooFewQuotes'>): { transition: Extract<BasketTransition, 'award' | 'fail' | 'awaitConfirmation'>; best: Q | null; meeting: number; reason: Bilingual } {
  const ranked = rankQuotes(quotes);
  const best = ranked[0] ?? null;
  if (!best) return { transition: 'fail', best: null, meeting: 0, reason: bilingual('无符合竞价要求的报价，竞价失败', 'No quote meets the basket: the bidding failed') };
  if (ranked.length < s.minimumQuotes) {
    const few = bilingual(`符合要求的报价不足${s.minimumQuotes}家（${ranked.length}家）`, `Fewer than ${s.minimumQuotes} quotes meet the basket (${ranked.length})`);
    return s.tooFewQuotes === 'purchaserConfirms'
      ? { transition: 'awaitConfirmation', best, meeting: ranked.length, reason: bilingual(`${few['zh-CN']}，由采购人决定是否确认最低报价成交`, `${few['en-US']}: the purchaser decides whether to take the lowest`) }
      : { transition: 'fail', best: null, meeting: ranked.length, reason: bilingual(`${few['zh-CN']}，竞价失败`, `${few['en-US']}: the bidding failed`) };
  }
  return { transition: 'award', best, meeting: ranked.length, reason: bilingual('最低报价成交', 'The lowest quote wins') };
}

/** What a close found, kept with the basket: every quote opened (with why one does not meet the basket), the rule applied, and the best quote. */
export interface BasketOutcome {
  quotes: { supplierEntityId: string; totalFen: number; submittedAt: string; rank: number | null; problems: { code: string; messages: Bilingual }[] }[];
  meeting: number;
  /** The lowest quote meeting the basket: the winner, or the one the purchaser may confirm. */
  bestSupplierEntityId: string | null;
  reason: Bilingual;
}

// ——— 入驻申请 (MALL-08) ———

/** MALL-08: a supplier applies once at a time, and not when it is admitted already. */
export function applicationProblem(f: { admitted: boolean; pending: boolean }): MallProblem | null {
  if (f.admitted) return problem('MALL-08', 'ALREADY_ADMITTED', 'supplier', '贵公司已准入电子卖场', 'You are admitted to the mall already');
  if (f.pending) return problem('MALL-08', 'ALREADY_APPLIED', 'supplier', '贵公司已提交入驻申请，正在审核', 'Your application is under review already');
  return null;
}
