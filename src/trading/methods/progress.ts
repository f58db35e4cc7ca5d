import type { ProjectStatus } from '../trading.schema';
import type { Step, StepId } from './method';

/** What the progress of a project is read from: its status and whether its publicities have run. */
export interface ProgressFacts {
  status: ProjectStatus;
  /** The single-source publicity: not yet, running, or over. */
  singleSourcePublicity: 'none' | 'running' | 'over';
  /** The works candidates' publicities so far: none yet, running (on any lot), or over (on every lot publicised; a lot whose report is not sent yet has none). */
  candidatePublicity: 'none' | 'running' | 'over';
  /** 资格预审 (PQ-02): its results issued, or not yet (also when the project does not prequalify). */
  prequalificationResultsIssued: boolean;
  /** 磋商/谈判: the final offers were called for and their time is up (on every lot called). */
  finalOffersClosed: boolean;
}

/** Where each status puts a project among the steps, before the publicities are considered. */
const STEP_OF_STATUS: Partial<Record<ProjectStatus, StepId>> = {
  draft: 'notice',
  published: 'responses',
  opening: 'opening',
  opened: 'opening',
  evaluating: 'evaluation',
  evaluated: 'award',
  awarded: 'contract',
  contracted: 'acceptance',
};

export interface StepProgress extends Step {
  state: 'done' | 'current' | 'upcoming';
}

/**
 * The project's steps with where it stands (pure): the steps before the current one are done.
 * A completed or archived project has done them all; a failed or cancelled one stopped, and
 * shows no current step.
 */
export function stepProgress(steps: readonly Step[], f: ProgressFacts): StepProgress[] {
  let current: StepId | null = STEP_OF_STATUS[f.status] ?? null;
  const has = (id: StepId) => steps.some((s) => s.id === id);
  if (current === 'notice' && has('prequalification') && !f.prequalificationResultsIssued) current = 'prequalification';
  if (current === 'notice' && has('singleSourcePublicity') && f.singleSourcePublicity !== 'over') current = 'singleSourcePublicity';
  if (current === 'evaluation' && has('rounds') && !f.finalOffersClosed) current = 'rounds';
  // 框架协议 (FA-04, FA-06): the first stage ends in the admission; the agreement's orders replace the one contract.
  if (current === 'award' && !has('award') && has('admission')) current = 'admission';
  if (current === 'contract' && has('orders')) current = 'orders';
  if (current === 'acceptance' && has('orders')) current = 'orders';
  if (current === 'award' && has('candidatePublicity') && f.candidatePublicity !== 'over') current = 'candidatePublicity';
  const finished = f.status === 'completed' || f.status === 'closed';
  const at = current === null ? (finished ? steps.length : -1) : steps.findIndex((s) => s.id === current);
  return steps.map((s, i) => ({ ...s, state: at < 0 ? 'upcoming' : i < at ? 'done' : i === at ? 'current' : 'upcoming' }));
}
