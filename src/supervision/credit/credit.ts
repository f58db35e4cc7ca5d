import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, oversees, regionCovers, validateCreditCode } from '../../identity';
import type { SubjectGuard } from '../../platform/http/subjects';
import { entity } from '../../identity/identity.schema';
import { shanghaiDate } from '../../platform/calendar/calendar';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { regimeOf } from '../complaints/case.rules';
import { contract, performanceReview } from '../../trading/contract/contract.schema';
import { creditRecord } from '../complaints/complaints.schema';
import { creditMeasure } from './credit.schema';
import { MEASURE_PERIODS, checkMeasurePeriod, measureBars, measureEndsOn, parseDishonestList, type MeasureScope } from './credit.rules';

type MeasureRow = typeof creditMeasure.$inferSelect;

export function measureView(m: MeasureRow, today: string) {
  return {
    id: m.id,
    entityId: m.entityId,
    kind: m.kind,
    scope: m.scope,
    ruleId: m.ruleId,
    reason: m.reason,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    sourceType: m.sourceType,
    sourceId: m.sourceId,
    imposedAt: m.imposedAt.toISOString(),
    liftedAt: m.liftedAt?.toISOString() ?? null,
    liftReason: m.liftReason,
    inForce: !m.liftedAt && m.startsOn <= today && today <= m.endsOn,
  };
}

/**
 * Refuses a debarred entity with the measure's reason and basis (issue 13: "the block shows why").
 * Read on every document download and bid submission, so a measure bites from its first day.
 */
export async function refuseIfDebarred(db: Db, entityId: string, projectKind: Parameters<typeof regimeOf>[0], now: Date): Promise<void> {
  const regime = regimeOf(projectKind);
  const today = shanghaiDate(now);
  const rows = await db
    .select()
    .from(creditMeasure)
    .where(and(eq(creditMeasure.entityId, entityId), isNull(creditMeasure.liftedAt), lte(creditMeasure.startsOn, today), gte(creditMeasure.endsOn, today)));
  const barring = rows.find((m) => measureBars(m, today, regime));
  if (barring)
    throw new DomainError(
      'SUPPLIER_DEBARRED',
      bilingual(`贵单位被禁止参加${scopeName(barring.scope)['zh-CN']}至${barring.endsOn}（${barring.ruleId}）：${barring.reason}`, `Your organisation is barred from ${scopeName(barring.scope)['en-US']} until ${barring.endsOn} (${barring.ruleId}): ${barring.reason}`),
      403,
      { ruleId: barring.ruleId, measureId: barring.id, endsOn: barring.endsOn },
      barring.ruleId,
    );
}

const scopeName = (scope: MeasureScope) =>
  ({ governmentProcurement: bilingual('政府采购活动', 'government procurement'), tendering: bilingual('依法必须招标项目的投标', 'bidding on projects that must be tendered'), all: bilingual('公共资源交易活动', 'public-resource trading') })[scope];

export const measureInput = z.object({
  ruleId: z.enum(['CM-01', 'CM-02']).describe('CM-01: 政府采购法第七十七条, 1-3 years; CM-02: 招标投标法第五十三条, 1-2 years'),
  years: z.int().min(1).max(10).describe('Whole years; the basis sets the range (checked with its message)'),
  entityIds: z.array(z.uuid()).min(1).max(50).describe('Which of the entities involved it applies to'),
});

/**
 * Imposes a debarment in the caller's transaction, records it in each entity's credit record and
 * tells each entity why and until when. The period is checked against its basis first.
 */
