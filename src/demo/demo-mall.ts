import { actorFor } from '../identity';
import type { Context, Platform } from '../platform/context';
import { applyToMall } from '../trading/mall/admission';
import { admitSupplier, createProduct } from '../trading/mall/mall';

/**
 * 电子卖场 in the demo: the operator admitted supplier2 to the mall, which lists a few products delivered across Shanghai;
 * `purchaser` can buy them or put them out for quotes. supplier3 has applied to join and waits for the operator (入驻审核).
 */
export const DEMO_MALL_SUPPLIER = 'supplier2';
export const DEMO_MALL_APPLICANT = 'supplier3';

export const DEMO_MALL_PRODUCTS = [
  { categoryCode: 'A02010104', name: '台式计算机 商用型', specification: 'Intel i5-13500/16GB/512GB SSD/23.8英寸显示器', unitPriceFen: 528_000, stock: 200, deliveryRegions: ['310000'] },
  { categoryCode: 'A02010105', name: '便携式计算机 14英寸', specification: 'Intel i7-1360P/16GB/1TB SSD/14英寸 2.2K', unitPriceFen: 699_000, stock: 120, deliveryRegions: ['310000'] },
  { categoryCode: 'A02021001', name: '黑白激光打印机 A4', specification: '33页/分钟，自动双面，网络打印', unitPriceFen: 189_900, stock: 80, deliveryRegions: ['310000'] },
  { categoryCode: 'A09000000', name: 'A4复印纸 70g', specification: '500张/包，5包/箱', unitPriceFen: 16_500, stock: 5000, deliveryRegions: ['310000'] },
];

export async function seedDemoMall(platform: Platform) {
  const db = platform.database.db;
  const as = async (username: string): Promise<Context> => ({ platform, actor: await actorFor(db, username), ip: '203.0.113.40', userAgent: 'demo-data' });
  const supplier = await as(DEMO_MALL_SUPPLIER);
  await admitSupplier(await as('operator'), { entityId: supplier.actor!.entityId! });
  for (const p of DEMO_MALL_PRODUCTS) await createProduct(supplier, p);
  await applyToMall(await as(DEMO_MALL_APPLICANT), { categories: ['A02010104', 'A02021001'], statement: '品牌台式计算机、打印机授权经销商，上海市内48小时送货上门，提供三年上门保修。' });
}
