import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { entityNames } from '../../identity';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import type { Context } from '../../platform/context';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { methodRules } from '../methods/methods';
import { refuseUnlessInvited } from '../publicity/publicity';
import { downloaders, hasDownloaded } from '../project/documents';
import { loadManagedProject, loadReadableProject, lotsOf, projectView } from '../project/project';
import { managesProject, projectManagers, supplierDesk } from '../project/project.access';
import { project, question } from '../trading.schema';
import { noticesOf, insertNotice } from './notices';
import { partyOf, minimumPeriodPolicy, scheduleOpening } from './publish-tender';
import { shanghaiDateTime } from './render';
import { clarificationCheck } from './schedule.rules';

const beforeDeadline = (deadline: Date | null, now: Date) => {
  if (!deadline || now >= deadline) throw new DomainError('DEADLINE_PASSED', bilingual('投标截止时间已过', 'The submission deadline has passed'), 409);
};

/** A supplier that obtained the documents asks a question online. */
export async function askQuestion(ctx: Context, projectId: string, text: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const row = await loadReadableProject(db, actor, projectId);
  const now = ctx.platform.clock.now();
  beforeDeadline(row.deadline, now);
  await refuseUnlessInvited(row, actor.entityId);
  if (!(await hasDownloaded(db, projectId, actor.entityId)))
    throw new DomainError('DOCUMENTS_NOT_OBTAINED', bilingual('获取采购文件后方可提问', 'Obtain the procurement documents before asking'), 409);
  return inTransaction(ctx, async (tx, audit) => {
    const id = randomUUID();
    await tx.insert(question).values({ id, projectId, supplierEntityId: actor.entityId, askedBy: actor.personId, text, askedAt: now });
    await notify(
      tx,
      now,
      projectManagers(row).map((to) => ({
        to,
        title: bilingual(`${row.projectNumber} 收到供应商提问`, `${row.projectNumber}: a supplier asked a question`),
        body: bilingual(text.slice(0, 200), text.slice(0, 200)),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'project', id: projectId },
      })),
    );
    audit.record({ action: 'project.question_ask', subjectType: 'project', subjectId: projectId, regionCode: row.regionCode, after: { questionId: id, text } });
    return { id, text, askedAt: now.toISOString(), answer: null, answeredAt: null, affectsBids: null, mine: true };
  });
}

/** Managers see every question with who asked; suppliers see the answers and their own questions. */
export async function listQuestions(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor;
  const row = await loadReadableProject(db, actor, projectId);
  const rows = await db.select().from(question).where(eq(question.projectId, projectId)).orderBy(asc(question.askedAt));
  const manager = managesProject(actor, row);
  const names = manager ? await entityNames(db, rows.map((r) => r.supplierEntityId)) : new Map<string, string>();
  return rows
    .filter((r) => manager || r.answer !== null || r.supplierEntityId === actor?.entityId)
    .map((r) => ({
      id: r.id,
      text: r.text,
      askedAt: r.askedAt.toISOString(),
      askedBy: manager ? (names.get(r.supplierEntityId) ?? null) : null,
      answer: r.answer,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      affectsBids: r.affectsBids,
      mine: r.supplierEntityId === actor?.entityId,
    }));
}

export const clarificationInput = z.object({
  questionId: z.uuid().nullish().describe('The question answered; omit for a clarification of the agency’s own'),
  text: z.string().trim().min(1).max(8000),
  affectsBids: z.boolean().describe('Whether it may affect the preparation of bids (GP-05)'),
  newDeadline: z.iso.datetime().nullish().describe('Required when the clarification comes less than 15 days before the deadline'),
});

/**
 * Answers a question (or clarifies on one's own initiative). Every supplier that obtained the
 * documents is told. A clarification that may affect bids less than 15 days before the
 * deadline must move the deadline (GP-05): the platform names the earliest new deadline and
 * publishes the change as a correction notice.
 */
