/**
 * An alert's investigation as an explicit table (issue 13, "alerts become cases"): a supervisor takes
 * it on or assigns it, notes what was found, and confirms it or dismisses it with a reason. A decided
 * alert may be reopened when new facts arrive; the decision and its credit records stay in the file.
 */
export const ALERT_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_ACTIONS = ['assign', 'note', 'confirm', 'dismiss', 'reopen'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const ALERT_TRANSITIONS: Record<AlertAction, { from: readonly AlertStatus[]; to: AlertStatus | 'same' }> = {
  assign: { from: ['open', 'investigating'], to: 'investigating' },
  note: { from: ['open', 'investigating'], to: 'same' },
  confirm: { from: ['investigating'], to: 'confirmed' },
  dismiss: { from: ['open', 'investigating'], to: 'dismissed' },
  reopen: { from: ['confirmed', 'dismissed'], to: 'investigating' },
};

export const alertActionsFrom = (status: AlertStatus): AlertAction[] => ALERT_ACTIONS.filter((a) => ALERT_TRANSITIONS[a].from.includes(status));
