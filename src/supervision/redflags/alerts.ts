import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { externalNames } from '../../exchange/external/external.public';
import { entitySummaries, inRegion, personNames, regionCovers, type Role } from '../../identity';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound, staleRevision } from '../../platform/errors';
import { enqueueJob } from '../../platform/jobs/jobs';
import { inTransaction } from '../../platform/unit-of-work';
import { entity, person, personRole } from '../../identity/identity.schema';
import { lot, project } from '../../trading/trading.schema';
import { evidenceInput, storeEvidence } from '../complaints/complaints';
import { creditRecord } from '../complaints/complaints.schema';
import { imposeMeasures, measureInput } from '../credit/credit';
import { actorMayUse } from '../functions/supervision-functions';
import { ALERT_STATUSES, ALERT_TRANSITIONS, alertActionsFrom, type AlertAction, type AlertStatus } from './alert.states';
import { INDICATORS, indicatorOf } from './engine';
import { REDFLAGS_FULL_JOB } from './redflags';
import { alertEvent, redFlagAlert } from './redflags.schema';

type AlertRow = typeof redFlagAlert.$inferSelect;

/** Who may act on alerts: the supervisory departments, while the security administrator gives their role the investigation function. The trading centre reads them. */
const ACTING_ROLES: Role[] = ['supervisor', 'authority'];
const mayAct = async (ctx: Context) => ctx.actor!.roles.some((r) => ACTING_ROLES.includes(r as Role)) && (await actorMayUse(ctx.platform.database.db, ctx.actor!, 'investigation'));

/** The indicators as declared: code, basis, strength, parameters and their plain explanation. */
export const indicatorCatalogue = () => [...INDICATORS];

