import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { region } from '../catalogue/catalogue.schema';
import type { EntityStatus } from './entity/entity.states';
import type { EntityType, Role, SmeSize } from './roles';

/** 市场主体: any registered organisation, identified by its 统一社会信用代码. */
export const entity = pgTable(
  'entity',
  {
    id: uuid().primaryKey(),
    creditCode: text().notNull().unique(),
    name: text().notNull(),
    entityType: text().$type<EntityType>().notNull(),
    regionCode: text()
      .notNull()
      .references(() => region.code),
    smeSize: text().$type<SmeSize>(), // medium | small | micro for SMEs, null for other suppliers and non-suppliers
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    contactEmail: text(),
    address: text().notNull(),
    /** 单位负责人 and the entity that directly controls or manages this one (GP-90), as registered. */
    legalRepresentative: text(),
    controllerCreditCode: text(),
    status: text().$type<EntityStatus>().notNull(),
    statusReason: text(),
    registeredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.regionCode, t.entityType),
    check('entity_sme_size_only_for_suppliers', sql`${t.smeSize} IS NULL OR ${t.entityType} = 'supplier'`),
    check('entity_sme_size_values', sql`${t.smeSize} IS NULL OR ${t.smeSize} IN ('medium', 'small', 'micro')`),
  ],
);

export const person = pgTable(
  'person',
  {
    id: uuid().primaryKey(),
    entityId: uuid()
      .notNull()
      .references(() => entity.id),
    username: text().notNull(),
    displayName: text().notNull(),
    mobile: text(),
    email: text(),
    passwordHash: text().notNull(),
    passwordChangedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    mustChangePassword: boolean().notNull().default(false),
    /** AES-256-GCM under the platform master key; never stored in plain text. */
    totpSecretSealed: text(),
    totpEnabled: boolean().notNull().default(false),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: bigint({ mode: 'number' }),
    isEntityAdmin: boolean().notNull().default(false),
    status: text().$type<'active' | 'disabled'>().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [uniqueIndex('person_username_unique').on(sql`lower(${t.username})`), index().on(t.entityId)],
);

export const personRole = pgTable(
  'person_role',
  {
    personId: uuid()
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    role: text().$type<Role>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.role] }),
    // 三员分立 (MLPS 2.0 level 3): at most one of the three administrator duties per person.
    uniqueIndex('person_role_one_admin_duty')
      .on(t.personId)
      .where(sql`${t.role} IN ('systemAdmin', 'securityAdmin', 'auditAdmin')`),
  ],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const session = pgTable(
  'session',
  {
    tokenHash: text().primaryKey(),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    stage: text().$type<'secondFactor' | 'active'>().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    idleTimeoutSeconds: integer().notNull(),
    ip: text(),
    userAgent: text(),
    endedAt: timestamp({ withTimezone: true, precision: 3 }),
    endReason: text(),
  },
  (t) => [index().on(t.personId)],
);

/**
 * Failed sign-ins per account name and per source address (lock-out and throttling), in the
 * database so that every process counts the same. A name is counted whether or not an
 * account has it. Each attempt locks its two rows while it is admitted and when it ends.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    scope: text().$type<'account' | 'source'>().notNull(),
    /** The normalised user name, or the source (an IPv4 address or an IPv6 /64). */
    subject: text().notNull(),
    /** Epoch milliseconds of recent failures and of attempts still being checked. */
    failures: jsonb().$type<number[]>().notNull(),
    lockedUntil: timestamp({ withTimezone: true, precision: 3 }),
    /** After this the row says nothing any more and may be deleted. */
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.subject] }), index().on(t.expiresAt)],
);
