import fs from 'node:fs';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { entitySummaries } from '../../identity';
import type { AuditRecord } from '../../platform/audit/audit-trail';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { paymentApplication } from '../../money/payments/payments.schema';
import { award } from '../../trading/award/award.schema';
import { acceptance, contract } from '../../trading/contract/contract.schema';
import { evaluationReport } from '../../trading/evaluation/evaluation.schema';
import { bid, budgetLine, lot, notice, opening, plan, project, tenderDocument } from '../../trading/trading.schema';
import { lockFeed } from '../feed/feed';
import { mergeRulesOf, type MergeRules } from './merge';
import { ocdsRelease } from './ocds.schema';
import { buildRelease, type OcdsTag, type OrgFacts, type ProcurementFacts } from './release.build';

/** What each published notice type makes of the procurement in OCDS terms; a new type defaults to a tender update. */
const TAG_OF_NOTICE: Record<string, OcdsTag> = {
  intention: 'planning',
  tender: 'tender',
  correction: 'tenderUpdate',
  openingRecord: 'tenderUpdate',
  failure: 'tenderUpdate',
  termination: 'tenderCancellation',
  award: 'award',
  contract: 'contract',
  acceptance: 'implementation',
};
/** The tag of a notice type; types added later are placed by their names (an acceptance result, a termination), else a tender update. */
export function tagOfNotice(type: string): OcdsTag {
  if (TAG_OF_NOTICE[type]) return TAG_OF_NOTICE[type];
  if (/acceptance/i.test(type)) return 'implementation';
  if (/terminat|cancel/i.test(type)) return 'tenderCancellation';
  return 'tenderUpdate';
}

/** A second release of the same step is its update. */
const UPDATE_OF: Partial<Record<OcdsTag, OcdsTag>> = { planning: 'planningUpdate', tender: 'tenderUpdate', award: 'awardUpdate', contract: 'contractUpdate', implementation: 'implementationUpdate' };

/** The published steps a transaction's audit records show, as (project, tag) pairs, in order. */
export function publishedSteps(records: readonly AuditRecord[]): { projectId: string | null; planId: string | null; tag: OcdsTag }[] {
  const steps: { projectId: string | null; planId: string | null; tag: OcdsTag }[] = [];
  for (const r of records) {
    const after = (r.after ?? {}) as { planId?: string | null; status?: string };
    if (r.action.startsWith('notice.publish_')) {
      const type = r.action.slice('notice.publish_'.length);
      steps.push({ projectId: r.projectId ?? null, planId: after.planId ?? null, tag: tagOfNotice(type) });
    } else if (/^acceptance\.(pass|partial|fail)$/.test(r.action) && r.projectId) steps.push({ projectId: r.projectId, planId: null, tag: 'implementation' });
    else if (r.action === 'payment.treasuryPay' && r.projectId && after.status === 'paid') steps.push({ projectId: r.projectId, planId: null, tag: 'implementation' });
  }
  return steps;
}

/**
 * The commit hook (app.ts): each step the transaction published becomes a release of its
 * project's ocid, written in the same transaction. An intention is published on a plan; it
 * becomes the planning release of the projects already made from the plan, and a project's
 * tender notice brings a planning release first when there was none.
 */
export async function publishOcdsReleases(tx: Db, ctx: Context, records: readonly AuditRecord[]) {
  const steps = publishedSteps(records);
  if (steps.length === 0) return;
  const done = new Set<string>();
  for (const step of steps) {
    const projectIds = step.projectId ? [step.projectId] : step.planId ? (await tx.select({ id: project.id }).from(project).where(eq(project.planId, step.planId))).map((p) => p.id) : [];
    for (const projectId of projectIds) {
      if (done.has(`${projectId}:${step.tag}`)) continue;
      done.add(`${projectId}:${step.tag}`);
      await lockFeed(tx);
      const facts = await loadFacts(tx, projectId);
      if (!facts) continue;
      const tags = await tagsOf(tx, facts.ocid);
      // The first notice of a procurement that opens with another kind (a single-source publicity, say) is its tender release.
      const tag = step.tag === 'tenderUpdate' && !tags.has('tender') ? 'tender' : step.tag;
      if (tag === 'tender' && !tags.has('planning')) await insertRelease(tx, ctx, facts, 'planning');
      await insertRelease(tx, ctx, facts, tags.has(tag) ? (UPDATE_OF[tag] ?? tag) : tag);
    }
  }
}

async function tagsOf(tx: Db, ocid: string) {
  return new Set((await tx.select({ tag: ocdsRelease.tag }).from(ocdsRelease).where(eq(ocdsRelease.ocid, ocid))).map((r) => r.tag));
}

