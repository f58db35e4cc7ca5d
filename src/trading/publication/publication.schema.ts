import { date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Downloads of a notice's attachments, counted per day. The portal is public and anonymous, so
 * there is no one to name: a counter records that the attachment was fetched, cheaply (one upsert).
 */
export const noticeDownload = pgTable(
  'notice_download',
  {
    noticeId: uuid().notNull(),
    attachmentId: text().notNull(),
    /** Shanghai calendar day. */
    day: date({ mode: 'string' }).notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.attachmentId, t.day] })],
);
