/** A guarantee as the API answers it (src/money/guarantees/guarantees.routes.ts). */
export interface GuaranteeView {
  id: string;
  lotId: string;
  projectId: string;
  projectNumber: string;
  projectTitle: string;
  lotNo: number;
  status: 'applied' | 'approved' | 'declined';
  supplierName: string;
  issuerEntityId: string;
  issuerName: string;
  beneficiaryName: string;
  amountFen: number;
  validFrom: string | null;
  validUntil: string;
  appliedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
  guaranteeNumber: string | null;
  checkCode: string | null;
  claim: { id: string; amountFen: number; reason: string; basis: string; status: 'filed' | 'paid' | 'declined'; claimedAt: string; settledAt: string | null; settlementNote: string | null } | null;
  deadline?: string | null;
  bidValidityEnd?: string | null;
}

export const GUARANTEE_COLOURS: Record<GuaranteeView['status'], string> = { applied: 'blue', approved: 'green', declined: 'red' };
export const CLAIM_COLOURS: Record<NonNullable<GuaranteeView['claim']>['status'], string> = { filed: 'orange', paid: 'green', declined: 'default' };
