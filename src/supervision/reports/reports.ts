import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { REGIONS } from '../../catalogue/regions';
import { actorFor, regionPrefix } from '../../identity';
import { shanghaiDate, shanghaiInstant } from '../../platform/calendar/calendar';
import type { Context, Platform } from '../../platform/context';
import { queryRows, type Db } from '../../platform/database/database';
import { DomainError, bilingual, notFound, staleRevision, type Bilingual } from '../../platform/errors';
import { enqueueJob, findJob, type JobHandler } from '../../platform/jobs/jobs';
import { inTransaction } from '../../platform/unit-of-work';
import { STATUS_NAMES as PAYMENT_STATUS_NAMES, type PaymentStatus } from '../../money/payments/payment.states';
import { METHOD_NAMES_ZH, type Method } from '../../trading/methods/methods';
import { DIMENSIONS, MEASURES, SUBJECT_NAMES, definitionProblems, pivot, reportDefinition, type Dimension, type Measure, type ReportDefinition, type ReportSubject } from './report.rules';
import { savedReport } from './reports.schema';

export const REPORT_EXPORT_JOB = 'report.export';

/** The SQL of each subject: its rows, the day it is counted on, its region, and each dimension and measure. */
interface SubjectSql {
  from: SQL;
  where?: SQL;
  date: SQL;
  region: SQL;
  dimensions: Partial<Record<Dimension, SQL>>;
  measures: Partial<Record<Measure, SQL>>;
  /** The list behind the report (the export's second sheet): columns with their headers, and the key to page on. */
  details: { key: SQL; columns: [string, SQL][] };
}

const local = (ts: SQL) => sql`(${ts} AT TIME ZONE 'Asia/Shanghai')`;
const timeDimensions = (date: SQL) => ({ month: sql`to_char(${local(date)}, 'YYYY-MM')`, quarter: sql`to_char(${local(date)}, 'YYYY-"Q"Q')` });

