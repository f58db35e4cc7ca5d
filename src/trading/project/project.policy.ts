import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { bilingual } from '../../platform/errors';
import type { SubjectDecision, SubjectGuard } from '../../platform/http/subjects';
import { project, type ProjectStatus } from '../trading.schema';
import { supervisesProject } from './project.access';

/**
 * Who may do what with a project (pure). One table says who, by the caller's relation to the
 * project; a second says when, by the project's status. The server's route guards ask `who`
 * before anything else; the project view sends `projectActions` (who and when) so the web app
 * shows only what the user may do now. docs/ACCESS.md is the same matrix in words.
 */
export interface ProjectFacts {
  projectId: string;
  purchaserEntityId: string;
  agencyEntityId: string | null;
  regionCode: string;
  status: ProjectStatus;
  deadline: Date | null;
  documentsUntil: Date | null;
  /** The opening has started: from then on who bid is no longer sealed. */
  openingStarted: boolean;
  /**
   * Of the entities with a live bid, the caller's, if it is one: the policy only asks "is the caller
   * a bidder", and reading every bidder for every request would grow with the surge it serves.
   */
  bidderEntityIds: string[];
  /** A draft whose 资格预审公告 is out is read by anyone (PQ-01). */
  prequalificationPublished: boolean;
  /** WK-02: until when a prequalifying draft's documents are obtained from its notice. */
  prequalificationDocumentsUntil: Date | null;
  /** PQ-02: a supplier caller of a project that prequalified is one of the qualified (always true without prequalification). */
  callerPrequalified: boolean;
}

/** How the caller stands to the project. A person may hold several relations. */
export type ProjectRelation = 'purchaser' | 'agency' | 'overseer' | 'supplier' | 'bidder';

export function relationsTo(actor: Actor | null, p: ProjectFacts): Set<ProjectRelation> {
  const relations = new Set<ProjectRelation>();
  if (!actor) return relations;
  if (actor.roles.includes('purchaser') && actor.entityId === p.purchaserEntityId) relations.add('purchaser');
  if (actor.roles.includes('agency') && actor.entityId === p.agencyEntityId) relations.add('agency');
  if (supervisesProject(actor, p)) relations.add('overseer');
  if (actor.roles.includes('supplier')) {
    relations.add('supplier');
    if (p.bidderEntityIds.includes(actor.entityId)) relations.add('bidder');
  }
  return relations;
}

const MANAGERS: readonly ProjectRelation[] = ['purchaser', 'agency'];
const RUNNING_OR_OVERSEEING: readonly ProjectRelation[] = ['purchaser', 'agency', 'overseer'];

/** Who: the relations that may take each action (any one suffices). */
export const PROJECT_WHO = {
  /** Drafts are read by those running or overseeing the project; published projects by anyone. */
  readDraft: RUNNING_OR_OVERSEEING,
  read: [],
  manage: MANAGERS,
  confirmWinner: ['purchaser'],
  /** EB-08: who obtained the documents, to the purchaser and its agency; overseers once the opening started (see below). */
  viewDownloads: MANAGERS,
  oversee: RUNNING_OR_OVERSEEING,
  replayDraws: ['overseer'],
  participate: ['supplier'],
  /** The documents go to suppliers (who may bid), and to those running and overseeing the project; not to the treasury or administrators. */
  obtainDocuments: ['purchaser', 'agency', 'overseer', 'supplier'],
  attendOpening: ['purchaser', 'agency', 'overseer', 'bidder'],
  actAsBidder: ['bidder'],
} as const satisfies Record<string, readonly ProjectRelation[]>;

export type ProjectWho = keyof typeof PROJECT_WHO;

/** The route guard's question: may the caller see the project at all, and take this action? */
export function decideOnProject(actor: Actor | null, action: ProjectWho, p: ProjectFacts): SubjectDecision {
  const relations = relationsTo(actor, p);
  const has = (who: readonly ProjectRelation[]) => who.some((r) => relations.has(r));
  if (p.status === 'draft' && !p.prequalificationPublished && !has(PROJECT_WHO.readDraft)) return 'hidden';
  if (action === 'read') return 'allowed';
  if (action === 'viewDownloads' && p.openingStarted && relations.has('overseer')) return 'allowed';
  if (has(PROJECT_WHO[action])) return 'allowed';
  // To anyone but the bidder, its bid does not exist.
  return action === 'actAsBidder' ? 'hidden' : 'denied';
}

/** What the web app may offer, by status (the use cases check the same states and explain a refusal). */
const PROJECT_WHEN = {
  uploadDocument: { who: 'manage', statuses: ['draft'] },
  publish: { who: 'manage', statuses: ['draft'] },
  answerQuestions: { who: 'manage', statuses: ['published'] },
  viewDownloads: { who: 'viewDownloads', statuses: ['published', 'opening', 'opened', 'evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed', 'failed'] },
  downloadDocuments: { who: 'participate', statuses: ['draft', 'published'] },
  askQuestion: { who: 'participate', statuses: ['published'] },
  bid: { who: 'participate', statuses: ['published'] },
  enterOpening: { who: 'attendOpening', statuses: ['opening', 'opened', 'evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed', 'failed'] },
  finalizeOpeningRecord: { who: 'manage', statuses: ['opening', 'opened', 'evaluating', 'evaluated', 'awarded', 'contracted'] },
  requestCommittee: { who: 'manage', statuses: ['published', 'opening', 'opened'] },
  extendEvaluation: { who: 'manage', statuses: ['published', 'opening', 'opened', 'evaluating'] },
  viewEvaluation: { who: 'oversee', statuses: ['published', 'opening', 'opened', 'evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed', 'failed'] },
  sendReport: { who: 'manage', statuses: ['evaluating', 'evaluated', 'awarded'] },
  confirmWinner: { who: 'confirmWinner', statuses: ['evaluated', 'awarded', 'contracted'] },
  draftContract: { who: 'manage', statuses: ['awarded', 'contracted'] },
  archive: { who: 'manage', statuses: ['completed', 'failed'] },
  viewArchive: { who: 'oversee', statuses: ['completed', 'closed', 'failed'] },
  replayDraws: { who: 'replayDraws', statuses: ['evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed'] },
} as const satisfies Record<string, { who: ProjectWho; statuses: readonly ProjectStatus[] }>;

