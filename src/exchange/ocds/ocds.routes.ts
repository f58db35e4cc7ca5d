import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { bilingual, DomainError, notFound } from '../../platform/errors';
import { localExtension } from './publish';
import { bulkOfDay, recordPackage, releasePage, publicationPolicy } from './packages';

const TAGS = ['open-data'];
const packageSchema = z.record(z.string(), z.unknown());

/** OCDS open data: anyone may read it, without signing in (seeds 001, 002: disclosure is the rule). */
export function ocdsRoutes(app: App) {
  app.get(
    '/api/ocds',
    { config: { access: 'public' }, schema: { tags: TAGS, summary: '开放数据说明 / The OCDS publication: endpoints, licence and publication policy', response: withErrors({ 200: packageSchema }) } },
    async (request) => publicationPolicy(request.ctx.platform.config),
  );
  app.get(
    '/api/ocds/releases',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'OCDS 发布包 / A release package: releases in commit order after the cursor; links.next continues',
        querystring: z.object({
          since: z.coerce.number().int().min(0).default(0).describe('The cursor: the releases committed after it (0 for the first)'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: withErrors({ 200: packageSchema }),
      },
    },
    async (request) => releasePage(request.ctx, request.query.since, request.query.limit),
  );
  app.get(
    '/api/ocds/records/:ocid',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'OCDS 记录包 / The record package of one procurement: its releases and the compiled release',
        params: z.object({ ocid: z.string().min(1).max(200) }),
        response: withErrors({ 200: packageSchema }, 404),
      },
    },
    async (request) => {
      const body = await recordPackage(request.ctx, request.params.ocid);
      if (!body) throw notFound(bilingual('OCDS 记录', 'OCDS record'));
      return body;
    },
  );
  app.get(
    '/api/ocds/bulk/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'OCDS 每日批量文件 / The releases of one day (Asia/Shanghai), one JSON per line, gzip',
        params: z.object({ file: z.string().regex(/^\d{4}-\d{2}-\d{2}\.jsonl\.gz$/).describe('YYYY-MM-DD.jsonl.gz') }),
        response: withErrors({ 200: z.any().describe('application/gzip') }, 404),
      },
    },
    async (request, reply) => {
      const day = request.params.file.slice(0, 10);
      const lines = await bulkOfDay(request.ctx, day);
      if (lines === 'future') throw new DomainError('DAY_NOT_YET', bilingual(`${day} 尚未到来，没有该日的数据`, `${day} has not come yet; there is no file for it`), 404);
      if (lines === 'invalid') throw new DomainError('INVALID_DAY', bilingual(`${day} 不是有效日期`, `${day} is not a valid date`), 404);
      const body = gzipSync(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));
      return reply.type('application/gzip').header('content-disposition', `attachment; filename="ocds-${day}.jsonl.gz"`).send(body);
    },
  );
  app.get(
    '/api/ocds/extension/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'OCDS 本地扩展 / The local OCDS extension (extension.json, its release-schema.json patch, README.md)',
        params: z.object({ file: z.enum(['extension.json', 'release-schema.json', 'README.md']) }),
        response: withErrors({ 200: z.any().describe('the file') }, 404),
      },
    },
    async (request, reply) => {
      const { file } = request.params;
      const publicUrl = request.ctx.platform.config.publicUrl;
      if (file === 'README.md') return reply.type('text/markdown; charset=utf-8').send(localExtension.readme());
      if (file === 'release-schema.json') return reply.type('application/json; charset=utf-8').send(localExtension.releaseSchema());
      const extension = JSON.parse(localExtension.extensionJson().toString('utf8')) as Record<string, unknown>;
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ ...extension, documentationUrl: { en: `${publicUrl}/api/ocds/extension/README.md` } }, null, 2));
    },
  );
}
