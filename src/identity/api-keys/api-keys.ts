import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { bilingual, DomainError } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { entitySummaries } from '../entity/entity.store';
import { entity } from '../identity.schema';
import type { EntityType } from '../roles';
import { apiKey } from './api-keys.schema';

/** The registered systems that call the platform with a signed API key instead of a person's session. */
export const API_KEY_HOLDERS = ['bank', 'subPlatform'] as const satisfies readonly EntityType[];
export type ApiKeyHolder = (typeof API_KEY_HOLDERS)[number];

export interface IssuedApiKey {
  keyId: string;
  entityId: string;
  secret: string;
}

type Sealer = Context['platform']['sealer'];

/**
 * Issues an API key to a registered bank or sub-platform: the secret is returned once and kept
 * only sealed under the master key. For the operator's set-up and the demo data; a route for it is
 * not built yet.
 */
export async function issueApiKey(ctx: Context, entityId: string, options: { demo?: { keyId: string; secret: string } | true } = {}): Promise<IssuedApiKey> {
  const holder = (await entitySummaries(ctx.platform.database.db, [entityId])).get(entityId);
  if (!holder || !(API_KEY_HOLDERS as readonly string[]).includes(holder.entityType))
    throw new DomainError('NOT_AN_API_KEY_HOLDER', bilingual('该主体不是已登记的银行或交易子平台', 'This entity is not a registered bank or sub-platform'), 422);
  // A demo key may be a known one, so that the demo sub-platform (a separate app) can sign with it.
  const known = typeof options.demo === 'object' ? options.demo : null;
  const keyId = known?.keyId ?? `${holder.entityType === 'bank' ? 'bk' : 'sp'}_${randomBytes(12).toString('hex')}`;
  const secret = known?.secret ?? randomBytes(32).toString('base64url');
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(apiKey).values({ id: keyId, entityId, secretSealed: ctx.platform.sealer.seal(secret), demo: Boolean(options.demo), createdAt: ctx.platform.clock.now() });
    audit.record({ action: 'apiKey.issue', subjectType: 'entity', subjectId: entityId, regionCode: holder.regionCode, after: { keyId, demo: Boolean(options.demo) } });
  });
  return { keyId, entityId, secret };
}

/** The holder and the unsealed secret behind a key id, if the key is live and its holder an active entity of that type. */
export async function apiKeySecret(db: Db, sealer: Sealer, keyId: string, holderType: ApiKeyHolder): Promise<{ entityId: string; secret: string } | null> {
  const [row] = await db.select().from(apiKey).where(and(eq(apiKey.id, keyId), isNull(apiKey.revokedAt)));
  if (!row) return null;
  const holder = (await entitySummaries(db, [row.entityId])).get(row.entityId);
  if (!holder || holder.entityType !== holderType || holder.status !== 'active') return null;
  return { entityId: row.entityId, secret: sealer.unseal(row.secretSealed) };
}

/** The key a server-side demo adapter (the demo bank, the demo sub-platform) signs with, if demo data set one up. */
export async function demoApiKey(db: Db, sealer: Sealer, holderType: ApiKeyHolder): Promise<(IssuedApiKey & { entityName: string }) | null> {
  const [row] = await db
    .select({ id: apiKey.id, entityId: apiKey.entityId, secretSealed: apiKey.secretSealed, name: entity.name })
    .from(apiKey)
    .innerJoin(entity, eq(entity.id, apiKey.entityId))
    .where(and(eq(apiKey.demo, true), isNull(apiKey.revokedAt), inArray(entity.entityType, [holderType])))
    .orderBy(asc(apiKey.createdAt))
    .limit(1);
  return row ? { keyId: row.id, entityId: row.entityId, secret: sealer.unseal(row.secretSealed), entityName: row.name } : null;
}