export type ProjectAction = keyof typeof PROJECT_WHEN;
export const PROJECT_ACTIONS = Object.keys(PROJECT_WHEN) as [ProjectAction, ...ProjectAction[]];

/** The actions the caller may take on the project now: sent with the project, rendered as buttons. */
export function projectActions(actor: Actor | null, p: ProjectFacts, now: Date): ProjectAction[] {
  const beforeDeadline = p.deadline !== null && now < p.deadline;
  return (Object.keys(PROJECT_WHEN) as ProjectAction[]).filter((action) => {
    const rule = PROJECT_WHEN[action];
    if (!(rule.statuses as readonly string[]).includes(p.status)) return false;
    if (decideOnProject(actor, rule.who, p) !== 'allowed') return false;
    // PQ-02: once a prequalifying project's tender is out, only the qualified obtain its documents and bid.
    if (action === 'bid') return beforeDeadline && p.callerPrequalified;
    if (action === 'askQuestion') return beforeDeadline;
    if (action === 'downloadDocuments')
      return p.status === 'draft' ? Boolean(p.prequalificationDocumentsUntil && now < p.prequalificationDocumentsUntil) : p.callerPrequalified && p.documentsUntil !== null && now < p.documentsUntil;
    return true;
  });
}

/** Every row guard on a project, a lot or a bid reads this: one round trip. */
export async function loadProjectFacts(db: Db, projectId: string, actor: Actor | null): Promise<ProjectFacts | null> {
  return projectFactsWhere(db, eq(project.id, projectId), actor);
}

async function projectFactsWhere(db: Db, where: SQL, actor: Actor | null): Promise<ProjectFacts | null> {
  const [row] = await db
    .select({
      project,
      // Written out: in a one-table select Drizzle leaves columns unqualified, which inside a subquery would name the subquery's own table.
      openingStarted: sql<boolean>`EXISTS (SELECT 1 FROM opening o WHERE o.project_id = "project"."id")`,
      callerBid: actor?.roles.includes('supplier')
        ? sql<boolean>`EXISTS (SELECT 1 FROM bid b WHERE b.project_id = "project"."id" AND b.supplier_entity_id = ${actor.entityId} AND b.status IN ('submitted', 'decrypted', 'revoked', 'withdrawnPlatformFault'))`
        : sql<boolean>`false`,
      prequalificationPublished: sql<boolean>`EXISTS (SELECT 1 FROM prequalification q WHERE q.project_id = "project"."id")`,
      prequalificationDocumentsUntil: sql<Date | null>`(SELECT q.documents_until FROM prequalification q WHERE q.project_id = "project"."id")`.mapWith((v: string | Date) => new Date(v)),
      callerPrequalified: actor?.roles.includes('supplier')
        ? sql<boolean>`(NOT "project"."prequalification" OR EXISTS (SELECT 1 FROM prequalification_application a JOIN prequalification q ON q.id = a.prequalification_id WHERE a.project_id = "project"."id" AND a.supplier_entity_id = ${actor.entityId} AND a.outcome = 'qualified' AND q.results_issued_at IS NOT NULL))`
        : sql<boolean>`true`,
    })
    .from(project)
    .where(where);
  return row
    ? factsOf(row.project, row.openingStarted, row.callerBid ? [actor!.entityId] : [], {
        prequalificationPublished: row.prequalificationPublished,
        prequalificationDocumentsUntil: row.prequalificationDocumentsUntil,
        callerPrequalified: row.callerPrequalified,
      })
    : null;
}

type PrequalificationFacts = Pick<ProjectFacts, 'prequalificationPublished' | 'prequalificationDocumentsUntil' | 'callerPrequalified'>;

export function factsOf(row: typeof project.$inferSelect, openingStarted: boolean, bidderEntityIds: string[], prequalification: PrequalificationFacts): ProjectFacts {
  return {
    ...prequalification,
    projectId: row.id,
    purchaserEntityId: row.purchaserEntityId,
    agencyEntityId: row.agencyEntityId,
    regionCode: row.regionCode,
    status: row.status,
    deadline: row.deadline,
    documentsUntil: row.documentsUntil,
    openingStarted,
    bidderEntityIds,
  };
}

/** Routes on /api/projects/:id/… and /api/public/projects/:id/… */
export const projectGuard: SubjectGuard<ProjectFacts> = {
  name: bilingual('采购项目', 'Project'),
  load: loadProjectFacts,
  decide: (actor, action, facts) => decideOnProject(actor, action as ProjectWho, facts),
};

/** Routes on /api/lots/:id/…: the lot's project decides. */
export const lotGuard: SubjectGuard<ProjectFacts & { lotId: string }> = {
  name: bilingual('标项', 'Lot'),
  async load(db, lotId, actor) {
    const facts = await projectFactsWhere(db, sql`"project"."id" = (SELECT l.project_id FROM lot l WHERE l.id = ${lotId})`, actor);
    return facts && { ...facts, lotId };
  },
  decide: (actor, action, facts) => decideOnProject(actor, action as ProjectWho, facts),
};
