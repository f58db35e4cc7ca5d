import { and, eq } from 'drizzle-orm';
import { regionCovers } from '../identity';
import type { Actor } from '../platform/context';
import type { Db } from '../platform/database/database';
import { bilingual } from '../platform/errors';
import type { SubjectDecision, SubjectGuard, SubjectGuards } from '../platform/http/subjects';
import { readsRegisteredContract } from './contract/contract';
import { contract } from './contract/contract.schema';
import { decideOnProject, loadProjectFacts, lotGuard, projectGuard, relationsTo, type ProjectFacts } from './project/project.policy';
import { loadUpload, type UploadFacts } from './bids/bid-uploads';
import { requirementChange } from './rounds/rounds.schema';
import { committeeMember } from '../services/experts/experts.schema';
import { bid, plan } from './trading.schema';
import { applicationGuard } from './mall/admission';
import { basketGuard } from './mall/basket';

/**
 * Row-level guards of the trading area, by subject type (see platform/http/subjects.ts). Each
 * answers from the same policy the use cases apply; the use cases keep their own checks.
 */

/** A bid, an upload or an award letter belongs to its supplier; the letter is also read by those running or overseeing the project. */
async function bidFacts(db: Db, id: string, actor: Actor | null) {
  const [row] = await db.select({ supplierEntityId: bid.supplierEntityId, projectId: bid.projectId }).from(bid).where(eq(bid.id, id));
  const project = row ? await loadProjectFacts(db, row.projectId, actor) : null;
  return row && project ? { ...project, supplierEntityId: row.supplierEntityId } : null;
}
const ownsBid = (actor: Actor | null, f: { supplierEntityId: string }) => Boolean(actor?.roles.includes('supplier') && actor.entityId === f.supplierEntityId);

const bidGuard: SubjectGuard<ProjectFacts & { supplierEntityId: string }> = {
  name: bilingual('投标', 'Bid'),
  load: bidFacts,
  decide(actor, action, f): SubjectDecision {
    if (ownsBid(actor, f)) return 'allowed';
    if (action === 'readLetter' && decideOnProject(actor, 'oversee', f) === 'allowed' && f.openingStarted) return 'allowed';
    return 'hidden';
  },
};

// Every chunk asks; the upload's use cases reuse what the guard read (bids/bid-uploads.ts).
const bidUploadGuard: SubjectGuard<UploadFacts> = {
  name: bilingual('投标上传', 'Bid upload'),
  load: (db, id) => loadUpload(db, id),
  decide: (actor, _action, f) => (ownsBid(actor, f) ? 'allowed' : 'hidden'),
};

/**
 * A contract: its two parties and the agency read it; each party signs for itself; overseers read.
 * One a sub-platform registered has no project here: its parties and the region's overseers read it.
 */
type ContractFacts = ({ registered: false } & ProjectFacts) | { registered: true; purchaserEntityId: string; regionCode: string };
const contractGuard: SubjectGuard<ContractFacts & { supplierEntityId: string }> = {
  name: bilingual('合同', 'Contract'),
  async load(db, id, actor) {
    const [row] = await db.select({ projectId: contract.projectId, supplierEntityId: contract.supplierEntityId, purchaserEntityId: contract.purchaserEntityId, regionCode: contract.regionCode }).from(contract).where(eq(contract.id, id));
    if (!row) return null;
    if (!row.projectId) return { registered: true, supplierEntityId: row.supplierEntityId, purchaserEntityId: row.purchaserEntityId, regionCode: row.regionCode };
    const project = await loadProjectFacts(db, row.projectId, actor);
    return project ? { registered: false, ...project, supplierEntityId: row.supplierEntityId } : null;
  },
  decide(actor, action, f): SubjectDecision {
    const supplierParty = ownsBid(actor, f);
    const purchaserParty = f.registered ? Boolean(actor?.roles.includes('purchaser') && actor.entityId === f.purchaserEntityId) : relationsTo(actor, f).has('purchaser');
    const reads = f.registered ? readsRegisteredContract(actor, { ...f }) : supplierParty || purchaserParty || relationsTo(actor, f).has('agency') || relationsTo(actor, f).has('overseer');
    if (!reads) return 'hidden';
    const may: Record<string, boolean> = {
      read: true,
      // A registered contract was signed on its sub-platform.
      sign: !f.registered && (supplierParty || purchaserParty),
      review: supplierParty || purchaserParty,
      refuse: !f.registered && supplierParty,
      accept: purchaserParty,
      applyForPayment: supplierParty,
      applyForFinancing: supplierParty,
    };
    return may[action] ? 'allowed' : 'denied';
  },
};

/** A plan is its purchaser's; the finance supervisor of its region reviews import justifications. */
const planGuard: SubjectGuard<{ purchaserEntityId: string; regionCode: string }> = {
  name: bilingual('采购计划', 'Plan'),
  async load(db, id) {
    const [row] = await db.select({ purchaserEntityId: plan.purchaserEntityId, regionCode: plan.regionCode }).from(plan).where(eq(plan.id, id));
    return row ?? null;
  },
  decide(actor, action, f) {
    if (action === 'reviewImport') return actor?.roles.includes('supervisor') && regionCovers(actor.regionCode, f.regionCode) ? 'allowed' : 'hidden';
    return actor?.roles.includes('purchaser') && actor.entityId === f.purchaserEntityId ? 'allowed' : 'hidden';
  },
};

/**
 * 实质性变动 (CS-05, NG-04): the purchaser's representative confirms one (on the panel, or the
 * purchaser's own staff); the suppliers taking part acknowledge it. To anyone else it does not exist.
 */
const requirementChangeGuard: SubjectGuard<ProjectFacts & { representatives: string[] }> = {
  name: bilingual('实质性变动', 'Change to the requirements'),
  async load(db, id, actor) {
    const [row] = await db.select({ projectId: requirementChange.projectId }).from(requirementChange).where(eq(requirementChange.id, id));
    const project = row ? await loadProjectFacts(db, row.projectId, actor) : null;
    if (!row || !project) return null;
    const representatives = await db
      .select({ personId: committeeMember.personId })
      .from(committeeMember)
      .where(and(eq(committeeMember.projectId, row.projectId), eq(committeeMember.kind, 'purchaserRepresentative'), eq(committeeMember.status, 'confirmed')));
    return { ...project, representatives: representatives.map((r) => r.personId) };
  },
  decide(actor, action, f) {
    const relations = relationsTo(actor, f);
    if (action === 'confirm') return relations.has('purchaser') || Boolean(actor && f.representatives.includes(actor.personId)) ? 'allowed' : 'hidden';
    return relations.has('bidder') ? 'allowed' : 'hidden';
  },
};

export const tradingGuards: SubjectGuards = {
  project: projectGuard,
  lot: lotGuard,
  bid: bidGuard,
  bidUpload: bidUploadGuard,
  contract: contractGuard,
  plan: planGuard,
  requirementChange: requirementChangeGuard,
  mall_basket: basketGuard,
  mall_application: applicationGuard,
};