const SUBJECTS: Record<ReportSubject, (today: string) => SubjectSql> = {
  lots: () => ({
    from: sql`lot l JOIN project p ON p.id = l.project_id JOIN entity pe ON pe.id = p.purchaser_entity_id`,
    date: sql`p.created_at`,
    region: sql`p.region_code`,
    dimensions: { region: sql`p.region_code`, category: sql`p.category`, method: sql`p.method`, ...timeDimensions(sql`p.created_at`), purchaser: sql`pe.name`, status: sql`l.status` },
    measures: {
      count: sql`count(*)`,
      budgetFen: sql`sum(l.budget_fen)`,
      averageBidders: sql`avg((SELECT count(*) FROM bid b WHERE b.lot_id = l.id AND b.status = 'decrypted'))`,
      failed: sql`count(*) FILTER (WHERE l.status = 'failed')`,
    },
    details: {
      key: sql`l.id`,
      columns: [['项目编号', sql`p.project_number`], ['项目名称', sql`p.title`], ['标项', sql`l.lot_no`], ['采购人', sql`pe.name`], ['采购方式', sql`p.method`], ['状态', sql`l.status`], ['预算（元）', sql`l.budget_fen / 100.0`], ['立项日期', sql`to_char(${local(sql`p.created_at`)}, 'YYYY-MM-DD')`]],
    },
  }),
  contracts: () => ({
    from: sql`contract c LEFT JOIN project p ON p.id = c.project_id JOIN entity pe ON pe.id = c.purchaser_entity_id JOIN entity se ON se.id = c.supplier_entity_id`,
    date: sql`coalesce(c.signed_at, c.drafted_at)`,
    region: sql`c.region_code`,
    dimensions: { region: sql`c.region_code`, category: sql`p.category`, method: sql`p.method`, ...timeDimensions(sql`coalesce(c.signed_at, c.drafted_at)`), purchaser: sql`pe.name`, supplier: sql`se.name`, smeSize: sql`coalesce(se.sme_size, 'large')`, status: sql`c.status` },
    measures: { count: sql`count(*)`, valueFen: sql`sum(c.price_fen)`, smeValueFen: sql`coalesce(sum(c.price_fen) FILTER (WHERE se.sme_size IS NOT NULL), 0)` },
    details: {
      key: sql`c.id`,
      columns: [['合同编号', sql`c.contract_number`], ['合同名称', sql`c.title`], ['采购人', sql`pe.name`], ['供应商', sql`se.name`], ['合同金额（元）', sql`c.price_fen / 100.0`], ['状态', sql`c.status`], ['签订日期', sql`to_char(${local(sql`c.signed_at`)}, 'YYYY-MM-DD')`]],
    },
  }),
  payments: (today) => ({
    from: sql`payment_application pa JOIN contract c ON c.id = pa.contract_id JOIN entity pe ON pe.id = c.purchaser_entity_id JOIN entity se ON se.id = c.supplier_entity_id`,
    date: sql`pa.filed_at`,
    region: sql`c.region_code`,
    dimensions: { region: sql`c.region_code`, ...timeDimensions(sql`pa.filed_at`), purchaser: sql`pe.name`, supplier: sql`se.name`, smeSize: sql`coalesce(se.sme_size, 'large')`, status: sql`pa.status` },
    measures: {
      count: sql`count(*)`,
      totalFen: sql`sum(pa.total_fen)`,
      paidFen: sql`coalesce(sum(pa.total_fen) FILTER (WHERE pa.status = 'paid'), 0)`,
      overdue: sql`count(*) FILTER (WHERE pa.status NOT IN ('paid', 'rejected', 'withdrawn') AND pa.due_on < ${today})`,
    },
    details: {
      key: sql`pa.id`,
      columns: [['合同编号', sql`c.contract_number`], ['里程碑', sql`pa.milestone_no`], ['供应商', sql`se.name`], ['采购人', sql`pe.name`], ['金额（元）', sql`pa.total_fen / 100.0`], ['状态', sql`pa.status`], ['应付日期', sql`pa.due_on`], ['申请日期', sql`to_char(${local(sql`pa.filed_at`)}, 'YYYY-MM-DD')`]],
    },
  }),
  // Only opened bids: before the opening, who bid and how many is sealed.
  bids: () => ({
    from: sql`bid b JOIN project p ON p.id = b.project_id JOIN entity se ON se.id = b.supplier_entity_id`,
    where: sql`b.status = 'decrypted'`,
    date: sql`b.received_at`,
    region: sql`p.region_code`,
    dimensions: { region: sql`p.region_code`, category: sql`p.category`, method: sql`p.method`, ...timeDimensions(sql`b.received_at`), supplier: sql`se.name`, smeSize: sql`coalesce(se.sme_size, 'large')` },
    measures: { count: sql`count(*)`, averagePriceFen: sql`avg((b.price_schedule->>'totalPriceFen')::bigint)`, suppliers: sql`count(DISTINCT b.supplier_entity_id)` },
    details: {
      key: sql`b.id`,
      columns: [['项目编号', sql`p.project_number`], ['项目名称', sql`p.title`], ['供应商', sql`se.name`], ['报价（元）', sql`(b.price_schedule->>'totalPriceFen')::bigint / 100.0`], ['递交时间', sql`to_char(${local(sql`b.received_at`)}, 'YYYY-MM-DD HH24:MI')`]],
    },
  }),
};

/** The conditions every query of a report shares: the caller's region, the subject's own, and the filters. */
function conditions(ctx: Context, s: SubjectSql, d: ReportDefinition): SQL {
  const parts: SQL[] = [sql`${s.region} LIKE ${`${regionPrefix(ctx.actor!.regionCode)}%`}`];
  if (s.where) parts.push(s.where);
  if (d.filters.category && s.dimensions.category) parts.push(sql`${s.dimensions.category} = ${d.filters.category}`);
  if (d.filters.method && s.dimensions.method) parts.push(sql`${s.dimensions.method} = ${d.filters.method}`);
  if (d.filters.from) parts.push(sql`${s.date} >= ${shanghaiInstant(d.filters.from)}`);
  if (d.filters.to) parts.push(sql`${s.date} < ${shanghaiInstant(d.filters.to)} + interval '1 day'`);
  return sql.join(parts, sql` AND `);
}

