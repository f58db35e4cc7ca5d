import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * A sub-platform registered for single sign-on (an OpenID Connect client of the platform). The
 * client secret is sealed under the master key (the provider must read it back to check
 * client_secret_basic), never stored in plain text, and shown once when registered.
 */
export const ssoClient = pgTable(
  'sso_client',
  {
    /** The OAuth client_id. */
    id: text().primaryKey(),
    /** The registered sub-platform (entity of type subPlatform) it belongs to. */
    entityId: uuid().notNull(),
    /** The code of its entry in the platform catalogue (平台目录), when it has one (entries are versioned; the code stays). */
    catalogueCode: text(),
    name: text().notNull(),
    secretSealed: text().notNull(),
    redirectUris: text().array().notNull(),
    postLogoutRedirectUris: text().array().notNull(),
    /** Where the platform sends a logout token when a person signs out (OpenID Back-Channel Logout). */
    backchannelLogoutUri: text(),
    /** The sub-platform's address that starts a sign-in (initiate_login_uri): the portal links to it. */
    initiateLoginUri: text().notNull(),
    createdAt: ts().notNull(),
    revokedAt: ts(),
  },
  (t) => [index().on(t.entityId)],
);

/**
 * Everything oidc-provider keeps (sessions, interactions, grants, codes, tokens) and the
 * provider's own sealed keys, one row per artefact: `kind` is the model name, `payload` its
 * contents. `platformSession` ties an OIDC session to the platform session (the SHA-256 of its
 * cookie) that signed it in, so signing out of the platform ends it too.
 */
export const oidcModel = pgTable(
  'oidc_model',
  {
    kind: text().notNull(),
    id: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    grantId: text(),
    uid: text(),
    userCode: text(),
    platformSession: text(),
    expiresAt: ts(),
    consumedAt: ts(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] }), index().on(t.grantId), index().on(t.uid), index().on(t.userCode), index().on(t.platformSession), index().on(t.expiresAt)],
);
