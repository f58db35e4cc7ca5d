import { entitySummaries } from '../identity';
import { demoApiKey } from '../identity/api-keys/api-keys';
import { addCalendarDays, shanghaiDate } from '../platform/calendar/calendar';
import { DAY, HOUR, type ManualClock } from '../platform/clock';
import { recordAcceptance } from '../trading/contract/contract';
import type { Context } from '../platform/context';
import { decideApplication, fileApplication, readApplication, type invoiceInput } from '../money/payments/payments';
import { inPlatformTreasury } from '../money/payments/treasury';
import { seedFinancedWorksContract } from './demo-financing';
import { syncReleases } from '../exchange/sync/sync';
import { worksTenderReleases } from './subplatform/works-releases';
import type { z } from 'zod';

/** A one-page PDF standing in for the e-invoice file a supplier uploads. */
const INVOICE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 297]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

/**
 * The demo's payment applications on its accepted contract (seed 000), invoiced in instalments so
 * that every desk has something waiting: one paid; one with the treasury, past its due date (the
 * SME overdue list shows it with its PAY-04 interest); one with the authority; one with the
 * purchaser; and one the purchaser sent back that the supplier has to correct. What is left of the
 * second milestone is for a newcomer to apply for.
 */
export async function seedDemoPayments(as: (username: string) => Promise<Context>, clock: ManualClock, contract: { id: string; supplierEntityId: string; purchaserEntityId: string; payable: { milestoneNo: number; payableFen: number }[] }, supplierUsername: string) {
  const supplier = await as(supplierUsername);
  const purchaser = await as('purchaser');
  const authority = await as('authority');
  const treasury = await as('treasury');
  const db = supplier.platform.database.db;
  const parties = await entitySummaries(db, [contract.supplierEntityId, contract.purchaserEntityId]);
  const seller = parties.get(contract.supplierEntityId)!;
  let serial = 0;
  const invoice = (totalFen: number): z.infer<typeof invoiceInput> => {
    const taxFen = Math.round((totalFen * 13) / 113); // 13 % VAT on goods
    serial += 1;
    return {
      invoiceNumber: `2631200000${shanghaiDate(clock.now()).replace(/-/g, '')}${String(serial).padStart(2, '0')}`,
      invoiceDate: shanghaiDate(clock.now()),
      sellerCreditCode: seller.creditCode,
      buyerCreditCode: parties.get(contract.purchaserEntityId)!.creditCode,
      amountBeforeTaxFen: totalFen - taxFen,
      taxFen,
      totalFen,
      invoiceFile: { fileName: `电子发票-${serial}.pdf`, contentBase64: INVOICE_PDF },
      payee: { accountName: seller.name, bankName: '中国工商银行上海市浦东分行', accountNumber: '1001266309200012345' },
    };
  };
  const [first, second] = contract.payable.map((p) => p.payableFen) as [number, number];
  const file = (milestoneNo: number, totalFen: number) => fileApplication(supplier, contract.id, { milestoneNo, ...invoice(totalFen) });
  const step = async (who: Context, id: string, action: Parameters<typeof decideApplication>[3], extra: { reason?: string; voucherNumber?: string } = {}) => {
    clock.advance(HOUR);
    await decideApplication(who, inPlatformTreasury, id, action, { revision: (await readApplication(who, id)).revision, ...extra });
  };

  // Milestone 1 in two invoices: 60 % paid through all three desks; 40 % waiting for the treasury.
  const paid = await file(1, Math.round(first * 0.6));
  await step(purchaser, paid.id, 'purchaserApprove');
  await step(authority, paid.id, 'authorityApprove');
  await step(treasury, paid.id, 'treasuryPay', { voucherNumber: `GK${shanghaiDate(clock.now()).replace(/-/g, '')}0007` });
  const atTreasury = await file(1, first - Math.round(first * 0.6));
  await step(purchaser, atTreasury.id, 'purchaserApprove');
  await step(authority, atTreasury.id, 'authorityReturn', { reason: '请采购人补充第1期到货验收单扫描件' });
  await step(purchaser, atTreasury.id, 'purchaserApprove');
  await step(authority, atTreasury.id, 'authorityApprove');
  // Milestone 2: one with the authority, one with the purchaser, one sent back to the supplier.
  const atAuthority = await file(2, Math.round(second * 0.3));
  await step(purchaser, atAuthority.id, 'purchaserApprove');
  await file(2, Math.round(second * 0.2));
  const rejected = await file(2, Math.round(second * 0.2));
  await step(purchaser, rejected.id, 'purchaserReject', { reason: '发票购买方名称应为“上海市徐汇区教育局”，请重新开具' });
}

/**
 * A works contract traded on the construction sub-platform (municipal highway maintenance) reaches
 * payment the same way: the sub-platform syncs its tender, award and signed contract (issue 15),
 * the road authority accepts the first quarter's maintenance, and the contractor's application waits for the industry authority. The
 * contractor financed the contract with the demo bank, so that application names the agreed account.
 */