const SME_LABELS: Record<string, Bilingual> = { medium: bilingual('中型企业', 'Medium'), small: bilingual('小型企业', 'Small'), micro: bilingual('微型企业', 'Micro'), large: bilingual('大型企业及其他', 'Large and other') };
const CATEGORY_LABELS: Record<string, Bilingual> = { goods: bilingual('货物', 'Goods'), services: bilingual('服务', 'Services'), works: bilingual('工程', 'Works') };

/** What a dimension's value is called: names for codes, 未填 for none (lot and contract statuses are named by the web app's own words). */
export function valueLabel(dim: Dimension, value: string | null, subject?: ReportSubject): Bilingual {
  if (value === null || value === '') return bilingual('未填', 'Not given');
  if (dim === 'status' && subject === 'payments') return PAYMENT_STATUS_NAMES[value as PaymentStatus] ?? bilingual(value, value);
  if (dim === 'category') return CATEGORY_LABELS[value] ?? bilingual(value, value);
  if (dim === 'method') return bilingual(METHOD_NAMES_ZH[value as Method] ?? value, value);
  if (dim === 'smeSize') return SME_LABELS[value] ?? bilingual(value, value);
  if (dim === 'region') {
    const r = REGIONS.find((x) => x.code === value);
    return r ? bilingual(r.nameZh, r.nameEn) : bilingual(value, value);
  }
  return bilingual(value, value);
}

function checked(d: ReportDefinition): ReportDefinition {
  const problems = definitionProblems(d);
  if (problems.length) throw new DomainError('REPORT_INVALID', problems[0]!.message, 422, { field: problems[0]!.field, problems });
  return d;
}

