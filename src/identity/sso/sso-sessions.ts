import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { session } from '../identity.schema';
import { systemContext, type Context, type Platform } from '../../platform/context';
import { inTransaction } from '../../platform/unit-of-work';
import { LOGIN_SUBJECT } from '../session/login-events';
import { actorForToken } from '../session/authenticate';
import { hashToken, updateSession } from '../session/session.store';
import { ssoProvider } from './provider';
import { oidcModel } from './sso.schema';

export const SSO_SUBJECT = 'ssoClient';

interface Authorization {
  sid?: string;
  grantId?: string;
}

/**
 * Ends the OIDC sessions a platform session signed in (the platform's 退出登录, or a sub-platform's
 * sign-out that ended the platform session): each sub-platform it reached is told by a
 * back-channel logout token, its grants (and so its tokens) are revoked, and the session is gone.
 * Waits for the sub-platforms' answers (each at most a few seconds), so that when the person sees
 * the sign-in page, they are signed out everywhere that answered.
 */
export async function endSsoSessions(ctx: Context, platformSessionHash: string): Promise<void> {
  const { db } = ctx.platform.database;
  const sessions = await db.select().from(oidcModel).where(and(eq(oidcModel.kind, 'Session'), eq(oidcModel.platformSession, platformSessionHash)));
  if (!sessions.length) return;
  const provider = await ssoProvider(ctx.platform);
  const notices: { clientId: string; personId: string; delivered: boolean | null }[] = [];
  for (const row of sessions) {
    const accountId = row.payload.accountId as string | undefined;
    const authorizations = (row.payload.authorizations ?? {}) as Record<string, Authorization>;
    for (const [clientId, authorization] of Object.entries(authorizations)) {
      const client = await provider.Client.find(clientId).catch(() => undefined);
      let delivered: boolean | null = null;
      if (client?.backchannelLogoutUri && accountId)
        delivered = await client.backchannelLogout(accountId, authorization.sid).then(
          () => true,
          () => false,
        );
      if (accountId) notices.push({ clientId, personId: accountId, delivered });
    }
    const grants = Object.values(authorizations)
      .map((a) => a.grantId)
      .filter((g): g is string => !!g);
    if (grants.length) await db.delete(oidcModel).where(inArray(oidcModel.grantId, grants));
  }
  await inTransaction(ctx, async (tx, audit) => {
    await tx.delete(oidcModel).where(and(eq(oidcModel.kind, 'Session'), eq(oidcModel.platformSession, platformSessionHash)));
    for (const n of notices)
      audit.record({ action: 'sso.sign_out', subjectType: SSO_SUBJECT, subjectId: n.clientId, detail: { personId: n.personId, by: 'platform', backchannelDelivered: n.delivered } });
  });
}

/**
 * A person signed out at a sub-platform, through the provider's sign-out page (RP-initiated
 * logout): the provider has ended its session and told the sub-platforms; the platform session
 * that page came with ends too, and any other OIDC session it had.
 */
export async function endPlatformSessionFromSubPlatform(platform: Platform, token: string): Promise<void> {
  const base = systemContext(platform);
  const actor = await actorForToken(base, token);
  if (!actor) return;
  const ctx: Context = { ...base, actor };
  const tokenHash = hashToken(token);
  await inTransaction(ctx, async (tx, audit) => {
    await updateSession(tx, tokenHash, { endedAt: platform.clock.now(), endReason: 'ssoLogout' });
    audit.record({ action: 'sso.sign_out', subjectType: SSO_SUBJECT, subjectId: null, detail: { personId: actor.personId, by: 'subPlatform' } });
    audit.record({ action: 'session.logout', subjectType: LOGIN_SUBJECT, subjectId: actor.username.toLowerCase(), detail: { personId: actor.personId, by: 'subPlatform' } });
  });
  await endSsoSessions(ctx, tokenHash);
}

/**
 * After the platform ended a person's sessions (password changed, roles changed, account disabled,
 * second factor reset): the OIDC sessions those signed in end too, and their sub-platforms are told.
 */
export async function endSsoSessionsOfEndedSessions(ctx: Context, personId: string): Promise<void> {
  const rows = await ctx.platform.database.db
    .selectDistinct({ platformSession: oidcModel.platformSession })
    .from(oidcModel)
    .innerJoin(session, eq(session.tokenHash, oidcModel.platformSession))
    .where(and(eq(oidcModel.kind, 'Session'), eq(session.personId, personId), isNotNull(session.endedAt)));
  for (const row of rows) await endSsoSessions(ctx, row.platformSession!);
}
