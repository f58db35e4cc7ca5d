import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * 统一支付 (seed 000): a payment application's way from the supplier through the purchaser and the
 * industry authority to the treasury, as one table of allowed transitions. A return goes one desk
 * back and says why; nothing skips a desk.
 */
export const PAYMENT_STATUSES = ['submitted', 'returnedByAuthority', 'purchaserApproved', 'returnedByTreasury', 'authorityApproved', 'paid', 'rejected', 'withdrawn'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Who acts on an application in each status (the desk it waits at); null when nobody needs to. */
export type PaymentDesk = 'supplier' | 'purchaser' | 'authority' | 'treasury';
export const DESK_OF: Record<PaymentStatus, PaymentDesk | null> = {
  submitted: 'purchaser',
  returnedByAuthority: 'purchaser',
  purchaserApproved: 'authority',
  returnedByTreasury: 'authority',
  authorityApproved: 'treasury',
  paid: null,
  rejected: 'supplier',
  withdrawn: null,
};

export const PAYMENT_ACTIONS = ['purchaserApprove', 'purchaserReject', 'authorityApprove', 'authorityReturn', 'treasuryPay', 'treasuryReturn', 'resubmit', 'withdraw'] as const;
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];

export interface PaymentTransition {
  from: readonly PaymentStatus[];
  by: PaymentDesk;
  to: PaymentStatus;
  /** A rejection or return tells the desk before why. */
  needsReason: boolean;
}

export const PAYMENT_TRANSITIONS: Record<PaymentAction, PaymentTransition> = {
  // Step 4: the purchaser (采购人/招标人) checks the application against the contract and acceptance.
  purchaserApprove: { from: ['submitted', 'returnedByAuthority'], by: 'purchaser', to: 'purchaserApproved', needsReason: false },
  purchaserReject: { from: ['submitted', 'returnedByAuthority'], by: 'purchaser', to: 'rejected', needsReason: true },
  // Step 5: the industry authority approves it to the treasury or returns it to the purchaser.
  authorityApprove: { from: ['purchaserApproved', 'returnedByTreasury'], by: 'authority', to: 'authorityApproved', needsReason: false },
  authorityReturn: { from: ['purchaserApproved', 'returnedByTreasury'], by: 'authority', to: 'returnedByAuthority', needsReason: true },
  // Step 6: the treasury pays (voucher number and date) or returns it to the authority.
  treasuryPay: { from: ['authorityApproved'], by: 'treasury', to: 'paid', needsReason: false },
  treasuryReturn: { from: ['authorityApproved'], by: 'treasury', to: 'returnedByTreasury', needsReason: true },
  // A rejected application goes back to the supplier, who corrects and files it again, or withdraws it.
  resubmit: { from: ['rejected'], by: 'supplier', to: 'submitted', needsReason: false },
  withdraw: { from: ['submitted', 'rejected'], by: 'supplier', to: 'withdrawn', needsReason: false },
};

/** The transition `action` makes from `status`, or null when it is not allowed there. */
export function paymentTransition(status: PaymentStatus, action: PaymentAction): PaymentTransition | null {
  const t = PAYMENT_TRANSITIONS[action];
  return t.from.includes(status) ? t : null;
}

/** What the desk may do with an application in this status (the buttons a user sees). */
export function actionsFor(status: PaymentStatus, desk: PaymentDesk): PaymentAction[] {
  return PAYMENT_ACTIONS.filter((a) => PAYMENT_TRANSITIONS[a].by === desk && PAYMENT_TRANSITIONS[a].from.includes(status));
}

/** Statuses in which an application still claims its amount of the milestone (all but a withdrawn one). */
export const CLAIMING_STATUSES: readonly PaymentStatus[] = PAYMENT_STATUSES.filter((s) => s !== 'withdrawn');
/** Statuses in which the money has not yet gone out and nobody has given up on it. */
export const OPEN_STATUSES: readonly PaymentStatus[] = PAYMENT_STATUSES.filter((s) => s !== 'withdrawn' && s !== 'paid');

/** Seed 000's steps as the user follows them: which one an application has reached. */
export const PAYMENT_STEPS = ['filed', 'purchaserReview', 'authorityReview', 'treasuryPayment', 'paid'] as const;
export function currentStep(status: PaymentStatus): number {
  return { submitted: 1, returnedByAuthority: 1, rejected: 0, purchaserApproved: 2, returnedByTreasury: 2, authorityApproved: 3, paid: 4, withdrawn: 0 }[status];
}

export const STATUS_NAMES: Record<PaymentStatus, Bilingual> = {
  submitted: bilingual('待采购人审核', 'Awaiting the purchaser'),
  returnedByAuthority: bilingual('主管部门退回，待采购人处理', 'Returned by the authority to the purchaser'),
  purchaserApproved: bilingual('待主管部门审核', 'Awaiting the industry authority'),
  returnedByTreasury: bilingual('国库退回，待主管部门处理', 'Returned by the treasury to the authority'),
  authorityApproved: bilingual('待国库支付', 'Awaiting treasury payment'),
  paid: bilingual('已支付', 'Paid'),
  rejected: bilingual('采购人退回，待供应商修改', 'Rejected by the purchaser, back with the supplier'),
  withdrawn: bilingual('已撤回', 'Withdrawn'),
};
