import { and, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { inRegion } from '../../identity';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { project, tenderDocument } from '../../trading/trading.schema';
import { screenDocument, type ScreeningWarning } from './document-screening';
import { screeningRecord } from './screening.schema';

/** A warning with the document it was found in (null: a field of the notice). */
export type ProjectScreeningWarning = ScreeningWarning & { documentName: string | null };

/** What the agency is about to publish: the notice's free-text fields. */
export const screeningDraft = z.object({
  qualifications: z.array(z.string().trim().max(500)).max(30).default([]),
  other: z.string().trim().max(4000).nullish(),
});

/** How many of the purchaser's earlier documents a requirement is compared with (TS-06). */
const EARLIER_DOCUMENTS = 20;

/**
 * Screens a project before its notice is published (issue 13, after Brazil's ALICE): the notice's
 * fields and each procurement document's text against the prohibited conditions (TS-01 to TS-05),
 * and each requirement against the same purchaser's earlier documents (TS-06). Warnings, never a refusal.
 */
export async function screenProject(db: Db, projectId: string, draft: z.infer<typeof screeningDraft>): Promise<ProjectScreeningWarning[]> {
  const [p] = await db.select({ id: project.id, purchaserEntityId: project.purchaserEntityId, description: project.description }).from(project).where(eq(project.id, projectId));
  if (!p) return [];
  const documents = await db.select({ name: tenderDocument.name, text: tenderDocument.extractedText }).from(tenderDocument).where(eq(tenderDocument.projectId, projectId));
  const earlierProjects = db.select({ id: project.id }).from(project).where(and(eq(project.purchaserEntityId, p.purchaserEntityId), ne(project.id, projectId)));
  const earlier = await db
    .select({ id: tenderDocument.id, name: tenderDocument.name, text: tenderDocument.extractedText })
    .from(tenderDocument)
    .where(inArray(tenderDocument.projectId, earlierProjects))
    .orderBy(desc(tenderDocument.uploadedAt))
    .limit(EARLIER_DOCUMENTS);
  const earlierDocuments = earlier.filter((d) => d.text).map((d) => ({ id: d.id, title: d.name, text: d.text! }));
  const fields: Record<string, string> = { qualifications: draft.qualifications.join('；'), description: p.description, ...(draft.other ? { other: draft.other } : {}) };
  const warnings: ProjectScreeningWarning[] = screenDocument({ fields, documentText: '', earlierDocuments }).map((w) => ({ ...w, documentName: null }));
  for (const d of documents.filter((x) => x.text))
    warnings.push(...screenDocument({ fields: {}, documentText: d.text!, earlierDocuments }).map((w) => ({ ...w, documentName: d.name })));
  return warnings;
}

/** Keeps what the screening said with the publication, in its transaction. */
export async function recordScreening(tx: Db, ctx: Context, p: { id: string; regionCode: string }, warnings: ProjectScreeningWarning[], id: string) {
  await tx.insert(screeningRecord).values({ id, projectId: p.id, regionCode: p.regionCode, warnings, warningCount: warnings.length, publishedAt: ctx.platform.clock.now(), publishedBy: ctx.actor!.personId });
}

/** The supervisors' queue: notices of their region published despite a warning, newest first. */
export async function publishedDespiteWarnings(ctx: Context) {
  const db = ctx.platform.database.db;
  const rows = await db
    .select({ r: screeningRecord, projectNumber: project.projectNumber, title: project.title })
    .from(screeningRecord)
    .innerJoin(project, eq(project.id, screeningRecord.projectId))
    .where(and(inRegion(screeningRecord.regionCode, ctx.actor!.regionCode), gt(screeningRecord.warningCount, 0)))
    .orderBy(desc(screeningRecord.publishedAt))
    .limit(200);
  return rows.map(({ r, projectNumber, title }) => ({ projectId: r.projectId, projectNumber, title, publishedAt: r.publishedAt.toISOString(), warnings: r.warnings }));
}
