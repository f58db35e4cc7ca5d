import type { Actor } from '../../platform/context';
import type { Addressee } from '../../platform/notifications/notifications';
import { oversees, regionCovers } from '../../identity';

/** Who may do what with a project (pure). The purchaser, and the agency it entrusted, run it. */
export interface ProjectRef {
  purchaserEntityId: string;
  agencyEntityId: string | null;
  regionCode: string;
  status: string;
  /** A draft whose 资格预审公告 is out: public like the notice, so that suppliers obtain the documents and apply (PQ-01). */
  prequalificationPublished?: boolean;
}

export function managesProject(actor: Actor | null, p: ProjectRef): boolean {
  if (!actor) return false;
  return (actor.roles.includes('purchaser') && actor.entityId === p.purchaserEntityId) || (actor.roles.includes('agency') && actor.entityId === p.agencyEntityId);
}

/**
 * Supervisors, authorities and the operator read what happens in their region; the treasury
 * and the administrators do not read procurement content.
 */
export function supervisesProject(actor: Actor | null, p: ProjectRef): boolean {
  return Boolean(actor && oversees(actor.roles) && regionCovers(actor.regionCode, p.regionCode));
}

/** A published project is public; a draft only to those running or supervising it, unless it is prequalifying its bidders. */
export function readsProject(actor: Actor | null, p: ProjectRef): boolean {
  return p.status !== 'draft' || p.prequalificationPublished === true || managesProject(actor, p) || supervisesProject(actor, p);
}

/** Those running a project, as message addressees: the purchaser's and the agency's people in those roles. */
export function projectManagers(p: Pick<ProjectRef, 'purchaserEntityId' | 'agencyEntityId'>): Addressee[] {
  return [{ entityId: p.purchaserEntityId, role: 'purchaser' }, ...(p.agencyEntityId ? [{ entityId: p.agencyEntityId, role: 'agency' }] : [])];
}

/** A supplier's people who bid: messages about its bids, letters and contracts. */
export const supplierDesk = (entityId: string): Addressee => ({ entityId, role: 'supplier' });