export async function clarify(ctx: Context, projectId: string, input: z.infer<typeof clarificationInput>) {
  const db = ctx.platform.database.db;
  const now = ctx.platform.clock.now();
  const row = await loadManagedProject(db, ctx.actor, projectId);
  if (row.status !== 'published') throw new DomainError('PROJECT_NOT_PUBLISHED', bilingual('项目未处于公告期', 'The project is not open for bids'), 409);
  beforeDeadline(row.deadline, now);
  let newDeadline: Date | null = null;
  if (input.affectsBids) {
    const check = clarificationCheck(methodRules(row.method, row.category), row.deadline!, now, await loadCalendar(db), (await minimumPeriodPolicy(db, row.regionCode)).value);
    if (check) {
      const requested = input.newDeadline ? new Date(input.newDeadline) : null;
      if (!requested || requested < check.proposedDeadline)
        throw new DomainError('DEADLINE_MUST_MOVE', check.messages, 422, { field: 'newDeadline', proposedDeadline: check.proposedDeadline.toISOString() }, check.ruleId);
      newDeadline = requested;
    }
  }
  const supplierIds = await downloaders(db, projectId);
  const [tenderNotice] = await noticesOf(db, { projectId, noticeType: 'tender' });
  return inTransaction(ctx, async (tx, audit) => {
    let questionId = input.questionId ?? null;
    if (questionId) {
      const [q] = await tx.select().from(question).where(and(eq(question.id, questionId), eq(question.projectId, projectId))).for('update');
      if (!q) throw notFound(bilingual('提问', 'Question'));
      await tx.update(question).set({ answer: input.text, affectsBids: input.affectsBids, answeredAt: now, answeredBy: ctx.actor!.personId }).where(eq(question.id, questionId));
    } else {
      questionId = randomUUID();
      await tx.insert(question).values({ id: questionId, projectId, supplierEntityId: ctx.actor!.entityId, askedBy: ctx.actor!.personId, text: '（采购人/代理机构澄清）', askedAt: now, answer: input.text, affectsBids: input.affectsBids, answeredAt: now, answeredBy: ctx.actor!.personId });
    }
    let deadline = row.deadline!;
    if (newDeadline) {
      await tx.update(project).set({ deadline: newDeadline, documentsUntil: row.documentsUntil! > newDeadline ? newDeadline : row.documentsUntil, revision: row.revision + 1 }).where(eq(project.id, projectId));
      await insertNotice(tx, ctx, audit, {
        noticeType: 'correction',
        projectId,
        planId: row.planId,
        regionCode: row.regionCode,
        fields: {
          projectNumber: row.projectNumber,
          projectTitle: row.title,
          originalPublishedAt: tenderNotice?.publishedAt.toISOString() ?? now.toISOString(),
          items: [
            { subject: 'documents', before: '—', after: input.text },
            { subject: 'notice', before: `投标截止及开标时间：${shanghaiDateTime(row.deadline!.toISOString())}`, after: `投标截止及开标时间：${shanghaiDateTime(newDeadline.toISOString())}` },
          ],
          reason: '澄清或者修改的内容可能影响投标文件编制，依法顺延投标截止时间（GP-05）',
          purchaser: await partyOf(tx, row.purchaserEntityId),
          agency: row.agencyEntityId ? await partyOf(tx, row.agencyEntityId) : null,
        },
      });
      await scheduleOpening(tx, now, projectId, newDeadline);
      deadline = newDeadline;
    }
    await notify(
      tx,
      now,
      supplierIds.map((entityId) => ({
        to: supplierDesk(entityId),
        title: bilingual(
          `${row.projectNumber} 澄清答复${newDeadline ? '（截止时间已顺延）' : ''}`,
          `${row.projectNumber}: clarification${newDeadline ? ' (the deadline was postponed)' : ''}`,
        ),
        body: bilingual(input.text.slice(0, 500), input.text.slice(0, 500)),
        link: `/workspace/projects/${projectId}`,
        subject: { type: 'project', id: projectId },
      })),
    );
    audit.record({
      action: 'project.clarify',
      subjectType: 'project',
      subjectId: projectId,
      regionCode: row.regionCode,
      before: { deadline: row.deadline },
      after: { deadline, questionId, affectsBids: input.affectsBids, notifiedSuppliers: supplierIds.length },
      // How many obtained the documents is for the purchaser and its agency to know until the opening (GP-07).
      sealed: 'bidder',
    });
    return { questionId, deadline: deadline.toISOString(), notifiedSuppliers: supplierIds.length, project: projectView({ ...row, deadline, revision: newDeadline ? row.revision + 1 : row.revision }, await lotsOf(tx, projectId)) };
  });
}
