import { eq } from 'drizzle-orm';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Db } from '../../platform/database/database';
import { COMPLEX_BUDGET_FEN } from '../evaluation/committee';
import { methodDefinition, minimumPanel, STEP_NAMES, stepsOf } from '../methods/methods';
import { stepProgress } from '../methods/progress';
import { openTenderThresholdFen, projectBudgetFen, type PublicityRow } from '../publicity/publicity';
import { publicityRunning } from '../publicity/publicity.rules';
import { prequalification } from '../prequalification/prequalification.schema';
import { publicity } from '../publicity/publicity.schema';
import { finalOfferCall } from '../rounds/rounds.schema';
import { finalOffersOpen } from '../rounds/rounds.rules';
import type { ProjectRow } from './project';

/**
 * What the project's method means for it now: its steps with where it stands (methods/progress.ts),
 * and the panel it draws (its name and smallest size for this budget, GP-40/41, CS-03, NG-02, WK-10).
 */
export async function projectMethod(db: Db, p: ProjectRow, now: Date) {
  const today = shanghaiDate(now);
  const definition = methodDefinition(p.method, p.category);
  const [budgetFen, thresholdFen] = [await projectBudgetFen(db, p.id), await openTenderThresholdFen(db, p.regionCode, p.category)];
  const rows = await db.select({ kind: publicity.kind, endsOn: publicity.endsOn }).from(publicity).where(eq(publicity.projectId, p.id));
  const state = (kind: PublicityRow['kind']) => {
    const of = rows.filter((r) => r.kind === kind);
    if (!of.length) return 'none' as const;
    return of.some((r) => publicityRunning(r.endsOn, today)) ? ('running' as const) : ('over' as const);
  };
  const [pq] = p.prequalification ? await db.select({ resultsIssuedAt: prequalification.resultsIssuedAt }).from(prequalification).where(eq(prequalification.projectId, p.id)) : [];
  const calls = await db.select({ deadline: finalOfferCall.deadline }).from(finalOfferCall).where(eq(finalOfferCall.projectId, p.id));
  const steps = stepProgress(stepsOf(definition, { budgetFen, openTenderThresholdFen: thresholdFen, prequalification: p.prequalification, singleSourceGround: p.singleSourceGround }), {
    status: p.status,
    singleSourcePublicity: state('singleSource'),
    candidatePublicity: state('candidates'),
    prequalificationResultsIssued: Boolean(pq?.resultsIssuedAt),
    finalOffersClosed: calls.length > 0 && calls.every((c) => finalOffersOpen(c, now)),
  });
  const minimum = minimumPanel(definition, { budgetFen, complex: false, openTenderThresholdFen: thresholdFen, largeBudgetFen: COMPLEX_BUDGET_FEN });
  return {
    steps: steps.map((s) => ({ id: s.id, name: s.name ?? STEP_NAMES[s.id], ruleIds: [...s.ruleIds], state: s.state })),
    panel: { name: definition.panel.name, minimumMembers: minimum.count, ruleId: minimum.ruleId },
  };
}
