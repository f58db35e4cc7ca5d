import { regionCovers } from '../../identity/region-scope';
import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * 电子卖场 (the e-mall, issue 16): the pure rules. Rule IDs and sources in docs/MALL.md.
 *
 * MALL-01: only suppliers the operator admitted list products, and only admitted suppliers' products are bought.
 * MALL-02: one mall order stays within the mall threshold (setting `trading.mall.thresholdFen`).
 * MALL-03 (GP-94, 化整为零): one purchaser's mall orders of one 品目 in one fiscal year whose running
 *          total passes the threshold are split purchases: the order is held until the purchaser
 *          acknowledges the warning with its reason, and supervision sees it flagged.
 */

/** The default mall threshold, 100万元 (TH-01: the central 分散采购限额标准 for goods; Shanghai's own value unverified, TH-02): a setting per region. */
export const MALL_THRESHOLD_DEFAULT_FEN = 1_000_000 * 100;
export const MALL_THRESHOLD_SETTING = 'trading.mall.thresholdFen';

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
    `${s.fiscalYear}年度本单位已在电子卖场采购「${name?.zh ?? s.categoryCode}」${s.earlierOrders}笔共${yuan(s.earlierFen)}元，加上本单${yuan(s.thisOrderFen)}元累计${yuan(s.cumulativeFen)}元，超过限额${yuan(s.thresholdFen)}元。同一品目化整为零规避公开招标属违法行为（《政府采购法实施条例》第二十八条）；如确属不同需求，请说明理由后确认下单，本单将提交监管部门关注。`,
    `In ${s.fiscalYear} you already bought “${name?.en ?? s.categoryCode}” in the mall ${s.earlierOrders} time(s) for ${yuan(s.earlierFen)} yuan; with this order (${yuan(s.thisOrderFen)} yuan) the total is ${yuan(s.cumulativeFen)} yuan, above the threshold of ${yuan(s.thresholdFen)} yuan. Splitting one need to avoid open tendering is unlawful (GP-94); if these are different needs, state why and confirm: the order is flagged to supervision.`,
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
