import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, withErrors, bilingualText } from '../../platform/http/schemas';
import { DIMENSIONS, MEASURES, REPORT_SUBJECTS, SUBJECT_FIELDS, SUBJECT_NAMES, reportDefinition } from './report.rules';
import { deleteReport, exportFile, exportStatus, listSavedReports, runReport, saveReport, savedReportInput, startExport } from './reports';

const REPORTERS = { roles: ['supervisor', 'authority', 'operator'], feature: 'reports' } as const;
const savedSchema = z.object({ id: z.uuid(), name: z.string(), shared: z.boolean(), mine: z.boolean(), definition: reportDefinition, createdAt: z.string(), revision: z.int() });

/** 自定义报表 (issue 13): build, run, save, share and export reports over the caller's region. */
export function reportRoutes(app: App) {
  app.get(
    '/api/supervision/report-fields',
    { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '报表字段 / What each subject can be grouped by and measured with', response: withErrors({ 200: z.array(z.object({ subject: z.enum(REPORT_SUBJECTS), name: bilingualText, dimensions: z.array(z.object({ key: z.string(), label: bilingualText })), measures: z.array(z.object({ key: z.string(), label: bilingualText, unit: z.string() })) })) }) } },
    async () => REPORT_SUBJECTS.map((subject) => ({ subject, name: SUBJECT_NAMES[subject], dimensions: SUBJECT_FIELDS[subject].dimensions.map((key) => ({ key, label: DIMENSIONS[key] })), measures: SUBJECT_FIELDS[subject].measures.map((key) => ({ key, label: MEASURES[key].label, unit: MEASURES[key].unit })) })),
  );
  app.post(
    '/api/supervision/reports/run',
    { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '运行报表 / Run a report over my region: a pivot of rows × columns with the chosen measures (amounts in fen)', body: reportDefinition, response: withErrors({ 200: z.looseObject({ rows: z.array(z.object({ key: z.string(), label: bilingualText })), columns: z.array(z.object({ key: z.string(), label: bilingualText })), cells: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))), totals: z.record(z.string(), z.number()) }) }, 422) } },
    async (request) => runReport(request.ctx, request.body),
  );
  app.get('/api/supervision/reports', { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '我的报表 / Reports I saved and those my colleagues shared', response: withErrors({ 200: z.array(savedSchema) }) } }, async (request) => listSavedReports(request.ctx));
  app.post('/api/supervision/reports', { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '保存报表 / Save a report, shared with my department or not', body: savedReportInput, response: withErrors({ 201: savedSchema }, 422) } }, async (request, reply) => reply.code(201).send(await saveReport(request.ctx, request.body)));
  app.delete(
    '/api/supervision/reports/:id',
    { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '删除报表 / Delete a report I saved', params: idParams, querystring: z.object({ revision: z.coerce.number().int().min(1) }), response: withErrors({ 204: z.null() }, 403, 404, 409) } },
    async (request, reply) => {
      await deleteReport(request.ctx, request.params.id, request.query.revision);
      return reply.code(204).send(null);
    },
  );
  app.post('/api/supervision/report-exports', { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '导出Excel / Export a report and the list behind it to Excel (a job with progress)', body: reportDefinition, response: withErrors({ 202: z.object({ jobId: z.uuid() }) }, 422) } }, async (request, reply) => reply.code(202).send(await startExport(request.ctx, request.body)));
  app.get(
    '/api/supervision/report-exports/:id',
    { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '导出进度 / Progress of my export', params: idParams, response: withErrors({ 200: z.object({ id: z.uuid(), status: z.enum(['queued', 'running', 'succeeded', 'failed']), progress: z.object({ done: z.int(), total: z.int() }).nullable(), rows: z.int().nullable(), fileName: z.string().nullable() }) }, 404) } },
    async (request) => exportStatus(request.ctx, request.params.id),
  );
  app.get(
    '/api/supervision/report-exports/:id/file',
    { config: { access: REPORTERS }, schema: { tags: ['reports'], summary: '下载导出文件 / The .xlsx of my finished export', params: idParams, response: withErrors({ 200: z.any().describe('the workbook (.xlsx)') }, 404, 409) } },
    async (request, reply) => {
      const file = await exportFile(request.ctx, request.params.id);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.content);
    },
  );
}