export async function imposeMeasures(tx: Db, ctx: Context, input: z.infer<typeof measureInput> & { reason: string; sourceType: 'alert'; sourceId: string; regionCode: string; projectId: string | null }, audit: { record: (e: import('../../platform/audit/audit-trail').AuditRecord) => void }) {
  checkMeasurePeriod(input.ruleId, input.years);
  const now = ctx.platform.clock.now();
  const startsOn = shanghaiDate(now);
  const endsOn = measureEndsOn(startsOn, input.years);
  const scope = MEASURE_PERIODS[input.ruleId]!.scope;
  for (const entityId of input.entityIds) {
    const row = { id: randomUUID(), entityId, kind: 'debarment' as const, scope, ruleId: input.ruleId, reason: input.reason, startsOn, endsOn, sourceType: input.sourceType, sourceId: input.sourceId, regionCode: input.regionCode, imposedAt: now, imposedBy: ctx.actor!.personId };
    await tx.insert(creditMeasure).values(row);
    audit.record({ action: 'credit.measure_impose', subjectType: 'entity', subjectId: entityId, regionCode: input.regionCode, projectId: input.projectId, after: row });
    await notify(tx, now, [
      {
        to: { entityId, role: 'supplier' },
        title: bilingual(`信用惩戒：禁止参加${scopeName(scope)['zh-CN']}至${endsOn}`, `Credit measure: barred from ${scopeName(scope)['en-US']} until ${endsOn}`),
        body: bilingual(`依据${input.ruleId}，自${startsOn}起至${endsOn}止。理由：${input.reason}`, `Under ${input.ruleId}, from ${startsOn} to ${endsOn}. Reason: ${input.reason}`),
        link: '/workspace/credit',
        subject: { type: 'creditMeasure', id: row.id },
      },
    ]);
  }
  return { startsOn, endsOn };
}

/**
 * A measure is lifted by a supervisory department whose region covers the one that imposed it (the
 * entity's, for an imported list); every overseer may read it, as credit is shared across regions.
 */
export const measureGuard: SubjectGuard<{ regionCode: string }> = {
  name: bilingual('信用惩戒措施', 'Credit measure'),
  async load(db, id) {
    const [m] = await db.select({ regionCode: creditMeasure.regionCode }).from(creditMeasure).where(eq(creditMeasure.id, id));
    return m ?? null;
  },
  decide(actor, _action, m) {
    if (!actor || !oversees(actor.roles)) return 'hidden';
    return actor.roles.some((r) => r === 'supervisor' || r === 'authority') && regionCovers(actor.regionCode, m.regionCode) ? 'allowed' : 'denied';
  },
};

export async function liftMeasure(ctx: Context, id: string, reason: string) {
  const db = ctx.platform.database.db;
  const [m] = await db.select().from(creditMeasure).where(eq(creditMeasure.id, id));
  if (!m) throw notFound(bilingual('信用惩戒措施', 'Credit measure'));
  if (m.liftedAt) throw new DomainError('MEASURE_ALREADY_LIFTED', bilingual('该措施已解除', 'This measure was already lifted'), 409);
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const [row] = await tx.update(creditMeasure).set({ liftedAt: now, liftedBy: ctx.actor!.personId, liftReason: reason }).where(and(eq(creditMeasure.id, id), isNull(creditMeasure.liftedAt))).returning();
    if (!row) throw new DomainError('MEASURE_ALREADY_LIFTED', bilingual('该措施已解除', 'This measure was already lifted'), 409);
    audit.record({ action: 'credit.measure_lift', subjectType: 'entity', subjectId: m.entityId, regionCode: m.regionCode, before: { liftedAt: null }, after: { measureId: id, liftReason: reason } });
    return measureView(row, shanghaiDate(now));
  });
}

/** An entity's credit file for supervisors: every record and every measure, newest first. */
export async function creditFile(ctx: Context, entityId: string) {
  const db = ctx.platform.database.db;
  const [e] = await db.select({ id: entity.id, name: entity.name, creditCode: entity.creditCode }).from(entity).where(eq(entity.id, entityId));
  if (!e) throw notFound(bilingual('市场主体', 'Entity'));
  const today = shanghaiDate(ctx.platform.clock.now());
  const [records, measures, ratings] = await Promise.all([
    db.select().from(creditRecord).where(eq(creditRecord.entityId, entityId)).orderBy(desc(creditRecord.recordedAt)),
    db.select().from(creditMeasure).where(eq(creditMeasure.entityId, entityId)).orderBy(desc(creditMeasure.imposedAt)),
    // Good conduct too: how purchasers rated the supplier's performance of its contracts (履约评价).
    db
      .select({ contractNumber: contract.contractNumber, title: contract.title, ratings: performanceReview.ratings, comment: performanceReview.comment, recordedAt: performanceReview.recordedAt })
      .from(performanceReview)
      .innerJoin(contract, eq(contract.id, performanceReview.contractId))
      .where(and(eq(contract.supplierEntityId, entityId), eq(performanceReview.direction, 'purchaserRatesSupplier')))
      .orderBy(desc(performanceReview.recordedAt)),
  ]);
  return {
    entity: e,
    records: records.map((r) => ({ id: r.id, kind: r.kind, ruleId: r.ruleId, summary: r.summary, sourceType: r.sourceType, sourceId: r.sourceId, recordedAt: r.recordedAt.toISOString() })),
    measures: measures.map((m) => measureView(m, today)),
    performance: ratings.map((r) => ({ contractNumber: r.contractNumber, title: r.title, ratings: r.ratings, average: Math.round((Object.values(r.ratings).reduce((n, v) => n + v, 0) / Math.max(1, Object.keys(r.ratings).length)) * 10) / 10, comment: r.comment, recordedAt: r.recordedAt.toISOString() })),
  };
}

