import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import { bilingual } from '../../platform/errors';
import type { SubjectDecision, SubjectGuard, SubjectGuards } from '../../platform/http/subjects';
import { loadProjectFacts, relationsTo, type ProjectFacts } from '../../trading/project/project.policy';
import { guarantee } from './guarantees.schema';

/**
 * The row guard on /api/guarantees/:id/… (platform/http/subjects.ts). A guarantee is read by its
 * supplier and its issuer; the issuer decides on it and settles a claim on it. The purchaser and
 * its agency (the beneficiary's side) learn that it exists only once the lot's opening has
 * started, and then may claim on it. To anyone else it does not exist (404).
 */
export type GuaranteeAction = 'read' | 'decide' | 'claim' | 'settleClaim';

interface GuaranteeFacts extends ProjectFacts {
  supplierEntityId: string;
  issuerEntityId: string;
}

export function decideOnGuarantee(actor: Actor | null, action: GuaranteeAction, f: GuaranteeFacts): SubjectDecision {
  if (!actor) return 'hidden';
  if (actor.roles.includes('guarantor') && actor.entityId === f.issuerEntityId) return action === 'read' || action === 'decide' || action === 'settleClaim' ? 'allowed' : 'denied';
  if (actor.roles.includes('supplier') && actor.entityId === f.supplierEntityId) return action === 'read' ? 'allowed' : 'denied';
  const relations = relationsTo(actor, f);
  if ((relations.has('purchaser') || relations.has('agency')) && f.openingStarted) return action === 'claim' || action === 'read' ? 'allowed' : 'denied';
  return 'hidden';
}

const guaranteeGuard: SubjectGuard<GuaranteeFacts> = {
  name: bilingual('保函', 'Guarantee'),
  async load(db, id, actor) {
    const [row] = await db.select({ projectId: guarantee.projectId, supplierEntityId: guarantee.supplierEntityId, issuerEntityId: guarantee.issuerEntityId }).from(guarantee).where(eq(guarantee.id, id));
    const project = row ? await loadProjectFacts(db, row.projectId, actor) : null;
    return row && project ? { ...project, supplierEntityId: row.supplierEntityId, issuerEntityId: row.issuerEntityId } : null;
  },
  decide: (actor, action, facts) => decideOnGuarantee(actor, action as GuaranteeAction, facts),
};

export const guaranteeGuards: SubjectGuards = { guarantee: guaranteeGuard };
