import { and, eq, inArray } from 'drizzle-orm';
import { regionCovers } from '../identity';
import { bilingual } from '../platform/errors';
import type { SubjectGuard, SubjectGuards } from '../platform/http/subjects';
import { committee, committeeMember, expert } from './experts/experts.schema';

/**
 * Row-level guards of the services area (see platform/http/subjects.ts). An evaluation is
 * the committee's: a drawn expert may answer its invitation, a confirmed member evaluate
 * (the use cases add the time window); to anyone else it does not exist.
 */
const evaluationGuard: SubjectGuard<{ projectId: string; drawn: string[]; confirmed: string[] }> = {
  name: bilingual('评审项目', 'Evaluation'),
  async load(db, projectId) {
    const [exists] = await db.select({ projectId: committee.projectId }).from(committee).where(eq(committee.projectId, projectId));
    if (!exists) return null;
    const members = await db
      .select({ personId: committeeMember.personId, status: committeeMember.status })
      .from(committeeMember)
      .where(and(eq(committeeMember.projectId, projectId), inArray(committeeMember.status, ['drawn', 'confirmed'])));
    return { projectId, drawn: members.map((m) => m.personId), confirmed: members.filter((m) => m.status === 'confirmed').map((m) => m.personId) };
  },
  decide(actor, action, f) {
    const seats = action === 'respond' ? f.drawn : f.confirmed;
    return actor && seats.includes(actor.personId) ? 'allowed' : 'hidden';
  },
};

/** The operator governs the experts of its region. */
const expertGuard: SubjectGuard<{ regionCode: string }> = {
  name: bilingual('评审专家', 'Expert'),
  async load(db, personId) {
    const [row] = await db.select({ regionCode: expert.regionCode }).from(expert).where(eq(expert.personId, personId));
    return row ?? null;
  },
  decide: (actor, _action, f) => (actor?.roles.includes('operator') && regionCovers(actor.regionCode, f.regionCode) ? 'allowed' : 'hidden'),
};

export const servicesGuards: SubjectGuards = { evaluation: evaluationGuard, expert: expertGuard };