/** Runs a report over the caller's region: the pivot table with every value named. */
export async function runReport(ctx: Context, definition: ReportDefinition) {
  const d = checked(definition);
  const s = SUBJECTS[d.subject](shanghaiDate(ctx.platform.clock.now()));
  const measures = sql.join(
    d.measures.map((m) => sql`(${s.measures[m]!})::float8 AS ${sql.identifier(m)}`),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown> & { row: string | null; column: string | null; weight: number }>(
    ctx.platform.database.db,
    sql`SELECT (${s.dimensions[d.rows]!})::text AS row, ${d.columns ? sql`(${s.dimensions[d.columns]!})::text` : sql`NULL::text`} AS column, count(*)::int AS weight, ${measures}
        FROM ${s.from} WHERE ${conditions(ctx, s, d)} GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 5000`,
  );
  const grouped = rows.map((r) => ({
    row: r.row ?? '',
    column: r.column,
    weight: r.weight,
    values: Object.fromEntries(d.measures.map((m) => [m, Math.round(Number(r[m] ?? 0) * 100) / 100])) as Partial<Record<Measure, number>>,
  }));
  const table = pivot(d, grouped);
  return {
    definition: d,
    subject: SUBJECT_NAMES[d.subject],
    rowLabel: DIMENSIONS[d.rows],
    columnLabel: d.columns ? DIMENSIONS[d.columns] : null,
    measures: d.measures.map((m) => ({ key: m, label: MEASURES[m].label, unit: MEASURES[m].unit })),
    rows: table.rows.map((key) => ({ key, label: valueLabel(d.rows, key || null, d.subject) })),
    columns: table.columns.map((key) => ({ key, label: d.columns ? valueLabel(d.columns, key || null, d.subject) : bilingual('', '') })),
    cells: table.cells,
    totals: table.totals,
  };
}

// ---------------------------------------------------------------- saved and shared reports

export const savedReportInput = z.object({ name: z.string().trim().min(1).max(100), shared: z.boolean().default(false), definition: reportDefinition });

/** Reports the caller saved, and those its colleagues (the same department) shared. */
export async function listSavedReports(ctx: Context) {
  const rows = await ctx.platform.database.db
    .select()
    .from(savedReport)
    .where(or(eq(savedReport.ownerPersonId, ctx.actor!.personId), and(eq(savedReport.ownerEntityId, ctx.actor!.entityId), eq(savedReport.shared, true))))
    .orderBy(desc(savedReport.createdAt));
  return rows.map((r) => ({ id: r.id, name: r.name, shared: r.shared, mine: r.ownerPersonId === ctx.actor!.personId, definition: r.definition, createdAt: r.createdAt.toISOString(), revision: r.revision }));
}

export async function saveReport(ctx: Context, input: z.infer<typeof savedReportInput>) {
  checked(input.definition);
  return inTransaction(ctx, async (tx, audit) => {
    const row = { id: randomUUID(), name: input.name, shared: input.shared, definition: input.definition, ownerPersonId: ctx.actor!.personId, ownerEntityId: ctx.actor!.entityId, regionCode: ctx.actor!.regionCode, createdAt: ctx.platform.clock.now() };
    await tx.insert(savedReport).values(row);
    audit.record({ action: 'report.save', subjectType: 'report', subjectId: row.id, regionCode: row.regionCode, after: { name: row.name, shared: row.shared, definition: row.definition } });
    return { ...row, mine: true, createdAt: row.createdAt.toISOString(), revision: 1 };
  });
}

/** Only its owner deletes a saved report. */
export async function deleteReport(ctx: Context, id: string, revision: number) {
  const db = ctx.platform.database.db;
  const [row] = await db.select().from(savedReport).where(eq(savedReport.id, id));
  if (!row || (row.ownerPersonId !== ctx.actor!.personId && !(row.shared && row.ownerEntityId === ctx.actor!.entityId))) throw notFound(bilingual('报表', 'Report'));
  if (row.ownerPersonId !== ctx.actor!.personId) throw new DomainError('REPORT_NOT_YOURS', bilingual('只有报表的创建人可以删除', 'Only the report’s author may delete it'), 403);
  if (row.revision !== revision) throw staleRevision();
  await inTransaction(ctx, async (tx, audit) => {
    await tx.delete(savedReport).where(and(eq(savedReport.id, id), eq(savedReport.revision, revision)));
    audit.record({ action: 'report.delete', subjectType: 'report', subjectId: id, regionCode: row.regionCode, before: { name: row.name } });
  });
}

// ---------------------------------------------------------------- Excel export

/** Starts an export as a job: the report and the list behind it, written to an .xlsx as it is read. */
export async function startExport(ctx: Context, definition: ReportDefinition) {
  const d = checked(definition);
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const jobId = await enqueueJob(tx, now, { kind: REPORT_EXPORT_JOB, payload: { definition: d, personId: ctx.actor!.personId }, runAt: now, createdBy: ctx.actor!.personId, maxAttempts: 1 });
    audit.record({ action: 'report.export', subjectType: 'job', subjectId: jobId, regionCode: ctx.actor!.regionCode, detail: { definition: d } });
    return { jobId };
  });
}

/** An export's state, for the one who asked for it only. */
export async function exportStatus(ctx: Context, id: string) {
  const job = await findJob(ctx.platform.database.db, id);
  if (!job || job.kind !== REPORT_EXPORT_JOB || job.createdBy !== ctx.actor!.personId) throw notFound(bilingual('导出任务', 'Export'));
  const result = job.result as { sha256: string; rows: number; fileName: string } | null;
  return { id: job.id, status: job.status as 'queued' | 'running' | 'succeeded' | 'failed', progress: job.progress ?? null, rows: result?.rows ?? null, fileName: result?.fileName ?? null };
}

export async function exportFile(ctx: Context, id: string) {
  const status = await exportStatus(ctx, id);
  const job = (await findJob(ctx.platform.database.db, id))!;
  const result = job.result as { sha256: string; fileName: string } | null;
  if (status.status !== 'succeeded' || !result) throw new DomainError('EXPORT_NOT_READY', bilingual('导出尚未完成', 'The export is not ready yet'), 409);
  return { fileName: result.fileName, content: await ctx.platform.blobs.read(result.sha256) };
}

