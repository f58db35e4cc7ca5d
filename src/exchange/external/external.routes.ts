import { z } from 'zod';
import { bilingual, notFound } from '../../platform/errors';
import { pageQuery, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { compiledOf, listExternal, readExternal } from './external.public';

const TAGS = ['open-data'];
const money = z.object({ amount: z.number(), currency: z.string(), fen: z.int().nullable().describe('The amount in fen when the currency is CNY') }).nullable();
const period = z.object({ startDate: z.string().nullable(), endDate: z.string().nullable() }).nullable();
const summary = {
  ocid: z.string(),
  origin: z.enum(['subPlatform', 'import']).describe('subPlatform: synced by a sub-platform of the one network; import: open data published by another publisher'),
  platformName: z.string().describe('The sub-platform’s unified name, or the publisher’s name'),
  regionCode: z.string(),
  title: z.string(),
  buyerName: z.string().nullable(),
  procurementMethod: z.string().nullable(),
  procurementMethodDetails: z.string().nullable(),
  mainProcurementCategory: z.string().nullable(),
  tenderStatus: z.string().nullable(),
  valueFen: z.int().nullable().describe('The tender’s value in fen; null when not in CNY'),
  awardedFen: z.int().nullable(),
  bidCount: z.int(),
  releaseCount: z.int(),
  firstDate: z.string(),
  lastDate: z.string(),
  value: money,
};
const listSchema = z
  .object({
    total: z.int(),
    platforms: z.array(z.object({ name: z.string(), origin: z.enum(['subPlatform', 'import']), count: z.int() })),
    items: z.array(z.object(summary)),
  })
  .meta({ id: 'ExternalProcurementList' });
const detailSchema = z
  .object({
    ...summary,
    tenderPeriod: period,
    numberOfTenderers: z.int().nullable(),
    bids: z.array(z.object({ id: z.string(), date: z.string().nullable(), status: z.string().nullable(), tenderers: z.array(z.string()), value: money })),
    awards: z.array(z.object({ id: z.string(), title: z.string().nullable(), status: z.string().nullable(), date: z.string().nullable(), value: money, suppliers: z.array(z.string()) })),
    contracts: z.array(z.object({ id: z.string(), title: z.string().nullable(), status: z.string().nullable(), dateSigned: z.string().nullable(), value: money, period })),
    releases: z.array(z.object({ id: z.string(), date: z.string(), tags: z.array(z.string()) })),
    recordUrl: z.string().describe('The OCDS record package (synced) or the compiled release (imported)'),
  })
  .meta({ id: 'ExternalProcurement' });
const ocidParams = z.object({ ocid: z.string().min(1).max(200) });
const missing = () => notFound(bilingual('其他平台交易的项目', 'Procurement traded elsewhere'));

/** Procurements traded elsewhere, on the public portal: anyone may read them, without signing in. */
export function externalRoutes(app: App) {
  app.get(
    '/api/public/external',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: '其他平台交易 / Procurements traded on other platforms (sub-platforms, imported open data), newest first',
        querystring: pageQuery.extend({ q: z.string().max(100).optional().describe('Words of the title'), platform: z.string().max(200).optional().describe('A platform’s or publisher’s name, as listed in platforms') }),
        response: withErrors({ 200: listSchema }),
      },
    },
    async (request) => listExternal(request.ctx.platform.database.db, request.query),
  );
  app.get(
    '/api/public/external/:ocid',
    {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: '其他平台交易详情 / One procurement traded elsewhere: bids, awards, contracts and its releases', params: ocidParams, response: withErrors({ 200: detailSchema }, 404) },
    },
    async (request) => (await readExternal(request.ctx.platform.database.db, request.params.ocid)) ?? Promise.reject(missing()),
  );
  app.get(
    '/api/public/external/:ocid/compiled',
    {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: '合并后的 OCDS 发布 / The compiled OCDS release of a procurement traded elsewhere, as a JSON download', params: ocidParams, response: withErrors({ 200: z.any().describe('application/json') }, 404) },
    },
    async (request, reply) => {
      const compiled = await compiledOf(request.ctx.platform.database.db, request.params.ocid);
      if (!compiled) throw missing();
      const file = `${request.params.ocid.replace(/[^A-Za-z0-9._-]/g, '_')}-compiled.json`;
      return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(JSON.stringify(compiled, null, 2));
    },
  );
}
