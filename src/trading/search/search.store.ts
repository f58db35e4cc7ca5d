import { eq, sql, type SQL } from 'drizzle-orm';
import { entityNames } from '../../identity';
import { inRegion } from '../../identity/region-sql';
import { queryRows, type Db } from '../../platform/database/database';
import { METHOD_NAMES_ZH } from '../methods/methods';
import { lot, notice, plan, project, tenderDocument } from '../trading.schema';
import { noticeSearch, noticeSearchName } from './search.schema';
import { CATEGORY_NAMES, categoryCodeOf, highlight, htmlToText, noticeAmountFen, parseQuery, tsvectorLiteral } from './search.rules';

type NoticeRow = typeof notice.$inferSelect;

/** The search row of a notice; the caller writes it in the notice's own transaction. */
export async function searchRowOf(db: Db, n: NoticeRow): Promise<typeof noticeSearch.$inferInsert> {
  let purchaserEntityId: string | null = null;
  let agencyEntityId: string | null = null;
  let category: string | null = null;
  let method: string | null = null;
  let budgetFen: number | null = null;
  let attachmentNames: string[] = [];
  let attachmentText: string | null = null;
  if (n.projectId) {
    const [p] = await db.select().from(project).where(eq(project.id, n.projectId));
    if (p) {
      ({ purchaserEntityId, agencyEntityId, category, method } = p);
      const [sum] = await db.select({ fen: sql<string | null>`sum(${lot.budgetFen})` }).from(lot).where(eq(lot.projectId, p.id));
      budgetFen = sum?.fen == null ? null : Number(sum.fen);
      // The procurement documents: their names from the tender notice on, their text once they are
      // the result notice's attachments (attachments.ts: public with the result, not before).
      if (n.noticeType === 'tender' || n.noticeType === 'award') {
        const docs = await db.select({ name: tenderDocument.name, text: tenderDocument.extractedText }).from(tenderDocument).where(eq(tenderDocument.projectId, p.id));
        attachmentNames = docs.map((d) => d.name);
        if (n.noticeType === 'award') attachmentText = docs.map((d) => d.text).filter(Boolean).join('\n') || null;
      }
    }
  } else if (n.planId) {
    const [pl] = await db.select().from(plan).where(eq(plan.id, n.planId));
    if (pl) ({ purchaserEntityId, category, amountFen: budgetFen } = pl);
  }
  const names = await entityNames(db, [purchaserEntityId, agencyEntityId].filter((id): id is string => Boolean(id)));
  const body = htmlToText(n.renderedHtml);
  return {
    noticeId: n.id,
    noticeType: n.noticeType,
    projectId: n.projectId,
    title: n.title,
    body,
    attachmentText,
    words: tsvectorLiteral([
      { text: n.title, weight: 'A' },
      { text: body, weight: 'B' },
      { text: [...attachmentNames, attachmentText ?? ''].join(' '), weight: 'C' },
    ]),
    regionCode: n.regionCode,
    categoryCode: categoryCodeOf(category),
    method,
    purchaserEntityId,
    purchaserName: purchaserEntityId ? names.get(purchaserEntityId) ?? null : null,
    agencyEntityId,
    agencyName: agencyEntityId ? names.get(agencyEntityId) ?? null : null,
    amountFen: noticeAmountFen(n.noticeType, n.fields, budgetFen),
    publishedAt: n.publishedAt,
  };
}