async function insertRelease(tx: Db, ctx: Context, facts: ProcurementFacts, tag: OcdsTag) {
  const [n] = await tx.select({ n: count() }).from(ocdsRelease).where(eq(ocdsRelease.ocid, facts.ocid));
  const now = ctx.platform.clock.now();
  const releaseId = `${facts.ocid}-${String((n?.n ?? 0) + 1).padStart(3, '0')}`;
  const release = buildRelease(facts, { id: releaseId, date: now.toISOString(), tag, publicUrl: ctx.platform.config.publicUrl });
  await tx.insert(ocdsRelease).values({ releaseId, ocid: facts.ocid, projectId: facts.projectId, date: now, tag, release });
}

const org = (e: { name: string; creditCode: string; address: string; regionCode: string; smeSize: string | null; entityType: string }): OrgFacts => ({
  name: e.name,
  creditCode: e.creditCode,
  address: e.address,
  regionCode: e.regionCode,
  smeSize: e.smeSize as OrgFacts['smeSize'],
  entityType: e.entityType,
});
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Everything public about a project at this moment, as plain data for buildRelease. */
export async function loadFacts(db: Db, projectId: string): Promise<ProcurementFacts | null> {
  const [p] = await db.select().from(project).where(eq(project.id, projectId));
  if (!p) return null;
  const [planRow] = await db
    .select({ id: plan.id, title: plan.title, amountFen: plan.amountFen, code: budgetLine.code, name: budgetLine.name, fiscalYear: budgetLine.fiscalYear })
    .from(plan)
    .innerJoin(budgetLine, eq(budgetLine.id, plan.budgetLineId))
    .where(eq(plan.id, p.planId));
  const lots = await db.select().from(lot).where(eq(lot.projectId, projectId)).orderBy(asc(lot.lotNo));
  const notices = await db
    .select({ id: notice.id, noticeType: notice.noticeType, title: notice.title, publishedAt: notice.publishedAt, projectId: notice.projectId })
    .from(notice)
    .where(sql`${notice.projectId} = ${projectId} OR (${notice.projectId} IS NULL AND ${notice.planId} = ${p.planId})`)
    .orderBy(asc(notice.publishedAt));
  const documents = await db.select().from(tenderDocument).where(eq(tenderDocument.projectId, projectId)).orderBy(asc(tenderDocument.uploadedAt));
  const openings = await db.select().from(opening).where(eq(opening.projectId, projectId));
  const bids = await db.select().from(bid).where(and(eq(bid.projectId, projectId), inArray(bid.status, ['submitted', 'decrypted', 'revoked'])));
  const reports = await db.select().from(evaluationReport).where(eq(evaluationReport.projectId, projectId));
  const awards = await db.select().from(award).where(eq(award.projectId, projectId));
  const contracts = await db.select().from(contract).where(eq(contract.projectId, projectId));
  const contractIds = contracts.map((c) => c.id);
  const acceptances = contractIds.length ? await db.select().from(acceptance).where(inArray(acceptance.contractId, contractIds)).orderBy(asc(acceptance.recordedAt)) : [];
  const payments = contractIds.length
    ? await db.select().from(paymentApplication).where(and(inArray(paymentApplication.contractId, contractIds), eq(paymentApplication.status, 'paid'))).orderBy(asc(paymentApplication.paidOn))
    : [];
  const entities = await entitySummaries(db, [p.purchaserEntityId, ...(p.agencyEntityId ? [p.agencyEntityId] : []), ...bids.map((b) => b.supplierEntityId), ...contracts.map((c) => c.supplierEntityId)]);
  const orgOf = (id: string) => org(entities.get(id)!);
  const failureNotices = notices.filter((n) => n.noticeType === 'failure');

  return {
    ocid: p.ocid,
    projectId: p.id,
    projectNumber: p.projectNumber,
    transactionCode: p.transactionCode,
    originPlatform: p.originPlatform,
    regionCode: p.regionCode,
    title: p.title,
    description: p.description,
    category: p.category,
    method: p.method,
    methodJustification: p.methodJustification,
    status: p.status,
    documentsFrom: iso(p.documentsFrom),
    deadline: iso(p.deadline),
    purchaser: orgOf(p.purchaserEntityId),
    agency: p.agencyEntityId ? orgOf(p.agencyEntityId) : null,
    plan: planRow ? { id: planRow.id, title: planRow.title, amountFen: planRow.amountFen, budgetLineCode: planRow.code, budgetLineName: planRow.name, fiscalYear: planRow.fiscalYear } : null,
    lots: lots.map((l) => {
      const o = openings.find((x) => x.lotId === l.id);
      const a = awards.find((x) => x.lotId === l.id && x.status === 'awarded' && x.winnerBidId);
      const report = reports.find((r) => r.lotId === l.id && r.status === 'signed');
      const failed = l.status === 'failed';
      return {
        id: l.id,
        lotNo: l.lotNo,
        title: l.title,
        budgetFen: l.budgetFen,
        maxPriceFen: l.maxPriceFen,
        status: l.status,
        evaluationMethod: l.evaluationMethod,
        sme: { measure: l.sme.measure, deductionBp: l.sme.deductionBp, consortiumDeductionBp: l.sme.consortiumDeductionBp },
        opened: o ? { at: o.startedAt.toISOString(), bids: bids.filter((b) => b.lotId === l.id).map((b) => ({ id: b.id, receivedAt: b.receivedAt.toISOString(), supplier: orgOf(b.supplierEntityId) })) } : null,
        // The evaluation is disclosed with the award notice (or the lot's failure), not before.
        evaluated:
          report && (a || failed)
            ? {
                bids: report.result.bids.map((b) => ({ id: b.bidId, priceFen: b.priceFen, evaluatedPriceFen: b.evaluatedPriceFen, valid: b.valid, rank: b.rank })),
                award: a ? { at: a.awardedAt!.toISOString(), bidId: a.winnerBidId!, priceFen: report.result.bids.find((b) => b.bidId === a.winnerBidId)?.priceFen ?? 0, noticeId: a.noticeId } : null,
              }
            : null,
        failedAt: failed ? (o?.closedAt?.toISOString() ?? failureNotices.at(-1)?.publishedAt.toISOString() ?? p.createdAt.toISOString()) : null,
      };
    }),
    documents: documents.map((d) => ({ id: d.id, name: d.name, uploadedAt: d.uploadedAt.toISOString() })),
    notices: notices.map((n) => ({ id: n.id, noticeType: n.noticeType, title: n.title, publishedAt: n.publishedAt.toISOString() })),
    contracts: contracts.map((c) => ({
      id: c.id,
      contractNumber: c.contractNumber,
      lotId: c.lotId,
      bidId: c.bidId,
      title: c.title,
      priceFen: c.priceFen,
      status: c.status,
      signedAt: iso(c.signedAt),
      supplier: orgOf(c.supplierEntityId),
      noticeId: c.noticeId,
      items: c.items,
      milestones: c.milestones.map((m) => ({ no: m.no, name: m.name, amountFen: m.amountFen, dueDate: m.dueDate })),
      acceptances: acceptances.filter((a) => a.contractId === c.id).map((a) => ({ milestoneNo: a.milestoneNo, result: a.result, payableFen: a.payableFen, recordedAt: a.recordedAt.toISOString() })),
      payments: payments.filter((x) => x.contractId === c.id && x.paidOn).map((x) => ({ applicationNumber: x.applicationNumber, milestoneNo: x.milestoneNo, totalFen: x.totalFen, paidOn: x.paidOn! })),
    })),
  };
}