export const alertListQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  code: z.string().max(20).optional(),
  projectId: z.uuid().optional(),
  entityId: z.uuid().optional(),
  includeGone: z.stringbool().default(false).describe('Also alerts whose match a later run no longer found'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Alerts of the caller's region, newest first, with project and supplier names. */
export async function listAlerts(ctx: Context, q: z.infer<typeof alertListQuery>) {
  const db = ctx.platform.database.db;
  const where: SQL[] = [inRegion(redFlagAlert.regionCode, ctx.actor!.regionCode)];
  if (q.status) where.push(eq(redFlagAlert.status, q.status));
  if (q.code) where.push(eq(redFlagAlert.code, q.code));
  if (q.projectId) where.push(eq(redFlagAlert.projectId, q.projectId));
  if (q.entityId) where.push(sql`${redFlagAlert.entityIds} @> ${JSON.stringify([q.entityId])}::jsonb`);
  if (!q.includeGone) where.push(isNull(redFlagAlert.goneAt));
  const rows = await db.select().from(redFlagAlert).where(and(...where)).orderBy(desc(redFlagAlert.detectedAt), asc(redFlagAlert.code)).limit(q.limit);
  const names = await alertNames(db, rows);
  return { items: rows.map((r) => summaryView(r, names)) };
}

async function alertNames(db: Db, rows: AlertRow[]) {
  const projectIds = [...new Set(rows.flatMap((r) => (r.projectId ? [r.projectId] : [])))];
  const lotIds = [...new Set(rows.flatMap((r) => (r.lotId ? [r.lotId] : [])))];
  const ocids = [...new Set(rows.flatMap((r) => externalOcidOf(r) ?? []))];
  const [entities, projects, lots, external] = await Promise.all([
    entitySummaries(db, rows.flatMap((r) => r.entityIds)),
    projectIds.length ? db.select({ id: project.id, projectNumber: project.projectNumber, title: project.title }).from(project).where(inArray(project.id, projectIds)) : [],
    lotIds.length ? db.select({ id: lot.id, lotNo: lot.lotNo, title: lot.title }).from(lot).where(inArray(lot.id, lotIds)) : [],
    externalNames(db, ocids),
  ]);
  return { entities, projects: new Map(projects.map((p) => [p.id, p])), lots: new Map(lots.map((l) => [l.id, l])), external };
}

/**
 * The ocid an OCDS indicator's alert on a procurement traded elsewhere is about (no project of
 * ours): its key is `code:OCID:…` and its evidence reads `ocid: value`.
 */
export function externalOcidOf(r: Pick<AlertRow, 'projectId' | 'key' | 'evidence'>): string | null {
  if (r.projectId || !r.key.includes(':OCID:')) return null;
  const value = (r.evidence as { matched?: { value?: unknown }[] }).matched?.[0]?.value;
  if (typeof value !== 'string' || !value.includes(': ')) return null;
  return value.slice(0, value.lastIndexOf(': '));
}

function summaryView(r: AlertRow, names: Awaited<ReturnType<typeof alertNames>>) {
  const declared = indicatorOf(r.code);
  return {
    id: r.id,
    code: r.code,
    ruleId: r.ruleId,
    name: declared?.name ?? bilingual(r.code, r.code),
    strength: declared?.strength ?? 'weak',
    status: r.status,
    project: r.projectId ? (names.projects.get(r.projectId) ?? null) : null,
    lot: r.lotId ? (names.lots.get(r.lotId) ?? null) : null,
    external: names.external.get(externalOcidOf(r) ?? '') ?? null,
    entities: r.entityIds.map((id) => ({ id, name: names.entities.get(id)?.name ?? '' })),
    detectedAt: r.detectedAt.toISOString(),
    gone: r.goneAt !== null,
  };
}

async function loadAlert(db: Db, id: string): Promise<AlertRow> {
  const [row] = await db.select().from(redFlagAlert).where(eq(redFlagAlert.id, id));
  if (!row) throw notFound(bilingual('预警', 'Alert'));
  return row;
}

/** One alert with its evidence, the declared indicator's explanation, its investigation and what the caller may do. */
export async function readAlert(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const row = await loadAlert(db, id);
  const [names, events] = await Promise.all([alertNames(db, [row]), db.select().from(alertEvent).where(eq(alertEvent.alertId, id)).orderBy(asc(alertEvent.seq))]);
  const assigned = events.flatMap((e) => (typeof e.detail.assigneeId === 'string' ? [e.detail.assigneeId] : []));
  const people = await personNames(db, [...events.map((e) => e.personId), ...assigned, ...(row.assigneeId ? [row.assigneeId] : [])]);
  const declared = indicatorOf(row.code);
  return {
    ...summaryView(row, names),
    revision: row.revision,
    explanation: declared?.explanation ?? null,
    evidence: row.evidence,
    assignee: row.assigneeId ? { id: row.assigneeId, name: people.get(row.assigneeId) ?? '' } : null,
    decision: row.decidedAt ? { at: row.decidedAt.toISOString(), reason: row.decisionReason } : null,
    events: events.map((e) => ({ id: e.id, action: e.action, at: e.at.toISOString(), by: people.get(e.personId) ?? '', text: e.text, files: e.files, detail: typeof e.detail.assigneeId === 'string' ? { ...e.detail, assigneeName: people.get(e.detail.assigneeId) ?? '' } : e.detail })),
    actions: (await mayAct(ctx)) ? alertActionsFrom(row.status) : [],
  };
}

export const alertStepInput = z.object({
  action: z.enum(['assign', 'note', 'confirm', 'dismiss', 'reopen']),
  revision: z.int().min(1).max(2_147_483_647),
  text: z.string().trim().min(1).max(5000).nullish().describe('The note, or the reason for a decision (required to confirm, dismiss or reopen)'),
  assigneeId: z.uuid().nullish().describe('assign: the supervisor who investigates; the caller when absent'),
  files: evidenceInput,
  measure: measureInput.nullish().describe('confirm: a debarment to impose on some of the entities involved'),
});

/**
 * One step of an alert's investigation, checked against the table (alert.states.ts) and the
 * revision read. Confirming records the finding in each involved entity's credit record and may
 * impose a debarment; everything is in the audit trail and the alert's own history.
 */
export async function stepAlert(ctx: Context, id: string, input: z.infer<typeof alertStepInput>) {
  const db = ctx.platform.database.db;
  const row = await loadAlert(db, id);
  const t = ALERT_TRANSITIONS[input.action as AlertAction];
  if (!t.from.includes(row.status))
    throw new DomainError('ALERT_STEP_OUT_OF_ORDER', bilingual('该预警当前状态下不能进行此操作', 'This step is not possible in the alert’s current status'), 409, { status: row.status });
  if (input.revision !== row.revision) throw staleRevision();
  if (['confirm', 'dismiss', 'reopen', 'note'].includes(input.action) && !input.text)
    throw new DomainError('REASON_REQUIRED', bilingual('请填写说明或理由', 'Give the note or the reason'), 422, { field: 'text' });
  if (input.measure && input.action !== 'confirm') throw new DomainError('MEASURE_ONLY_ON_CONFIRM', bilingual('只有确认违规时才能采取惩戒措施', 'A measure is imposed only when confirming'), 422, { field: 'measure' });
  if (input.measure?.entityIds.some((e) => !row.entityIds.includes(e)))
    throw new DomainError('MEASURE_ENTITY_NOT_INVOLVED', bilingual('惩戒对象须为该预警涉及的供应商', 'A measure applies only to the suppliers the alert involves'), 422, { field: 'measure.entityIds' });
  const assigneeId = input.action === 'assign' ? (input.assigneeId ?? ctx.actor!.personId) : row.assigneeId;
  if (input.action === 'assign' && input.assigneeId && input.assigneeId !== ctx.actor!.personId) await checkAssignee(db, input.assigneeId, row.regionCode);
  const files = await storeEvidence(ctx, input.files);
  const status: AlertStatus = t.to === 'same' ? row.status : t.to;
  const now = ctx.platform.clock.now();
  await inTransaction(ctx, async (tx, audit) => {
    const decided = input.action === 'confirm' || input.action === 'dismiss';
    const [updated] = await tx
      .update(redFlagAlert)
      .set({ status, assigneeId, revision: row.revision + 1, ...(decided ? { decidedAt: now, decidedBy: ctx.actor!.personId, decisionReason: input.text! } : input.action === 'reopen' ? { decidedAt: null, decidedBy: null, decisionReason: null } : {}) })
      .where(and(eq(redFlagAlert.id, id), eq(redFlagAlert.revision, row.revision)))
      .returning({ id: redFlagAlert.id });
    if (!updated) throw staleRevision();
    let detail: Record<string, unknown> = input.action === 'assign' ? { assigneeId } : {};
    if (input.action === 'confirm') {
      const names = await entitySummaries(tx, row.entityIds);
      const [p] = row.projectId ? await tx.select({ title: project.title, projectNumber: project.projectNumber }).from(project).where(eq(project.id, row.projectId)) : [];
      for (const entityId of row.entityIds) {
        const record = { id: randomUUID(), entityId, regionCode: row.regionCode, kind: 'collusionConfirmed' as const, ruleId: row.ruleId, summary: `${p ? `${p.projectNumber} ${p.title}：` : ''}经核查认定存在串通投标情形（${row.ruleId}）：${input.text}`, sourceType: 'redFlagAlert', sourceId: row.id, noticeId: null, recordedAt: now };
        await tx.insert(creditRecord).values(record);
        audit.record({ action: 'credit.record', subjectType: 'entity', subjectId: entityId, regionCode: row.regionCode, projectId: row.projectId, after: { ...record, entityName: names.get(entityId)?.name } });
      }
      if (input.measure) detail = { measure: { ...input.measure, ...(await imposeMeasures(tx, ctx, { ...input.measure, reason: input.text!, sourceType: 'alert', sourceId: row.id, regionCode: row.regionCode, projectId: row.projectId }, audit)) } };
    }
    await tx.insert(alertEvent).values({ id: randomUUID(), alertId: id, action: input.action, at: now, personId: ctx.actor!.personId, text: input.text ?? null, files, detail });
    audit.record({ action: `redflag.${input.action}`, subjectType: 'redFlagAlert', subjectId: id, regionCode: row.regionCode, projectId: row.projectId, before: { status: row.status }, after: { status, text: input.text ?? null, files, ...detail } });
  });
  return readAlert(ctx, id);
}

/** An alert is assigned to an active supervisor or authority of a department whose region covers the alert's. */
async function checkAssignee(db: Db, personId: string, alertRegion: string) {
  const [p] = await db
    .select({ regionCode: entity.regionCode })
    .from(person)
    .innerJoin(entity, eq(entity.id, person.entityId))
    .innerJoin(personRole, eq(personRole.personId, person.id))
    .where(and(eq(person.id, personId), eq(person.status, 'active'), inArray(personRole.role, ACTING_ROLES)));
  if (!p || !regionCovers(p.regionCode, alertRegion)) throw new DomainError('ASSIGNEE_INVALID', bilingual('只能指派给辖区覆盖该预警的监管人员', 'Assign only to a supervisor whose region covers the alert'), 422, { field: 'assigneeId' });
}

/** Who an alert may be assigned to: the active supervisors and authorities whose region covers it. */
export async function assignees(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const row = await loadAlert(db, id);
  const people = await db
    .select({ id: person.id, displayName: person.displayName, username: person.username, entityName: entity.name, regionCode: entity.regionCode })
    .from(person)
    .innerJoin(entity, eq(entity.id, person.entityId))
    .innerJoin(personRole, eq(personRole.personId, person.id))
    .where(and(eq(person.status, 'active'), inArray(personRole.role, ACTING_ROLES)))
    .orderBy(asc(entity.regionCode), asc(person.displayName));
  const seen = new Set<string>();
  return people.filter((p) => regionCovers(p.regionCode, row.regionCode) && !seen.has(p.id) && seen.add(p.id)).map(({ regionCode: _, ...p }) => p);
}

/** A file attached to a note of the alert's investigation. */
export async function alertFile(ctx: Context, id: string, sha256: string) {
  const db = ctx.platform.database.db;
  const events = await db.select({ files: alertEvent.files }).from(alertEvent).where(eq(alertEvent.alertId, id));
  const file = events.flatMap((e) => e.files).find((f) => f.sha256 === sha256);
  if (!file) throw notFound(bilingual('核查材料', 'Investigation file'));
  return { name: file.name, content: await ctx.platform.blobs.read(sha256) };
}

/** Runs every indicator over every opened lot as a job; the page shows its progress. */
export async function startFullRecompute(ctx: Context) {
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const jobId = await enqueueJob(tx, now, { kind: REDFLAGS_FULL_JOB, payload: {}, runAt: now, createdBy: ctx.actor!.personId, maxAttempts: 1 });
    audit.record({ action: 'redflag.recompute', subjectType: 'job', subjectId: jobId, regionCode: ctx.actor!.regionCode });
    return { jobId };
  });
}
