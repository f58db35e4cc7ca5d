import type { ManualClock } from '../platform/clock';
import { HOUR } from '../platform/clock';
import type { Context } from '../platform/context';
import { applyForFinancing, approveFinancing, financingBanks } from '../money/financing/financing';

/** The repayment account the works contractor agreed with the demo bank (政采贷): every payment on the works contract goes there. */
export const DEMO_REPAYMENT_ACCOUNT = { bankName: '上海演示银行股份有限公司徐汇支行', accountNumber: '31001588800050000158' };

/**
 * 政采贷 in the demo: the works contractor applied to the demo bank a week ago and was financed
 * (its payment application then names the agreed account); the lighting contract's supplier has
 * just applied, so the bank's credit officer has one to decide.
 */
export async function seedFinancedWorksContract(as: (username: string) => Promise<Context>, clock: ManualClock, contractId: string, amountFen: number) {
  const supplier = await as('supplier-road');
  const bank = await as('financier');
  const [demoBank] = (await financingBanks(supplier.platform.database.db)).filter((b) => b.id === bank.actor!.entityId);
  const applied = await applyForFinancing(supplier, contractId, { bankEntityId: demoBank!.id, amountFen, consent: true });
  clock.advance(4 * HOUR);
  const approved = await approveFinancing(bank, applied.id, { revision: applied.revision, repaymentAccount: { accountName: applied.supplierName, ...DEMO_REPAYMENT_ACCOUNT } });
  return approved.repaymentAccount!;
}

export async function seedPendingFinancing(as: (username: string) => Promise<Context>, contractId: string, supplierUsername: string, amountFen: number) {
  const supplier = await as(supplierUsername);
  const bank = await as('financier');
  await applyForFinancing(supplier, contractId, { bankEntityId: bank.actor!.entityId, amountFen, consent: true });
}
