import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { compareDates, type LocalDate } from '../../platform/calendar/calendar';
import type { Db } from '../../platform/database/database';
import { bilingual, DomainError } from '../../platform/errors';
import { challengeHoldsContract } from './case.states';
import { challenge, complaint } from './complaints.schema';

/**
 * What the challenges and complaints on a project hold back (QC-05, QC-11, QC-14). The trading steps
 * ask before they act: a suspension stops every step; a challenge stops the contract and its performance.
 */
export type HeldStep = 'award' | 'contract';

export async function procurementHold(db: Db, projectId: string, today: LocalDate, step: HeldStep): Promise<DomainError | null> {
  const suspensions = await db
    .select({ caseNumber: complaint.caseNumber, from: complaint.suspendedOn, until: complaint.suspendedUntil })
    .from(complaint)
    .where(and(eq(complaint.projectId, projectId), eq(complaint.status, 'accepted'), isNotNull(complaint.suspendedUntil)));
  const suspended = suspensions.find((s) => compareDates(s.from!, today) <= 0 && compareDates(today, s.until!) <= 0);
  if (suspended)
    return new DomainError(
      'PROCUREMENT_SUSPENDED',
      bilingual(`财政部门处理投诉（${suspended.caseNumber}）期间已书面通知暂停采购活动，至${suspended.until}止`, `The finance department suspended the procurement in writing while it handles complaint ${suspended.caseNumber}, until ${suspended.until}`),
      409,
      { caseNumber: suspended.caseNumber, until: suspended.until },
      'QC-11',
    );
  if (step !== 'contract') return null;
  const challenges = await db
    .select({ caseNumber: challenge.caseNumber, status: challenge.status, affectsResult: challenge.affectsResult, verdict: challenge.verdict })
    .from(challenge)
    .where(and(eq(challenge.projectId, projectId), inArray(challenge.status, ['filed', 'answered'])));
  const holding = challenges.find(challengeHoldsContract);
  if (!holding) return null;
  return holding.status === 'filed'
    ? new DomainError('CHALLENGE_PENDING', bilingual(`质疑（${holding.caseNumber}）尚未答复，可能影响采购结果，应暂停签订合同或者暂停履行合同`, `Challenge ${holding.caseNumber} is not answered yet and may affect the result: the contract is not signed or performed meanwhile`), 409, { caseNumber: holding.caseNumber }, 'QC-05')
    : new DomainError('CHALLENGE_UPHELD', bilingual(`质疑（${holding.caseNumber}）成立且影响采购结果，应依法另行确定中标（成交）供应商或者重新开展采购活动`, `Challenge ${holding.caseNumber} was upheld and affects the result: the winner is determined again or the procurement restarts`), 409, { caseNumber: holding.caseNumber }, 'QC-14');
}

/** Throws the hold, if any. */
export async function refuseWhileHeld(db: Db, projectId: string, today: LocalDate, step: HeldStep): Promise<void> {
  const hold = await procurementHold(db, projectId, today, step);
  if (hold) throw hold;
}
