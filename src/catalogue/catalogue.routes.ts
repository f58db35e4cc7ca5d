import { z } from 'zod';
import { isLocalDate, shanghaiDate } from '../platform/calendar/calendar';
import { bilingual, notFound } from '../platform/errors';
import type { App } from '../platform/http/server';
import { idParams, revision, revisionInput, withErrors, bilingualText } from '../platform/http/schemas';
import { createDraft, discardDraft, publishVersion, updateDraft } from './catalogue-versions';
import { CATALOGUE_FIELDS, CATALOGUE_KINDS } from './catalogue.kinds';
import { findVersion, itemsOf, itemView, listVersions, versionInForce, versionView } from './catalogue.store';
import { listRegions } from './regions';
import { RULE_CITATIONS, isVerified } from './rule-citations';

const localDate = z.string().refine(isLocalDate, 'YYYY-MM-DD');
const kindParams = z.object({ kind: z.enum(CATALOGUE_KINDS) });
const fieldSchema = z.object({
  name: z.string(),
  type: z.enum(['text', 'longText', 'select', 'multiSelect', 'date', 'boolean', 'url']),
  required: z.boolean(),
  options: z.array(z.string()).readonly().optional(),
  pattern: z.string().optional(),
  inTable: z.boolean().optional(),
});
const versionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(CATALOGUE_KINDS),
    versionNo: z.int(),
    title: z.string(),
    effectiveFrom: z.string(),
    status: z.enum(['draft', 'published']),
    notes: z.string().nullable(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    revision: z.int(),
  })
  .meta({ id: 'CatalogueVersion' });
const itemSchema = z.object({ code: z.string(), data: z.record(z.string(), z.unknown()) }).meta({ id: 'CatalogueItem' });
const versionWithItems = versionSchema.extend({ items: z.array(itemSchema), fields: z.array(fieldSchema) });
const draftInput = z.object({ title: z.string().trim().min(1).max(200), effectiveFrom: localDate, notes: z.string().max(2000).nullish() });
const OPERATOR = { roles: ['operator'], home: true } as const;
const ruleSchema = z
  .object({ id: z.string(), citation: bilingualText, statement: bilingualText, verified: z.boolean().describe('Checked against the full statutory text (RULES.md [TXT])') })
  .meta({ id: 'RuleCitation' });

export function catalogueRoutes(app: App) {
  app.get(
    '/api/public/rules',
    { config: { access: 'public' }, schema: { tags: ['catalogue'], summary: '规则依据 / Every rule the platform applies, with its act and article', response: withErrors({ 200: z.array(ruleSchema) }) } },
    async () => RULE_CITATIONS.map((r) => ({ id: r.id, citation: r.citation, statement: r.statement, verified: isVerified(r) })),
  );

  app.get(
    '/api/public/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: '行政区划 / Regions (GB/T 2260)',
        response: withErrors({ 200: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), level: z.string(), parentCode: z.string().nullable() })) }),
      },
    },
    async (request) => listRegions(request.ctx.platform.database.db),
  );

  app.get(
    '/api/public/catalogues',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: '目录清单总览 / The six catalogues and lists, with the version in force today',
        response: withErrors({ 200: z.array(z.object({ kind: z.enum(CATALOGUE_KINDS), current: versionSchema.nullable(), itemCount: z.int() })) }),
      },
    },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const today = shanghaiDate(request.ctx.platform.clock.now());
      return Promise.all(
        CATALOGUE_KINDS.map(async (kind) => {
          const current = await versionInForce(db, kind, today);
          return { kind, current: current ? versionView(current) : null, itemCount: current ? (await itemsOf(db, current.id)).length : 0 };
        }),
      );
    },
  );

  app.get(
    '/api/public/catalogues/:kind',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: '目录内容 / A catalogue as in force on a date (default today)',
        params: kindParams,
        querystring: z.object({ date: localDate.optional() }),
        response: withErrors({ 200: versionWithItems }, 404),
      },
    },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const date = request.query.date ?? shanghaiDate(request.ctx.platform.clock.now());
      const version = await versionInForce(db, request.params.kind, date);
      if (!version) throw notFound(bilingual('该日期有效的目录版本', 'A version in force on that date'));
      return { ...versionView(version), items: (await itemsOf(db, version.id)).map(itemView), fields: CATALOGUE_FIELDS[request.params.kind] };
    },
  );

  app.get(
    '/api/public/catalogues/:kind/versions',
    {
      config: { access: 'public' },
      schema: { tags: ['catalogue'], summary: '目录历史版本 / Published versions of a catalogue', params: kindParams, response: withErrors({ 200: z.array(versionSchema) }) },
    },
    async (request) => (await listVersions(request.ctx.platform.database.db, request.params.kind, false)).map(versionView),
  );

  app.get(
    '/api/catalogues/:kind/versions',
    {
      config: { access: OPERATOR },
      schema: { tags: ['catalogue'], summary: '目录版本（含草稿） / All versions including drafts (operator)', params: kindParams, response: withErrors({ 200: z.array(versionSchema) }) },
    },
    async (request) => (await listVersions(request.ctx.platform.database.db, request.params.kind, true)).map(versionView),
  );

  app.post(
    '/api/catalogues/:kind/versions',
    {
      config: { access: OPERATOR },
      schema: { tags: ['catalogue'], summary: '新建草稿 / Start a draft from the latest version (operator)', params: kindParams, body: draftInput, response: withErrors({ 201: versionSchema }, 409) },
    },
    async (request, reply) => reply.code(201).send(await createDraft(request.ctx, request.params.kind, request.body)),
  );

  app.get(
    '/api/catalogues/versions/:id',
    {
      config: { access: OPERATOR },
      schema: { tags: ['catalogue'], summary: '版本详情 / A version with its items (operator)', params: idParams, response: withErrors({ 200: versionWithItems }, 404) },
    },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const version = await findVersion(db, request.params.id);
      if (!version) throw notFound(bilingual('目录版本', 'Catalogue version'));
      const view = versionView(version);
      return { ...view, items: (await itemsOf(db, version.id)).map(itemView), fields: CATALOGUE_FIELDS[view.kind] };
    },
  );

  app.put(
    '/api/catalogues/versions/:id',
    {
      config: { access: OPERATOR },
      schema: {
        tags: ['catalogue'],
        summary: '编辑草稿 / Edit a draft and its items (operator)',
        params: idParams,
        body: draftInput.extend({ revision, items: z.array(z.unknown()).max(2000) }),
        response: withErrors({ 200: versionSchema.extend({ items: z.array(itemSchema) }) }, 404, 409, 422),
      },
    },
    async (request) => updateDraft(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/catalogues/versions/:id/publish',
    {
      config: { access: OPERATOR },
      schema: { tags: ['catalogue'], summary: '发布 / Publish a draft (operator)', params: idParams, body: revisionInput, response: withErrors({ 200: versionSchema }, 404, 409, 422) },
    },
    async (request) => publishVersion(request.ctx, request.params.id, request.body.revision),
  );

  app.delete(
    '/api/catalogues/versions/:id',
    {
      config: { access: OPERATOR },
      schema: { tags: ['catalogue'], summary: '删除草稿 / Discard a draft (operator)', params: idParams, body: revisionInput, response: withErrors({ 204: z.null() }, 404, 409) },
    },
    async (request, reply) => {
      await discardDraft(request.ctx, request.params.id, request.body.revision);
      return reply.code(204).send(null);
    },
  );
}