const SCHEMA_DIR = new URL('./schema/', import.meta.url);
const EXTENSION_DIR = new URL('./extension/', import.meta.url);
const readJson = (url: URL) => JSON.parse(fs.readFileSync(url, 'utf8')) as Record<string, unknown>;

/** RFC 7396 JSON merge patch, the way OCDS extensions patch the release schema. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The release schema with the extensions the packages declare (bids, then ours) applied. */
export function extendedReleaseSchema(): Record<string, unknown> {
  const core = readJson(new URL('release-schema.json', SCHEMA_DIR));
  const bids = readJson(new URL('extension-bids/release-schema.json', SCHEMA_DIR));
  const local = readJson(new URL('release-schema.json', EXTENSION_DIR));
  return mergePatch(mergePatch(core, bids), local) as Record<string, unknown>;
}

let rules: MergeRules | undefined;
/** The merge rules of the extended release schema (read once). */
export function mergeRules(): MergeRules {
  rules ??= mergeRulesOf(extendedReleaseSchema());
  return rules;
}

export const localExtension = {
  extensionJson: () => fs.readFileSync(new URL('extension.json', EXTENSION_DIR)),
  releaseSchema: () => fs.readFileSync(new URL('release-schema.json', EXTENSION_DIR)),
  readme: () => fs.readFileSync(new URL('README.md', EXTENSION_DIR)),
};
