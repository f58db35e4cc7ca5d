/**
 * The e-mall's lifecycles as literal tables of allowed transitions (docs/MALL.md). Pure: an illegal
 * transition throws, so a use case that reaches one has a bug, not a user error.
 */

/**
 * 网上竞价 (MALL-05..07). A basket is published straight into `bidding`; at its close the job opens the
 * sealed quotes and takes one of the first three transitions. With fewer quotes meeting the basket than
 * the region's minimum, the basket fails, or (where the region lets the purchaser decide) waits for the
 * purchaser to confirm the best of them or decline.
 */
export const BASKET_TRANSITIONS = {
  /** At the close: enough quotes meet the basket; the lowest wins. */
  award: { from: ['bidding'], to: 'awarded' },
  /** At the close: no quote meets it, or too few and the region does not let the purchaser confirm. */
  fail: { from: ['bidding'], to: 'failed' },
  /** At the close: too few quotes meet it, and the region lets the purchaser decide. */
  awaitConfirmation: { from: ['bidding'], to: 'awaitingConfirmation' },
  /** The purchaser takes the best of too few quotes. */
  confirm: { from: ['awaitingConfirmation'], to: 'awarded' },
  /** The purchaser declines too few quotes. */
  decline: { from: ['awaitingConfirmation'], to: 'failed' },
} as const;
export type BasketTransition = keyof typeof BASKET_TRANSITIONS;
export type BasketStatus = 'bidding' | 'awaitingConfirmation' | 'awarded' | 'failed';
export const BASKET_STATUSES: readonly BasketStatus[] = ['bidding', 'awaitingConfirmation', 'awarded', 'failed'];

export function basketTransition(transition: BasketTransition, from: BasketStatus): BasketStatus {
  const rule = BASKET_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from)) throw new Error(`a basket cannot ${transition} from ${from}`);
  return rule.to;
}

/** 入驻申请 (MALL-08): pending until the operator admits or refuses it; a refused supplier may apply again (a new application). */
export const APPLICATION_TRANSITIONS = {
  admit: { from: ['pending'], to: 'admitted' },
  refuse: { from: ['pending'], to: 'refused' },
} as const;
export type ApplicationTransition = keyof typeof APPLICATION_TRANSITIONS;
export type ApplicationStatus = 'pending' | 'admitted' | 'refused';

export function applicationTransition(transition: ApplicationTransition, from: ApplicationStatus): ApplicationStatus {
  const rule = APPLICATION_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from)) throw new Error(`an application cannot ${transition} from ${from}`);
  return rule.to;
}
