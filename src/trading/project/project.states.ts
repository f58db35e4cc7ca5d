import type { LotStatus, ProjectStatus } from '../trading.schema';

/**
 * Lots and projects as transition tables (ARCHITECTURE.md: explicit transitions; an illegal one
 * throws). A lot moves with each fact about it: its opening, its signed report, its award, its
 * contract, its acceptance. Its project follows its lots from the evaluation on: it stands where
 * the least advanced of its lots that did not fail stands.
 */
export const LOT_TRANSITIONS = {
  /** At the deadline, a lot with enough bids starts decrypting; otherwise it fails (GP-33). */
  startDecryption: { from: ['open'], to: 'decrypting' },
  failForTooFewBids: { from: ['open'], to: 'failed' },
  /** PQ-02: fewer than 3 applicants prequalified; the tender is repeated as a new project (重新招标). */
  failedAtPrequalification: { from: ['open'], to: 'failed' },
  /** Every bidder decrypted, or the window ended. */
  closeOpening: { from: ['decrypting'], to: 'opened' },
  /** The committee signed the lot's report; or the report found too few valid bids (GP-35). */
  reportSigned: { from: ['opened'], to: 'evaluated' },
  failedAtEvaluation: { from: ['opened'], to: 'failed' },
  /** The purchaser confirmed the winner (GP-71); the winner refused to sign (GP-78). */
  awarded: { from: ['evaluated'], to: 'awarded' },
  winnerRefused: { from: ['awarded'], to: 'evaluated' },
  /** Both parties signed the contract (GP-75). */
  contracted: { from: ['awarded'], to: 'contracted' },
  /** Every milestone of the contract passed acceptance. */
  completed: { from: ['contracted'], to: 'completed' },
} as const satisfies Record<string, { from: readonly LotStatus[]; to: LotStatus }>;

/** The project from the evaluation on; each transition's name is also its audit action (`project.<name>`). */
export const PROJECT_TRANSITIONS = {
  evaluated: { from: ['evaluating'], to: 'evaluated' },
  failed: { from: ['evaluating'], to: 'failed' },
  /** PQ-02: a prequalifying project whose tender could not follow (fewer than 3 qualified), before its notice. */
  failedAtPrequalification: { from: ['draft'], to: 'failed' },
  awarded: { from: ['evaluated'], to: 'awarded' },
  winnerRefused: { from: ['awarded'], to: 'evaluated' },
  contracted: { from: ['awarded'], to: 'contracted' },
  completed: { from: ['contracted'], to: 'completed' },
  archived: { from: ['completed', 'failed'], to: 'closed' },
} as const satisfies Record<string, { from: readonly ProjectStatus[]; to: ProjectStatus }>;

export type LotTransition = keyof typeof LOT_TRANSITIONS;
export type ProjectTransition = keyof typeof PROJECT_TRANSITIONS;

export function lotTransition(transition: LotTransition, from: string): LotStatus {
  const rule = LOT_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from)) throw new Error(`lot cannot ${transition} from ${from}`);
  return rule.to;
}

export function projectTransition(transition: ProjectTransition, from: string): ProjectStatus {
  const rule = PROJECT_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from)) throw new Error(`project cannot be ${transition} from ${from}`);
  return rule.to;
}

/** The order a lot goes through once its report is signed. */
const AFTER_REPORT = ['evaluated', 'awarded', 'contracted', 'completed'] as const;

/**
 * Where a project's lots put it (pure): with every lot failed, failed; while a lot is still before
 * its report, null (the lots do not decide yet); otherwise the least advanced lot that did not fail.
 */
export function statusFollowingLots(lots: { status: string }[]): (typeof AFTER_REPORT)[number] | 'failed' | null {
  const live = lots.filter((l) => l.status !== 'failed');
  if (live.length === 0) return 'failed';
  const ranks = live.map((l) => (AFTER_REPORT as readonly string[]).indexOf(l.status));
  if (ranks.some((r) => r < 0)) return null;
  return AFTER_REPORT[Math.min(...ranks)]!;
}

/** The named project transition that takes `from` to `to`, if the table has one. */
export function projectTransitionBetween(from: string, to: ProjectStatus): ProjectTransition | null {
  const found = Object.entries(PROJECT_TRANSITIONS).find(([, rule]) => rule.to === to && (rule.from as readonly string[]).includes(from));
  return (found?.[0] as ProjectTransition | undefined) ?? null;
}
