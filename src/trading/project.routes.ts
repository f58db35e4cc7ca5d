import { z } from 'zod';
import { binaryBody, idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { findNotice, listPublicNotices, noticesOf, noticeView } from './notice/notices';
import { publishTender, tenderPublicationInput } from './notice/publish-tender';
import { askQuestion, clarificationInput, clarify, listQuestions } from './notice/questions';
import { downloadDocument, hasDownloaded, listDocuments, listDownloads, uploadDocument } from './project/documents';
import { createProject, listProjects, loadReadableProject, lotsOf, projectInput, projectView } from './project/project';
import { documentSchema, noticeSchema, projectSchema, questionSchema } from './trading.views';
import { loadProjectFacts, projectActions } from './project/project.policy';
import { NOTICE_TYPES } from './trading.schema';
import { projectMethod } from './project/project-method';
import { bilingual, notFound } from '../platform/errors';

const MANAGERS = { roles: ['purchaser', 'agency'] } as const;
const SIGNED_IN = { roles: 'any' } as const;

export function projectRoutes(app: App) {
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get(
    '/api/projects',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['trading'],
        summary: '采购项目 / Projects: mine (purchaser, agency), my region (supervisors), or published ones',
        querystring: z.object({ scope: z.enum(['mine', 'public', 'region']).default('mine'), status: z.string().max(20).optional() }),
        response: withErrors({ 200: z.array(projectSchema) }),
      },
    },
    async (request) => listProjects(request.ctx.platform.database.db, request.ctx.actor, request.query),
  );
  app.post(
    '/api/projects',
    { config: { access: { roles: ['purchaser'] } }, schema: { tags: ['trading'], summary: '立项 / Create a project with its lots', body: projectInput, response: withErrors({ 201: projectSchema }, 404, 409, 422) } },
    async (request, reply) => reply.code(201).send(await createProject(request.ctx, request.body)),
  );
  app.get(
    '/api/public/projects/:id',
    { config: { access: 'public', subject: { type: 'project', action: 'read' } }, schema: { tags: ['trading'], summary: '项目详情 / A project (published ones for everyone)', params: idParams, response: withErrors({ 200: projectSchema }, 404) } },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const row = await loadReadableProject(db, request.ctx.actor, request.params.id);
      const facts = (await loadProjectFacts(db, row.id, request.ctx.actor))!;
      return { ...projectView(row, await lotsOf(db, row.id)), actions: projectActions(request.ctx.actor, facts, request.ctx.platform.clock.now()), ...(await projectMethod(db, row, request.ctx.platform.clock.now())) };
    },
  );

  app.get(
    '/api/public/projects/:id/documents',
    { config: { access: 'public', subject: { type: 'project', action: 'read' } }, schema: { tags: ['trading'], summary: '采购文件列表 / The procurement documents', params: idParams, response: withErrors({ 200: z.array(documentSchema) }, 404) } },
    async (request) => listDocuments(request.ctx.platform.database.db, request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/documents',
    {
      config: { access: MANAGERS, subject: { type: 'project', action: 'manage' } },
      schema: {
        tags: ['trading'],
        summary: '上传采购文件 / Upload a procurement document (PDF body)',
        params: idParams,
        querystring: z.object({ name: z.string().trim().min(1).max(200) }),
        consumes: ['application/pdf'],
        body: binaryBody('The PDF'),
        response: withErrors({ 201: documentSchema }, 404, 409, 415, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await uploadDocument(request.ctx, request.params.id, request.query.name, request.body as Buffer)),
  );
  app.get(
    '/api/projects/:id/documents/:documentId/content',
    {
      config: { access: SIGNED_IN, subject: { type: 'project', action: 'obtainDocuments' } },
      schema: {
        tags: ['trading'],
        summary: '获取采购文件 / Obtain a document (recorded for suppliers)',
        params: z.object({ id: z.uuid(), documentId: z.uuid() }),
        response: withErrors({ 200: z.any().describe('application/pdf') }, 404, 409),
      },
    },
    async (request, reply) => {
      const { name, content } = await downloadDocument(request.ctx, request.params.id, request.params.documentId);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.pdf`).send(content);
    },
  );
  app.get(
    '/api/projects/:id/downloads',
    {
      config: { access: { roles: ['purchaser', 'agency', 'operator', 'supervisor', 'authority'] }, subject: { type: 'project', action: 'viewDownloads' } },
      schema: {
        tags: ['trading'],
        summary: '文件获取记录 / Who obtained the documents (purchaser, agency and supervisors only, EB-08)',
        params: idParams,
        response: withErrors({ 200: z.array(z.object({ supplierEntityId: z.uuid(), supplierName: z.string(), documentId: z.uuid(), downloadedAt: z.string(), ip: z.string().nullable() })) }, 404),
      },
    },
    async (request) => listDownloads(request.ctx, request.params.id),
  );

  app.get(
    '/api/projects/:id/participation',
    {
      config: { access: { roles: ['supplier'] }, subject: { type: 'project', action: 'participate' } },
      schema: { tags: ['trading'], summary: '我的参与情况 / Whether my entity obtained the documents', params: idParams, response: withErrors({ 200: z.object({ documentsObtained: z.boolean() }) }, 404) },
    },
    async (request) => {
      const db = request.ctx.platform.database.db;
      await loadReadableProject(db, request.ctx.actor, request.params.id);
      return { documentsObtained: await hasDownloaded(db, request.params.id, request.ctx.actor!.entityId) };
    },
  );

  app.post(
    '/api/projects/:id/publication',
    {
      config: { access: MANAGERS, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['trading'], summary: '发布招标公告 / Publish the tender notice and documents (time limits checked)', params: idParams, body: tenderPublicationInput, response: withErrors({ 200: projectSchema }, 404, 409, 422) },
    },
    async (request) => publishTender(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/projects/:id/questions',
    { config: { access: SIGNED_IN, subject: { type: 'project', action: 'read' } }, schema: { tags: ['trading'], summary: '提问与答复 / Questions and answers', params: idParams, response: withErrors({ 200: z.array(questionSchema) }, 404) } },
    async (request) => listQuestions(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/questions',
    {
      config: { access: { roles: ['supplier'] }, subject: { type: 'project', action: 'participate' } },
      schema: { tags: ['trading'], summary: '在线提问 / Ask a question', params: idParams, body: z.object({ text: z.string().trim().min(2).max(4000) }), response: withErrors({ 201: questionSchema }, 404, 409) },
    },
    async (request, reply) => reply.code(201).send(await askQuestion(request.ctx, request.params.id, request.body.text)),
  );
  app.post(
    '/api/projects/:id/clarifications',
    {
      config: { access: MANAGERS, subject: { type: 'project', action: 'manage' } },
      schema: {
        tags: ['trading'],
        summary: '答复与澄清 / Answer or clarify; told to every supplier that obtained the documents (GP-05)',
        params: idParams,
        body: clarificationInput,
        response: withErrors({ 200: z.object({ questionId: z.uuid(), deadline: z.string(), notifiedSuppliers: z.int(), project: projectSchema }) }, 404, 409, 422),
      },
    },
    async (request) => clarify(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/public/projects/:id/notices',
    { config: { access: 'public', subject: { type: 'project', action: 'read' } }, schema: { tags: ['trading'], summary: '项目公告 / A project’s notices', params: idParams, response: withErrors({ 200: z.array(noticeSchema) }, 404) } },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const row = await loadReadableProject(db, request.ctx.actor, request.params.id);
      return (await noticesOf(db, { projectId: row.id })).map(noticeView);
    },
  );
  app.get(
    '/api/public/notices',
    {
      config: { access: 'public' },
      schema: {
        tags: ['trading'],
        summary: '公告列表 / Published notices',
        querystring: z.object({
          noticeType: z.enum(NOTICE_TYPES).optional(),
          regionCode: z.string().regex(/^\d{6}$/).optional(),
          q: z.string().max(100).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: withErrors({ 200: z.object({ total: z.int(), items: z.array(noticeSchema) }) }),
      },
    },
    async (request) => {
      const q = request.query;
      return listPublicNotices(request.ctx.platform.database.db, {
        noticeType: q.noticeType,
        regionCode: q.regionCode,
        keyword: q.q,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },
  );
  app.get(
    '/api/public/notices/:id',
    { config: { access: 'public' }, schema: { tags: ['trading'], summary: '公告详情 / One notice', params: idParams, response: withErrors({ 200: noticeSchema }, 404) } },
    async (request) => {
      const row = await findNotice(request.ctx.platform.database.db, request.params.id);
      if (!row) throw notFound(bilingual('公告', 'Notice'));
      return noticeView(row);
    },
  );
}
