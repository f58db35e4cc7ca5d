import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import type { Account } from './financing.rules';
import { contractFinancing } from './financing.schema';

/**
 * The repayment account a bank and the supplier agreed for a financed contract (an approved
 * financing), or null when the contract is not financed. Payment applications must name it.
 */
export async function agreedRepaymentAccount(db: Db, contractId: string): Promise<Account | null> {
  const [row] = await db
    .select({ accountName: contractFinancing.repaymentAccountName, bankName: contractFinancing.repaymentBankName, accountNumber: contractFinancing.repaymentAccountNumber })
    .from(contractFinancing)
    .where(and(eq(contractFinancing.contractId, contractId), eq(contractFinancing.status, 'approved')));
  return row?.accountNumber ? { accountName: row.accountName!, bankName: row.bankName!, accountNumber: row.accountNumber } : null;
}
