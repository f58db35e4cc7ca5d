import { randomBytes } from 'node:crypto';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { bilingual, DomainError } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { entitySummaries } from '../entity/entity.store';
import { acceptableClientUri } from './sso-claims';
import { ssoClient } from './sso.schema';
import { SSO_SUBJECT } from './sso-sessions';

export interface SsoClientInput {
  entityId: string;
  name: string;
  catalogueCode?: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri?: string | null;
  initiateLoginUri: string;
}

export interface RegisteredSsoClient {
  clientId: string;
  /** Shown once; the platform keeps it sealed. */
  clientSecret: string;
}

const invalidUri = (field: string) =>
  new DomainError('SSO_CLIENT_URI_INVALID', bilingual(`${field} 须为 https 地址（本机测试可用 http）`, `${field} must be an https address (http only on this machine)`), 422, { field });

/**
 * Registers a sub-platform for single sign-on: an OpenID Connect client of the platform, tied to
 * its subPlatform entity. The secret is returned once and kept only sealed. `fixed` gives the
 * demo's own client its known id and secret (demo data only).
 */
export async function registerSsoClient(ctx: Context, input: SsoClientInput, fixed?: RegisteredSsoClient): Promise<RegisteredSsoClient> {
  const holder = (await entitySummaries(ctx.platform.database.db, [input.entityId])).get(input.entityId);
  if (!holder || holder.entityType !== 'subPlatform' || holder.status !== 'active')
    throw new DomainError('NOT_A_SUB_PLATFORM', bilingual('该主体不是已登记的交易子平台', 'This entity is not a registered sub-platform'), 422);
  const allowHttp = !ctx.platform.config.cookieSecure;
  for (const [field, uris] of [
    ['redirectUris', input.redirectUris],
    ['postLogoutRedirectUris', input.postLogoutRedirectUris],
    ['backchannelLogoutUri', input.backchannelLogoutUri ? [input.backchannelLogoutUri] : []],
    ['initiateLoginUri', [input.initiateLoginUri]],
  ] as const)
    if (uris.some((u) => !acceptableClientUri(u, allowHttp))) throw invalidUri(field);
  const clientId = fixed?.clientId ?? `sso_${randomBytes(12).toString('hex')}`;
  const clientSecret = fixed?.clientSecret ?? randomBytes(32).toString('base64url');
  await inTransaction(ctx, async (tx, audit) => {
    const row = {
      id: clientId,
      entityId: input.entityId,
      catalogueCode: input.catalogueCode ?? null,
      name: input.name,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris,
      backchannelLogoutUri: input.backchannelLogoutUri ?? null,
      initiateLoginUri: input.initiateLoginUri,
    };
    await tx.insert(ssoClient).values({ ...row, secretSealed: ctx.platform.sealer.seal(clientSecret), createdAt: ctx.platform.clock.now() });
    audit.record({ action: 'sso.client_register', subjectType: SSO_SUBJECT, subjectId: clientId, regionCode: holder.regionCode, after: row });
  });
  return { clientId, clientSecret };
}

/** The registered sub-platforms, without their secrets. */
export async function listSsoClients(db: Db) {
  const rows = await db.select().from(ssoClient).where(isNull(ssoClient.revokedAt)).orderBy(asc(ssoClient.createdAt));
  const entities = await entitySummaries(
    db,
    rows.map((r) => r.entityId),
  );
  return rows.map(({ secretSealed: _sealed, ...r }) => ({ ...r, entityName: entities.get(r.entityId)?.name ?? '' }));
}

export async function findSsoClient(db: Db, id: string) {
  const [row] = await db.select().from(ssoClient).where(eq(ssoClient.id, id));
  return row;
}
