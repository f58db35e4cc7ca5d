import { sql } from 'drizzle-orm';
import { bigint, customType, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * 公告检索: one row per published notice, written in the same transaction as the notice (the
 * notice itself is frozen by a trigger). Self-contained, so a search never joins: the words as
 * jieba segmented them (title A, body B, attachments C) and the facets, denormalised.
 */
export const noticeSearch = pgTable(
  'notice_search',
  {
    noticeId: uuid().primaryKey(),
    noticeType: text().notNull(),
    projectId: uuid(),
    title: text().notNull(),
    /** The notice's text (rendered HTML without tags), for fragments and the ILIKE baseline. */
    body: text().notNull(),
    /** The text of the notice's attachments (the result notice's procurement documents), for fragments. */
    attachmentText: text(),
    words: tsvector().notNull(),
    /**
     * The title's words (weight A) apart: ranking asks of every match whether its title holds a
     * word of the query, and this small column stays in the row while `words` lives out of line.
     */
    titleWords: tsvector().generatedAlwaysAs(sql`ts_filter(words, '{a}')`),
    regionCode: text().notNull(),
    /** 品目 code: A 货物 / B 工程 / C 服务, deeper codes of the 品目分类目录 below them. */
    categoryCode: text(),
    method: text(),
    purchaserEntityId: uuid(),
    purchaserName: text(),
    agencyEntityId: uuid(),
    agencyName: text(),
    amountFen: bigint({ mode: 'number' }),
    publishedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('notice_search_words_idx').using('gin', t.words),
    index('notice_search_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index().on(t.publishedAt),
    index().on(t.regionCode),
    index().on(t.purchaserEntityId),
    index().on(t.agencyEntityId),
  ],
);

/**
 * The purchasers' and agencies' names as notices carried them (a renamed entity keeps its old
 * name too): a name typed into the search is matched against these few thousand rows, not
 * against every notice, whose names repeat and share most of their trigrams (市教育局).
 */
export const noticeSearchName = pgTable(
  'notice_search_name',
  {
    entityId: uuid().notNull(),
    name: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.name] }), index('notice_search_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops'))],
);
