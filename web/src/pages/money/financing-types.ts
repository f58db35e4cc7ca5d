export type FinancingStatus = 'applied' | 'approved' | 'declined' | 'withdrawn';
type Text = { 'zh-CN': string; 'en-US': string };
export interface Account {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

export interface FinancingView {
  id: string;
  contractId: string;
  status: FinancingStatus;
  statusName: Text;
  supplierName: string;
  bankEntityId: string;
  bankName: string;
  amountFen: number;
  consentAt: string;
  appliedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
  repaymentAccount: Account | null;
  revision: number;
  actions: ('approve' | 'decline' | 'withdraw')[];
}

/** What the bank sees of a contract, with the supplier's consent. */
export interface FinancedContract {
  contractNumber: string;
  title: string;
  status: string;
  purchaserName: string;
  supplierName: string;
  supplierCreditCode: string;
  priceFen: number;
  signedAt: string | null;
  paymentTermDays: number;
  performancePeriod: string;
  milestones: { no: number; name: string; amountFen: number; dueDate: string }[];
  paidFen: number;
  unpaidFen: number;
  payments: { applicationNumber: string; milestoneNo: number; totalFen: number; status: string; statusName: Text; dueOn: string; paidOn: string | null; payeeAccountNumber: string }[];
}

export interface ContractFinancingState {
  contractId: string;
  inForce: boolean;
  unpaidFen: number;
  banks: { id: string; name: string }[];
  financings: FinancingView[];
}

export const FINANCING_COLOURS: Record<FinancingStatus, string> = { applied: 'processing', approved: 'success', declined: 'error', withdrawn: 'default' };

/** The agreed repayment account of an approved financing, if the contract is financed. */
export const agreedAccount = (s: ContractFinancingState | undefined): Account | null => s?.financings.find((f) => f.status === 'approved')?.repaymentAccount ?? null;