const DETAIL_PAGE = 5000;

/**
 * The export job: the pivot on the first sheet, then the list behind it on the second, read in
 * pages of 5,000 by key and streamed into the file (a year of bids does not sit in memory); the
 * progress counts the list's rows. The file goes to the blob store; its hash is the job's result.
 */
export function reportExportHandler(platform: Platform): JobHandler {
  return async (payload, control, row) => {
    const db: Db = platform.database.db;
    const d = reportDefinition.parse(payload.definition);
    // The report runs as the person who asked for it: their region bounds it.
    const [asker] = await queryRows<{ username: string }>(db, sql`SELECT username FROM person WHERE id = ${String(payload.personId)}`);
    if (!asker) throw new Error(`report export: no person ${String(payload.personId)}`);
    const actor = await actorFor(db, asker.username);
    const ctx: Context = { platform, actor, ip: null, userAgent: null };
    const report = await runReport(ctx, d);
    const s = SUBJECTS[d.subject](shanghaiDate(platform.clock.now()));
    const where = conditions(ctx, s, d);
    const [{ total }] = (await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM ${s.from} WHERE ${where}`)) as [{ total: number }];
    const file = path.join(os.tmpdir(), `report-${row.id}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    const summary = workbook.addWorksheet('汇总');
    const columnName = (c: { label: Bilingual }) => c.label['zh-CN'];
    summary.addRow([`${report.subject['zh-CN']}：${report.rowLabel['zh-CN']}${report.columnLabel ? ` × ${report.columnLabel['zh-CN']}` : ''}`]).commit();
    summary.addRow([report.rowLabel['zh-CN'], ...report.columns.flatMap((c) => report.measures.map((m) => (d.columns ? `${columnName(c)} ${m.label['zh-CN']}` : m.label['zh-CN'])))]).commit();
    const shown = (m: { key: Measure; unit: string }, v: number | undefined) => (v === undefined ? null : m.unit === 'fen' ? v / 100 : v);
    for (const r of report.rows) summary.addRow([r.label['zh-CN'], ...report.columns.flatMap((c) => report.measures.map((m) => shown(m, report.cells[r.key]?.[c.key]?.[m.key])))]).commit();
    summary.addRow(['合计', ...(d.columns ? [] : report.measures.map((m) => shown(m, report.totals[m.key])))]).commit();
    summary.addRow(['金额单位：元']).commit();
    summary.commit();
    const details = workbook.addWorksheet('明细');
    details.addRow(s.details.columns.map(([header]) => header)).commit();
    let last: string | null = null;
    let done = 0;
    for (;;) {
      const page: (Record<string, unknown> & { key: string })[] = await queryRows<Record<string, unknown> & { key: string }>(
        db,
        sql`SELECT ${s.details.key}::text AS key, ${sql.join(s.details.columns.map(([, expr], i) => sql`${expr} AS ${sql.identifier(`c${i}`)}`), sql`, `)}
            FROM ${s.from} WHERE ${where} ${last ? sql`AND ${s.details.key} > ${last}::uuid` : sql``} ORDER BY ${s.details.key} LIMIT ${DETAIL_PAGE}`,
      );
      for (const r of page) details.addRow(s.details.columns.map((_, i) => (typeof r[`c${i}`] === 'string' && /^\d+(\.\d+)?$/.test(r[`c${i}`] as string) ? Number(r[`c${i}`]) : (r[`c${i}`] ?? null)))).commit();
      done += page.length;
      await control.progress(done, total);
      if (page.length < DETAIL_PAGE) break;
      last = page.at(-1)!.key;
    }
    details.commit();
    await workbook.commit();
    const blob = await platform.blobs.put(await fs.promises.readFile(file));
    await fs.promises.rm(file, { force: true });
    return { sha256: blob.sha256, rows: done, fileName: `${report.subject['zh-CN']}报表-${shanghaiDate(platform.clock.now())}.xlsx` };
  };
}