/** The measures in force on the caller's own entity: what a supplier sees on its credit page. */
export async function ownMeasures(ctx: Context) {
  return (await creditFile(ctx, ctx.actor!.entityId)).measures;
}

/**
 * Imports a list of seriously dishonest entities (CM-03; the CSV format in credit.rules.ts). A
 * listed entity registered here gets a credit record and a measure for the listed period; rows for
 * entities not registered are counted, not kept (they cannot bid here until they register, and
 * then the next import catches them). A row already imported (same entity and period) is skipped.
 */
export async function importDishonestList(ctx: Context, csv: string) {
  const parsed = parseDishonestList(csv, (code) => validateCreditCode(code).valid);
  if (parsed.rows.length === 0)
    throw new DomainError('DISHONEST_LIST_INVALID', bilingual('名单中没有可导入的行', 'The list has no row that can be imported'), 422, { errors: parsed.errors });
  const db = ctx.platform.database.db;
  const codes = [...new Set(parsed.rows.map((r) => r.creditCode))];
  const known = new Map((await db.select({ id: entity.id, creditCode: entity.creditCode, regionCode: entity.regionCode }).from(entity).where(inArray(entity.creditCode, codes))).map((e) => [e.creditCode, e]));
  const ids = [...known.values()].map((e) => e.id);
  const already = ids.length ? await db.select({ entityId: creditMeasure.entityId, startsOn: creditMeasure.startsOn, endsOn: creditMeasure.endsOn }).from(creditMeasure).where(and(inArray(creditMeasure.entityId, ids), eq(creditMeasure.sourceType, 'dishonestList'))) : [];
  const seen = new Set(already.map((m) => `${m.entityId}:${m.startsOn}:${m.endsOn}`));
  const batchId = randomUUID();
  const now = ctx.platform.clock.now();
  const todo = parsed.rows.filter((r) => {
    const key = known.has(r.creditCode) ? `${known.get(r.creditCode)!.id}:${r.listedOn}:${r.delistedOn}` : null;
    if (!key || seen.has(key)) return false;
    seen.add(key); // a row repeated in the same list is imported once
    return true;
  });
  if (todo.length)
    await inTransaction(ctx, async (tx, audit) => {
      for (const r of todo) {
        const e = known.get(r.creditCode)!;
        const measure = { id: randomUUID(), entityId: e.id, kind: 'debarment' as const, scope: 'all' as const, ruleId: 'CM-03', reason: `${r.reason}（${r.listedBy}）`, startsOn: r.listedOn, endsOn: r.delistedOn, sourceType: 'dishonestList' as const, sourceId: batchId, regionCode: e.regionCode, imposedAt: now, imposedBy: ctx.actor!.personId };
        await tx.insert(creditMeasure).values(measure);
        const record = { id: randomUUID(), entityId: e.id, regionCode: e.regionCode, kind: 'dishonestListed' as const, ruleId: 'CM-03', summary: `列入严重失信主体名单（${r.listedBy}，${r.listedOn}至${r.delistedOn}）：${r.reason}`, sourceType: 'dishonestList', sourceId: batchId, noticeId: null, recordedAt: now };
        await tx.insert(creditRecord).values(record);
        audit.record({ action: 'credit.list_import', subjectType: 'entity', subjectId: e.id, regionCode: e.regionCode, after: { measure, record } });
      }
    });
  const names = await entitySummaries(db, todo.map((r) => known.get(r.creditCode)!.id));
  return {
    batchId,
    imported: todo.map((r) => ({ creditCode: r.creditCode, name: names.get(known.get(r.creditCode)!.id)?.name ?? r.name, startsOn: r.listedOn, endsOn: r.delistedOn })),
    alreadyImported: parsed.rows.filter((r) => known.has(r.creditCode)).length - todo.length,
    notRegistered: parsed.rows.filter((r) => !known.has(r.creditCode)).length,
    errors: parsed.errors,
  };
}
