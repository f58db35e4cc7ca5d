import { bilingual, type Bilingual } from '../../platform/errors';
import { formatYuan } from '../../platform/money';

/** applied → approved | declined | withdrawn (by the supplier, before the bank decides). */
export const FINANCING_STATUSES = ['applied', 'approved', 'declined', 'withdrawn'] as const;
export type FinancingStatus = (typeof FINANCING_STATUSES)[number];
/** A live financing holds the contract: at most one per contract. */
export const LIVE_FINANCING_STATUSES: readonly FinancingStatus[] = ['applied', 'approved'];

export const FINANCING_STATUS_NAMES: Record<FinancingStatus, Bilingual> = {
  applied: bilingual('待银行审批', 'Awaiting the bank'),
  approved: bilingual('已放款（融资中）', 'Approved (financed)'),
  declined: bilingual('银行未批准', 'Declined by the bank'),
  withdrawn: bilingual('已撤回', 'Withdrawn'),
};

export interface Problem {
  field: string;
  messages: Bilingual;
}

export interface Account {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

/** What is left to pay on the contract: its price less what the treasury has paid. */
export function unpaidFen(priceFen: number, paid: { totalFen: number }[]): number {
  return Math.max(0, priceFen - paid.reduce((s, p) => s + p.totalFen, 0));
}

/** The amount asked for: positive, and at most what is still unpaid on the contract (the bank lends against it). */
export function financingAmountProblem(amountFen: number, unpaid: number): Problem | null {
  if (amountFen <= 0) return { field: 'amountFen', messages: bilingual('融资金额须大于零', 'The amount must be more than zero') };
  if (amountFen > unpaid)
    return {
      field: 'amountFen',
      messages: bilingual(`融资金额（${formatYuan(amountFen)}元）不得超过合同尚未支付的金额（${formatYuan(unpaid)}元）`, `The amount (${formatYuan(amountFen)} yuan) may not exceed what is unpaid on the contract (${formatYuan(unpaid)} yuan)`),
    };
  return null;
}

/** The agreed repayment account is the supplier's own account (at the lending bank or any other): government money goes to the contract's supplier. */
export function repaymentAccountProblem(account: Account, supplierName: string): Problem | null {
  if (account.accountName.trim() !== supplierName)
    return { field: 'repaymentAccount.accountName', messages: bilingual(`回款账户户名应为合同供应商“${supplierName}”`, `The repayment account must be in the name of the contract supplier “${supplierName}”`) };
  return null;
}

const sameAccount = (a: Account, b: Account) => a.accountName.trim() === b.accountName.trim() && a.bankName.trim() === b.bankName.trim() && a.accountNumber.trim() === b.accountNumber.trim();

/**
 * Which payee a payment application must name: on a financed contract exactly the account the
 * bank and the supplier agreed (the supplier cannot change it); otherwise any account in the
 * supplier's name.
 */
export function payeeProblem(payee: Account, c: { supplierName: string; agreed: Account | null }): Problem | null {
  if (c.agreed) {
    if (sameAccount(payee, c.agreed)) return null;
    return {
      field: 'payee',
      messages: bilingual(
        `该合同已办理政府采购合同融资，收款账户须为与融资银行约定的回款账户（${c.agreed.accountName}，${c.agreed.bankName}，${c.agreed.accountNumber}），不得变更`,
        `This contract is financed: the payee must be the repayment account agreed with the bank (${c.agreed.accountName}, ${c.agreed.bankName}, ${c.agreed.accountNumber}) and cannot be changed`,
      ),
    };
  }
  if (payee.accountName !== c.supplierName)
    return { field: 'payee.accountName', messages: bilingual(`收款户名应为合同供应商“${c.supplierName}”`, `The payee must be the contract supplier “${c.supplierName}”`) };
  return null;
}
