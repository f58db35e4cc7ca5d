import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * A registered system's API key (a bank notifying deposits, a sub-platform registering its
 * contracts): the key id is sent with each request, the secret signs it (HMAC-SHA256). HMAC needs
 * the secret itself to verify, so it is sealed under the master key (AES-256-GCM, like
 * second-factor secrets), never stored in plain text and shown once.
 */
export const apiKey = pgTable(
  'api_key',
  {
    id: text().primaryKey(),
    entityId: uuid().notNull(),
    secretSealed: text().notNull(),
    /** The key the platform's own demo adapters (the demo bank, the demo sub-platform) sign with (demo data only). */
    demo: boolean().notNull().default(false),
    createdAt: ts().notNull(),
    revokedAt: ts(),
  },
  (t) => [index().on(t.entityId)],
);
