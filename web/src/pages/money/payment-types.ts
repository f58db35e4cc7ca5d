/** A payment application as the API answers it (src/money/payments/payments.ts). */
export type PaymentStatus = 'submitted' | 'returnedByAuthority' | 'purchaserApproved' | 'returnedByTreasury' | 'authorityApproved' | 'paid' | 'rejected' | 'withdrawn';
export type PaymentAction = 'purchaserApprove' | 'purchaserReject' | 'authorityApprove' | 'authorityReturn' | 'treasuryPay' | 'treasuryReturn' | 'resubmit' | 'withdraw';
export type PaymentDesk = 'supplier' | 'purchaser' | 'authority' | 'treasury';

export interface PaymentApplication {
  id: string;
  applicationNumber: string;
  contractId: string;
  contractNumber: string;
  contractTitle: string;
  milestoneNo: number;
  status: PaymentStatus;
  statusName: { 'zh-CN': string; 'en-US': string };
  step: number;
  waitingAt: PaymentDesk | null;
  daysWaiting: number | null;
  purchaserName: string;
  supplierName: string;
  invoice: { invoiceNumber: string; invoiceDate: string; sellerCreditCode: string; buyerCreditCode: string; amountBeforeTaxFen: number; taxFen: number; totalFen: number; fileName: string; fileKind: 'pdf' | 'ofd' };
  payee: { accountName: string; bankName: string; accountNumber: string };
  sme: boolean;
  periodStartsOn: string;
  dueOn: string;
  daysLeft: number | null;
  daysLate: number;
  lateInterestFen: number;
  filedAt: string;
  voucherNumber: string | null;
  paidOn: string | null;
  revision: number;
  actions: PaymentAction[];
}

export interface PaymentApplicationDetail extends PaymentApplication {
  milestoneName: string;
  history: { stepNo: number; action: PaymentAction | 'file'; toStatus: PaymentStatus; personName: string; entityName: string; role: string; reason: string | null; detail: Record<string, unknown> | null; at: string }[];
}

/** The tag colour of a status: waiting, sent back, done. */
export function statusColor(status: PaymentStatus): string {
  if (status === 'paid') return 'green';
  if (status === 'withdrawn') return 'default';
  if (status === 'rejected' || status.startsWith('returned')) return 'orange';
  return 'blue';
}