export async function seedRegisteredWorksContract(as: (username: string) => Promise<Context>, clock: ManualClock, now: Date) {
  const purchaser = await as('purchaser-road');
  const supplier = await as('supplier-road');
  const db = supplier.platform.database.db;
  const source = (await demoApiKey(db, supplier.platform.sealer, 'subPlatform'))!;
  const parties = await entitySummaries(db, [purchaser.actor!.entityId, supplier.actor!.entityId]);
  const quarter = 90_000_000; // 900,000.00 yuan a quarter
  const buyer = parties.get(purchaser.actor!.entityId)!;
  const contractor = parties.get(supplier.actor!.entityId)!;
  // The tender was published on the sub-platform 80 days ago, awarded 50 days ago and the contract signed 40 days ago.
  const published = new Date(now.getTime() - 80 * DAY);
  const signedOn = shanghaiDate(new Date(published.getTime() + 40 * DAY));
  clock.set(now.getTime() - 40 * DAY);
  const releases = worksTenderReleases({
    prefix: 'ocds-shjs01',
    number: 'JSGC-2026-0158',
    title: '2026年度市管公路（沪闵路段）日常养护工程',
    buyer,
    bidders: [
      { name: contractor.name, creditCode: contractor.creditCode, priceFen: 4 * quarter },
      { name: '上海示范路桥建设有限公司', creditCode: '91310000MA1FL6XQ4K', priceFen: 4 * quarter + 3_600_000 },
      { name: '上海浦江市政养护有限公司', creditCode: '91310115MA1K4CPG2Y', priceFen: 4 * quarter + 5_100_000 },
    ],
    winner: contractor.creditCode,
    budgetFen: 4 * quarter + 20_000_000,
    publishedAt: published.toISOString(),
    milestones: ['第一季度', '第二季度', '第三季度', '第四季度'].map((q, i) => ({ title: `${q}养护`, acceptanceCriteria: '按《城市道路养护技术规范》季度考核合格', dueDate: addCalendarDays(signedOn, 30 + 91 * i), share: 0.25 })),
    contract: { number: 'SHJS2026-GLYH-0158', performancePlace: '沪闵路（中山南二路—外环线）', terms: '按建设工程施工合同示范文本及招标文件约定执行。' },
  });
  const synced = await syncReleases({ ...supplier, actor: null }, source.entityId, releases);
  // Two more of the sub-platform's tenders, for the portal: one awarded, one still open for bids.
  const other = (number: string, title: string, daysAgo: number) =>
    worksTenderReleases({
      prefix: 'ocds-shjs01',
      number,
      title,
      buyer,
      bidders: [
        { name: contractor.name, creditCode: contractor.creditCode, priceFen: 2 * quarter + 1_800_000 },
        { name: '上海示范路桥建设有限公司', creditCode: '91310000MA1FL6XQ4K', priceFen: 2 * quarter },
      ],
      winner: '91310000MA1FL6XQ4K',
      budgetFen: 2 * quarter + 10_000_000,
      publishedAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
    });
  const registered = { id: synced.contracts[0]!.registeredContractId };
  clock.set(now.getTime() - 8 * DAY);
  await recordAcceptance(purchaser, registered.id, { milestoneNo: 1, result: 'pass', findings: '第一季度养护考核合格，路况指数PCI 92', members: ['孙磊', '第三方检测单位'] });
  // A week ago the contractor financed the contract with the demo bank (政采贷): its payments go to the agreed account.
  clock.set(now.getTime() - 7 * DAY);
  const repayment = await seedFinancedWorksContract(as, clock, registered.id, 2 * quarter);
  clock.set(now.getTime() - 6 * DAY);
  const taxFen = Math.round((quarter * 9) / 109); // 9 % VAT on construction services
  const filed = await fileApplication(supplier, registered.id, {
    milestoneNo: 1,
    invoiceNumber: `2631200000${signedOn.replace(/-/g, '')}90`,
    invoiceDate: shanghaiDate(clock.now()),
    sellerCreditCode: contractor.creditCode,
    buyerCreditCode: buyer.creditCode,
    amountBeforeTaxFen: quarter - taxFen,
    taxFen,
    totalFen: quarter,
    invoiceFile: { fileName: '第一季度养护费发票.pdf', contentBase64: INVOICE_PDF },
    payee: repayment,
  });
  clock.advance(HOUR);
  await decideApplication(purchaser, inPlatformTreasury, filed.id, 'purchaserApprove', { revision: filed.revision });
  clock.advance(HOUR);
  await syncReleases({ ...supplier, actor: null }, source.entityId, [...other('JSGC-2026-0162', '2026年度市管公路（军工路段）日常养护工程', 45).slice(0, 2), ...other('JSGC-2026-0170', '2026年度市管公路（华夏西路段）桥梁检测', 12).slice(0, 1)]);
}
