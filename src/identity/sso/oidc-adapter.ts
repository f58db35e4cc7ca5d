import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/database';
import type { Sealer } from '../../platform/crypto/sealer';
import { ssoClient, oidcModel } from './sso.schema';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/**
 * oidc-provider's persistence on the platform's database (PGlite or a PostgreSQL server), so its
 * sessions, codes and grants survive a restart and are shared by several API processes. Expiry
 * follows the provider's own (real) time. Clients are not stored here: they are the sub-platform
 * registrations (sso_client), read with their sealed secret.
 *
 * `platformSessionOf` says which platform session (the hash of its cookie) is behind the request
 * that saves an OIDC session, if any: the row keeps it, so signing out of the platform finds it.
 */
export function oidcAdapter(db: Db, sealer: Sealer, platformSessionOf: () => string | null) {
  const notExpired = or(isNull(oidcModel.expiresAt), gt(oidcModel.expiresAt, sql`now()`));
  return class PlatformOidcAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const platformSession = this.kind === 'Session' ? platformSessionOf() : null;
      const row = { kind: this.kind, id, payload, grantId: payload.grantId ?? null, uid: payload.uid ?? null, userCode: payload.userCode ?? null, platformSession, expiresAt };
      await db
        .insert(oidcModel)
        .values(row)
        .onConflictDoUpdate({
          target: [oidcModel.kind, oidcModel.id],
          // A session saved by a request without the platform's cookie keeps the platform session it had.
          set: { payload, grantId: row.grantId, uid: row.uid, userCode: row.userCode, expiresAt, platformSession: sql`coalesce(excluded.platform_session, ${oidcModel.platformSession})` },
        });
      // Expired artefacts go when sessions are written: often enough, never on the hot path of a token.
      if (this.kind === 'Session') await db.delete(oidcModel).where(lt(oidcModel.expiresAt, sql`now() - interval '1 day'`));
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.kind === 'Client') return findClient(db, sealer, id);
      const [row] = await db.select().from(oidcModel).where(and(eq(oidcModel.kind, this.kind), eq(oidcModel.id, id), notExpired));
      if (!row) return undefined;
      return { ...row.payload, ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}) };
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const [row] = await db.select().from(oidcModel).where(and(eq(oidcModel.kind, this.kind), eq(oidcModel.uid, uid), notExpired));
      return row ? this.find(row.id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const [row] = await db.select().from(oidcModel).where(and(eq(oidcModel.kind, this.kind), eq(oidcModel.userCode, userCode), notExpired));
      return row ? this.find(row.id) : undefined;
    }

    async consume(id: string): Promise<void> {
      await db.update(oidcModel).set({ consumedAt: new Date() }).where(and(eq(oidcModel.kind, this.kind), eq(oidcModel.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await db.delete(oidcModel).where(and(eq(oidcModel.kind, this.kind), eq(oidcModel.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.delete(oidcModel).where(eq(oidcModel.grantId, grantId));
    }
  };
}

/** A registered, unrevoked sub-platform as oidc-provider's client metadata. */
async function findClient(db: Db, sealer: Sealer, id: string): Promise<Payload | undefined> {
  const [row] = await db.select().from(ssoClient).where(and(eq(ssoClient.id, id), isNull(ssoClient.revokedAt)));
  if (!row) return undefined;
  return {
    client_id: row.id,
    client_secret: sealer.unseal(row.secretSealed),
    client_name: row.name,
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    ...(row.backchannelLogoutUri ? { backchannel_logout_uri: row.backchannelLogoutUri, backchannel_logout_session_required: false } : {}),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid profile entity',
  };
}