/** Stores search rows; `words` is a tsvector literal (already segmented), cast by the database. */
export async function insertSearchRows(db: Db, rows: (typeof noticeSearch.$inferInsert)[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(noticeSearch)
    .values(rows.map((r) => ({ ...r, words: sql`${r.words}::tsvector` as unknown as string })))
    .onConflictDoNothing();
  const names = new Map<string, { entityId: string; name: string }>();
  for (const r of rows)
    for (const [entityId, name] of [[r.purchaserEntityId, r.purchaserName], [r.agencyEntityId, r.agencyName]])
      if (entityId && name) names.set(`${entityId} ${name}`, { entityId, name });
  if (names.size) await db.insert(noticeSearchName).values([...names.values()]).onConflictDoNothing();
}

export async function indexNotice(db: Db, n: NoticeRow): Promise<void> {
  await insertSearchRows(db, [await searchRowOf(db, n)]);
}

/**
 * Indexes the notices that have no search row (a database from before the search, or notices
 * inserted by hand); run at start-up, a few hundred at a time. Returns how many it indexed.
 */
export async function indexMissingNotices(db: Db, batch = 200): Promise<number> {
  let done = 0;
  for (;;) {
    const missing = await db
      .select()
      .from(notice)
      .where(sql`NOT EXISTS (SELECT 1 FROM ${noticeSearch} s WHERE s.notice_id = ${notice.id})`)
      .limit(batch);
    if (!missing.length) return done;
    const rows = [];
    for (const n of missing) rows.push(await searchRowOf(db, n));
    await insertSearchRows(db, rows);
    done += missing.length;
  }
}

// ---- Searching ---------------------------------------------------------------------------------

export interface SearchParams {
  q?: string;
  noticeType?: string;
  regionCode?: string;
  categoryCode?: string;
  method?: string;
  purchaserId?: string;
  agencyId?: string;
  /** Asia/Shanghai days, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  minFen?: number;
  maxFen?: number;
  sort?: 'relevance' | 'date';
  page: number;
  pageSize: number;
}

export interface Facet {
  value: string;
  label: string;
  count: number;
}

/** How many of the best candidates ts_rank_cd orders (see searchNotices). */
const RERANK = 200;
const ENTITY_FACET_LIMIT = 20;

export const FACETS = ['noticeType', 'regionCode', 'categoryCode', 'method', 'purchaser', 'agency'] as const;
type FacetName = (typeof FACETS)[number];

const NOTICE_TYPE_ZH: Record<string, string> = {
  intention: '采购意向',
  tender: '招标公告',
  correction: '更正公告',
  openingRecord: '开标记录',
  failure: '废标公告',
  award: '中标（成交）结果公告',
  contract: '合同公告',
  termination: '终止公告',
  singleSource: '单一来源采购公示',
  prequalification: '资格预审公告',
  acceptance: '履约验收结果公告',
};
const METHOD_ZH: Record<string, string> = METHOD_NAMES_ZH;

export const categoryName = (code: string | null): string | null =>
  code ? (CATEGORY_NAMES[code] ?? (CATEGORY_NAMES[code[0]!] ? `${CATEGORY_NAMES[code[0]!]} · ${code}` : code)) : null;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Midnight starting a Shanghai day, as an instant. */
const shanghaiMidnight = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();

/**
 * Ranked search with facet counts. One statement finds the matching rows once (the words through
 * the GIN index, and the notices of the purchasers and agencies named like the query) with a flag
 * per facet filter; the page, the total and each facet's counts (every other facet applied, not
 * its own; all facets in one pass, as grouping sets) come from that set. A second statement
 * fetches the page's texts for the fragments. The matching rows are narrow: the words are read
 * only for the best candidates.
 */
export async function searchNotices(db: Db, p: SearchParams) {
  const query = p.q ? parseQuery(p.q) : null;
  const s = noticeSearch;
  const base: SQL[] = [];
  let rank: SQL = sql`0::real`;
  /** The ranking's first tier: a word of the query in the title (cheap: no ts_rank_cd). */
  let titleHit: SQL = sql`false`;
  /**
   * The purchasers and agencies named like the query (ne) and their notices, with how alike (nm):
   * common table expressions of the statement below; null when the query names nobody, as most
   * do, so that the words' matches need no join.
   */
  let named: SQL | null = null;
  if (query?.text) {
    const like = `%${likeEscape(query.text)}%`;
    const n = noticeSearchName;
    // A part of a name (ILIKE) only from three characters on: a shorter pattern has no trigram, and
    // the trigram index would be read whole.
    const nameMatch = [...query.text].length >= 3 ? sql`${n.name} % ${query.text} OR ${n.name} ILIKE ${like}` : sql`${n.name} % ${query.text}`;
    const namedEntities = sql`SELECT ${n.entityId} AS entity_id, max(similarity(${n.name}, ${query.text})) AS name_rank FROM ${n} WHERE ${nameMatch} GROUP BY 1`;
    const [anyNamed] = await queryRows<{ found: boolean }>(db, sql`SELECT EXISTS (${namedEntities}) AS found`);
    if (anyNamed?.found)
      named = sql`ne AS MATERIALIZED (${namedEntities}), nm AS MATERIALIZED (
        SELECT x.notice_id, greatest(coalesce(p.name_rank, 0), coalesce(a.name_rank, 0)) AS name_rank
        FROM ${s} x LEFT JOIN ne p ON p.entity_id = x.purchaser_entity_id LEFT JOIN ne a ON a.entity_id = x.agency_entity_id
        WHERE x.purchaser_entity_id = ANY (ARRAY(SELECT entity_id FROM ne)) OR x.agency_entity_id = ANY (ARRAY(SELECT entity_id FROM ne))),`;
    const withNamed = named ? sql` OR ${s.noticeId} = ANY (ARRAY(SELECT notice_id FROM nm))` : sql``;
    if (query.tsquery) {
      base.push(sql`(${s.words} @@ ${query.tsquery}::tsquery${withNamed})`);
      rank = sql`ts_rank_cd(s.words, ${query.tsquery}::tsquery)`;
      titleHit = sql`${s.titleWords} @@ ${query.titleTsquery}::tsquery`;
    } else {
      // No indexable word (one Han character, punctuation): the title as typed, through the trigram index.
      base.push(sql`(${s.title} ILIKE ${like}${withNamed})`); // (a short title pattern reads the whole trigram index: rare, and still correct)
      titleHit = sql`${s.title} ILIKE ${like}`;
    }
  }
  if (p.from) base.push(sql`${s.publishedAt} >= ${shanghaiMidnight(p.from)}::timestamptz`);
  if (p.to) base.push(sql`${s.publishedAt} < ${shanghaiMidnight(p.to, 1)}::timestamptz`);
  if (p.minFen !== undefined) base.push(sql`${s.amountFen} >= ${p.minFen}`);
  if (p.maxFen !== undefined) base.push(sql`${s.amountFen} <= ${p.maxFen}`);

  const flags: Record<FacetName, SQL> = {
    noticeType: p.noticeType ? sql`${s.noticeType} = ${p.noticeType}` : sql`true`,
    regionCode: p.regionCode ? inRegion(s.regionCode, p.regionCode) : sql`true`,
    categoryCode: p.categoryCode ? sql`${s.categoryCode} LIKE ${likeEscape(p.categoryCode) + '%'}` : sql`true`,
    method: p.method ? sql`${s.method} = ${p.method}` : sql`true`,
    purchaser: p.purchaserId ? sql`${s.purchaserEntityId} = ${p.purchaserId}` : sql`true`,
    agency: p.agencyId ? sql`${s.agencyEntityId} = ${p.agencyId}` : sql`true`,
  };
  const flagColumn = (f: FacetName) => sql.raw(`f_${f.toLowerCase()}`);
  const allFlags = sql.join(FACETS.map((f) => flagColumn(f)), sql` AND `);
  const othersThan = (f: FacetName) => sql.join(FACETS.filter((g) => g !== f).map((g) => flagColumn(g)), sql` AND `);
  const offset = (p.page - 1) * p.pageSize;
  // Relevance: title hits first, then fuzzy name likeness, newest first, and within the first
  // RERANK candidates (in blocks, so pages agree) ts_rank_cd over the weighted words orders them.
  // ts_rank_cd costs ~20 µs a row: over every match of a common word (thousands) it was most of a
  // search's time; the candidates bound it.
  const candidates = RERANK * Math.ceil((offset + p.pageSize) / RERANK);
  const pageSql =
    p.sort === 'date' || !query
      ? sql`SELECT notice_id, 0 AS rank FROM m WHERE ${allFlags} ORDER BY published_at DESC, notice_id LIMIT ${p.pageSize} OFFSET ${offset}`
      : sql`SELECT c.notice_id, ${rank} + c.name_rank AS rank FROM (
              SELECT notice_id, title_hit, name_rank, published_at FROM m WHERE ${allFlags}
              ORDER BY title_hit DESC, name_rank DESC, published_at DESC, notice_id LIMIT ${candidates}
            ) c JOIN ${s} s ON s.notice_id = c.notice_id
            ORDER BY c.title_hit DESC, ${rank} + c.name_rank DESC, c.published_at DESC, c.notice_id LIMIT ${p.pageSize} OFFSET ${offset}`;
  const facetValue: Record<FacetName, string> = {
    noticeType: 'notice_type',
    regionCode: 'region_code',
    categoryCode: 'category_code',
    method: 'method',
    purchaser: 'purchaser_entity_id',
    agency: 'agency_entity_id',
  };
  // Each facet's value where the other facets' filters hold (else NULL), grouped one facet per set;
  // the empty set counts the rows that pass every filter: the total (its facet index is NULL).
  // Regions, purchasers and agencies are labelled here, the last two only for the best
  // ENTITY_FACET_LIMIT (a list of every one would be as long as the register).
  const grouped = (f: FacetName) => sql.raw(`g_${f.toLowerCase()}`);
  const [region, purchaser, agency] = (['regionCode', 'purchaser', 'agency'] as const).map((f) => FACETS.indexOf(f));
  const facetsSql = sql`SELECT json_agg(json_build_array(f, v, n, CASE
        WHEN f = ${region} THEN (SELECT name_zh FROM region WHERE code = v)
        WHEN f IN (${purchaser}, ${agency}) THEN (SELECT min(name) FROM ${noticeSearchName} WHERE entity_id = v::uuid) END)) FROM (
      SELECT f, v, CASE WHEN f IS NULL THEN n_all ELSE n END AS n, row_number() OVER (PARTITION BY f ORDER BY n DESC, v) AS place FROM (
        SELECT ${sql.raw(`CASE ${FACETS.map((f, i) => `WHEN GROUPING(g_${f.toLowerCase()}) = 0 THEN ${i}`).join(' ')} END`)} AS f,
               ${sql.raw(`coalesce(${FACETS.map((f) => `g_${f.toLowerCase()}::text`).join(', ')})`)} AS v,
               count(*)::int AS n, (count(*) FILTER (WHERE every_flag))::int AS n_all
        FROM (SELECT ${sql.join(
          FACETS.map((f) => sql`CASE WHEN ${othersThan(f)} THEN ${sql.raw(facetValue[f])} END AS ${grouped(f)}`),
          sql`, `,
        )}, ${allFlags} AS every_flag FROM m) x
        GROUP BY GROUPING SETS (${sql.join(
          FACETS.map((f) => sql`(${grouped(f)})`),
          sql`, `,
        )}, ())
      ) counted WHERE v IS NOT NULL OR f IS NULL
    ) placed WHERE f IS NULL OR f NOT IN (${purchaser}, ${agency}) OR place <= ${ENTITY_FACET_LIMIT}`;
  const where = base.length ? sql.join(base, sql` AND `) : sql`true`;
  const [head] = await queryRows<{ page: [string, number][] | null; facets: [number | null, string | null, number, string | null][] }>(
    db,
    sql`WITH ${named ?? sql``} m AS MATERIALIZED (
      SELECT ${s.noticeId} AS notice_id, ${s.noticeType} AS notice_type, ${s.regionCode} AS region_code, ${s.categoryCode} AS category_code,
             ${s.method} AS method, ${s.purchaserEntityId} AS purchaser_entity_id, ${s.agencyEntityId} AS agency_entity_id, ${s.publishedAt} AS published_at,
             ${titleHit} AS title_hit, ${named ? sql`coalesce(nm.name_rank, 0)` : sql`0::real`} AS name_rank,
             ${sql.join(
               FACETS.map((f) => sql`${flags[f]} AS ${flagColumn(f)}`),
               sql`, `,
             )}
      FROM ${s} ${named ? sql`LEFT JOIN nm ON nm.notice_id = ${s.noticeId}` : sql``} WHERE ${where}
    )
    SELECT (SELECT json_agg(json_build_array(notice_id, rank)) FROM (${pageSql}) pg) AS page,
           (${facetsSql}) AS facets`,
  );
  const pageIds = (head?.page ?? []).map(([id]) => id);
  const rows = pageIds.length
    ? await queryRows<{ notice_id: string; notice_type: string; title: string; body: string; attachment_text: string | null; published_at: string | Date; project_id: string | null; purchaser_name: string | null; agency_name: string | null; region_code: string; region_name: string | null; category_code: string | null; method: string | null; amount_fen: string | number | null }>(
        db,
        sql`SELECT s.notice_id, s.notice_type, s.title, s.body, s.attachment_text, s.published_at, s.project_id, s.purchaser_name, s.agency_name, s.region_code, r.name_zh AS region_name,
                   s.category_code, s.method, s.amount_fen
            FROM notice_search s LEFT JOIN region r ON r.code = s.region_code
            WHERE s.notice_id IN (${sql.join(pageIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
      )
    : [];
  const byId = new Map(rows.map((r) => [r.notice_id, r]));
  const terms = query?.terms.length ? query.terms : query?.text ? [query.text.toLowerCase()] : [];
  const items = pageIds
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => {
      const fragments = (text: string | null) => (terms.length && text ? highlight(text, terms) || null : null);
      const inBody = fragments(r.body);
      return {
        id: r.notice_id,
        noticeType: r.notice_type,
        title: r.title,
        publishedAt: new Date(r.published_at).toISOString(),
        projectId: r.project_id,
        purchaserName: r.purchaser_name,
        agencyName: r.agency_name,
        regionCode: r.region_code,
        regionName: r.region_name,
        categoryCode: r.category_code,
        categoryName: categoryName(r.category_code),
        method: r.method,
        amountFen: r.amount_fen == null ? null : Number(r.amount_fen),
        highlight: inBody,
        // Where the words are only in the attachments, that is where the visitor is shown them.
        attachmentHighlight: inBody ? null : fragments(r.attachment_text),
        titleHighlight: terms.length ? highlight(r.title, terms, { fragments: 1, width: 1000 }) || null : null,
      };
    });

  const counts = (f: FacetName) =>
    (head?.facets ?? [])
      .filter(([i]) => i !== null && FACETS[i] === f)
      .map(([, value, count, label]) => ({ value: value!, count, label: label ?? value! }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const facets = {
    noticeType: counts('noticeType').map((c) => ({ ...c, label: NOTICE_TYPE_ZH[c.value] ?? c.value })),
    regionCode: counts('regionCode'),
    categoryCode: counts('categoryCode').map((c) => ({ ...c, label: categoryName(c.value) ?? c.value })),
    method: counts('method').map((c) => ({ ...c, label: METHOD_ZH[c.value] ?? c.value })),
    purchaser: counts('purchaser'),
    agency: counts('agency'),
  } satisfies Record<FacetName, Facet[]>;
  const total = head?.facets.find(([i]) => i === null)?.[2] ?? 0;
  return { total, page: p.page, pageSize: p.pageSize, items, facets };
}
