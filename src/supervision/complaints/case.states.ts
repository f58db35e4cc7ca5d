/**
 * A challenge (质疑) and a complaint (投诉) as explicit tables of allowed transitions (RULES.md §5.1).
 * Each action names who takes it and from which statuses; `to` equal to the status it leaves is a step
 * that records something without moving the case (the respondent's answer, a pause). Anything else is
 * refused as out of order.
 */

/** Who stands where in a case. */
export type CaseParty = 'filer' | 'respondent' | 'department';

export const CHALLENGE_STATUSES = ['filed', 'answered', 'withdrawn'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export const CHALLENGE_ACTIONS = ['answer', 'withdraw'] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];

export const COMPLAINT_STATUSES = ['received', 'correctionRequested', 'accepted', 'refused', 'decided', 'withdrawn'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_ACTIONS = ['requestCorrection', 'correct', 'accept', 'refuse', 'respond', 'hear', 'pause', 'resume', 'suspend', 'lift', 'decide', 'withdraw'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export interface Transition<S extends string> {
  from: readonly S[];
  by: CaseParty;
  to: S | 'same';
  ruleId: string;
}

export const CHALLENGE_TRANSITIONS: Record<ChallengeAction, Transition<ChallengeStatus>> = {
  // QC-04: the purchaser or agency answers in writing, item by item, and tells the other suppliers concerned.
  answer: { from: ['filed'], by: 'respondent', to: 'answered', ruleId: 'QC-04' },
  withdraw: { from: ['filed'], by: 'filer', to: 'withdrawn', ruleId: 'QC-01' },
};

export const COMPLAINT_TRANSITIONS: Record<ComplaintAction, Transition<ComplaintStatus>> = {
  // QC-09: within 5 working days the department accepts, asks once for corrections, or refuses with reasons.
  requestCorrection: { from: ['received'], by: 'department', to: 'correctionRequested', ruleId: 'QC-09' },
  correct: { from: ['correctionRequested'], by: 'filer', to: 'received', ruleId: 'QC-09' },
  accept: { from: ['received'], by: 'department', to: 'accepted', ruleId: 'QC-09' },
  refuse: { from: ['received', 'correctionRequested'], by: 'department', to: 'refused', ruleId: 'QC-09' },
  // QC-09: the respondent answers the copy with its evidence, once.
  respond: { from: ['accepted'], by: 'respondent', to: 'same', ruleId: 'QC-09' },
  // Both sides heard together (质证), as an administrative adjudication does: the minutes go in the file.
  hear: { from: ['accepted'], by: 'department', to: 'same', ruleId: 'QC-10' },
  // QC-10: time for inspection, appraisal, expert review or corrections is not counted.
  pause: { from: ['accepted'], by: 'department', to: 'same', ruleId: 'QC-10' },
  resume: { from: ['accepted'], by: 'department', to: 'same', ruleId: 'QC-10' },
  // QC-11: the department may suspend the procurement in writing for at most 30 days.
  suspend: { from: ['accepted'], by: 'department', to: 'same', ruleId: 'QC-11' },
  lift: { from: ['accepted'], by: 'department', to: 'same', ruleId: 'QC-11' },
  decide: { from: ['accepted'], by: 'department', to: 'decided', ruleId: 'QC-10' },
  // QC-12: a written withdrawal ends the proceedings.
  withdraw: { from: ['received', 'correctionRequested', 'accepted'], by: 'filer', to: 'withdrawn', ruleId: 'QC-12' },
};

/** What a complaint's flags add to the table: one correction request, one response, a pause and a suspension at a time. */
export interface ComplaintFlags {
  correctionRequested: boolean;
  responded: boolean;
  paused: boolean;
  suspended: boolean;
}
const FLAG_ALLOWS: Record<ComplaintAction, (f: ComplaintFlags) => boolean> = {
  requestCorrection: (f) => !f.correctionRequested,
  correct: () => true,
  accept: () => true,
  refuse: () => true,
  respond: (f) => !f.responded,
  hear: () => true,
  pause: (f) => !f.paused,
  resume: (f) => f.paused,
  suspend: (f) => !f.suspended,
  lift: (f) => f.suspended,
  // A paused clock is resumed before the decision, so the excluded time is known.
  decide: (f) => !f.paused,
  withdraw: () => true,
};

export function challengeActions(status: ChallengeStatus, parties: ReadonlySet<CaseParty>): ChallengeAction[] {
  return CHALLENGE_ACTIONS.filter((a) => CHALLENGE_TRANSITIONS[a].from.includes(status) && parties.has(CHALLENGE_TRANSITIONS[a].by));
}

export function complaintActions(status: ComplaintStatus, flags: ComplaintFlags, parties: ReadonlySet<CaseParty>): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => COMPLAINT_TRANSITIONS[a].from.includes(status) && parties.has(COMPLAINT_TRANSITIONS[a].by) && FLAG_ALLOWS[a](flags));
}

/** The status after an action, or null when the table does not allow it (out of order, or not this party's). */
export function nextComplaintStatus(status: ComplaintStatus, action: ComplaintAction, flags: ComplaintFlags, party: ReadonlySet<CaseParty>): ComplaintStatus | null {
  if (!complaintActions(status, flags, party).includes(action)) return null;
  const to = COMPLAINT_TRANSITIONS[action].to;
  return to === 'same' ? status : to;
}

export function nextChallengeStatus(status: ChallengeStatus, action: ChallengeAction, party: ReadonlySet<CaseParty>): ChallengeStatus | null {
  if (!challengeActions(status, party).includes(action)) return null;
  const to = CHALLENGE_TRANSITIONS[action].to;
  return to === 'same' ? status : to;
}

/**
 * QC-05: an open challenge holds the contract (until it is answered nobody has said it cannot affect the
 * result); an answered one holds it when it was upheld in a way that affects the result (QC-14).
 */
export function challengeHoldsContract(c: { status: ChallengeStatus; affectsResult: boolean | null; verdict: string | null }): boolean {
  if (c.status === 'filed') return true;
  return c.status === 'answered' && c.affectsResult === true && c.verdict !== 'dismissed';
}
