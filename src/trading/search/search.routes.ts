import { z } from 'zod';
import { bilingual, DomainError } from '../../platform/errors';
import { withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { METHODS } from '../methods/methods';
import { NOTICE_TYPES } from '../trading.schema';
import { FACETS, searchNotices } from './search.store';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期 / not a valid date')
  .describe('Asia/Shanghai day, YYYY-MM-DD');
const fen = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const searchQuery = z.object({
  q: z.string().trim().max(100).optional().describe('关键词 / keywords, segmented into words that must all appear; also matches purchaser and agency names fuzzily'),
  noticeType: z.enum(NOTICE_TYPES).optional(),
  regionCode: z.string().regex(/^\d{6}$/).optional().describe('GB/T 2260 code; includes its sub-regions'),
  categoryCode: z.string().regex(/^[ABC](\d{2}){0,4}$/).optional().describe('品目 code (A 货物, B 工程, C 服务, …); includes its children'),
  method: z.enum(METHODS).optional(),
  purchaserId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  from: day.optional(),
  to: day.optional(),
  minFen: fen.optional(),
  maxFen: fen.optional(),
  sort: z.enum(['relevance', 'date']).optional().describe('default: relevance with q, date without'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const facetSchema = z.array(z.object({ value: z.string(), label: z.string(), count: z.int() }));
export const searchResultSchema = z
  .object({
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
    items: z.array(
      z.object({
        id: z.uuid(),
        noticeType: z.string(),
        title: z.string(),
        publishedAt: z.string(),
        projectId: z.uuid().nullable(),
        purchaserName: z.string().nullable(),
        agencyName: z.string().nullable(),
        regionCode: z.string(),
        regionName: z.string().nullable(),
        categoryCode: z.string().nullable(),
        categoryName: z.string().nullable(),
        method: z.string().nullable(),
        amountFen: z.int().nullable(),
        highlight: z.string().nullable().describe('HTML: fragments of the text around the query words, escaped, the words in <mark>'),
        attachmentHighlight: z.string().nullable().describe('The same from the attachments\' text, when the words are found only there'),
        titleHighlight: z.string().nullable().describe('HTML: the title, escaped, the query words in <mark>'),
      }),
    ),
    facets: z.object(Object.fromEntries(FACETS.map((f) => [f, facetSchema])) as Record<(typeof FACETS)[number], typeof facetSchema>),
  })
  .meta({ id: 'NoticeSearchResult' });

export function searchRoutes(app: App) {
  app.get(
    '/api/public/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['trading'],
        summary: '公告检索 / Search published notices in Chinese, with facets',
        querystring: searchQuery,
        response: withErrors({ 200: searchResultSchema }),
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from && q.to && q.from > q.to) throw new DomainError('SEARCH_RANGE', bilingual('开始日期晚于结束日期', 'The start date is after the end date'), 400, { from: q.from, to: q.to });
      if (q.minFen !== undefined && q.maxFen !== undefined && q.minFen > q.maxFen)
        throw new DomainError('SEARCH_RANGE', bilingual('最低金额高于最高金额', 'The minimum amount is above the maximum'), 400, { minFen: q.minFen, maxFen: q.maxFen });
      return searchNotices(request.ctx.platform.database.db, { ...q, q: q.q || undefined });
    },
  );
}
