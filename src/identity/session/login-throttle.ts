import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../../platform/audit/audit-trail';
import type { Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { loginThrottle } from '../identity.schema';
import * as messages from '../identity.messages';
import { accountLimit, admitAttempt, attemptFailed, attemptWithdrawn, countExpiresAt, sourceLimit, sourceOf, type FailureCount } from '../lockout';
import type { SecurityProfile } from '../security-profile';
import { LOGIN_ACTIONS, LOGIN_SUBJECT, SOURCE_BLOCKED, SOURCE_SUBJECT } from './login-events';

type Scope = 'account' | 'source';

/** One sign-in attempt (a password or a one-time code), counted against its account name and its source. */
export interface Attempt {
  username: string;
  source: string;
  /** When it was admitted (epoch milliseconds): its place in both counts until it ends. */
  at: number;
  profile: SecurityProfile;
}

type Counts = Record<Scope, FailureCount>;

const limitOf = (scope: Scope, profile: SecurityProfile) => (scope === 'account' ? accountLimit(profile) : sourceLimit(profile));
const rowOf = (scope: Scope, subject: string) => and(eq(loginThrottle.scope, scope), eq(loginThrottle.subject, subject));

/**
 * Reads the attempt's two counts locked until the transaction ends, account first, so that two
 * attempts never wait for each other in a circle, and stores what `change` makes of them. Each
 * row is locked by an upsert: it exists and is ours even if a concurrent clean-up deleted it
 * (forgetExpired) between another attempt's read and ours.
 */
async function changeCounts<T>(tx: Db, attempt: Attempt, now: Date, change: (counts: Counts) => { counts: Counts; result: T }): Promise<T> {
  const keys = [
    { scope: 'account' as const, subject: attempt.username },
    { scope: 'source' as const, subject: attempt.source },
  ];
  const rows: (typeof loginThrottle.$inferSelect)[] = [];
  for (const key of keys) {
    const [row] = await tx
      .insert(loginThrottle)
      .values({ ...key, failures: [], lockedUntil: null, expiresAt: now })
      .onConflictDoUpdate({ target: [loginThrottle.scope, loginThrottle.subject], set: { scope: sql`excluded.scope` } })
      .returning();
    rows.push(row!);
  }
  const countOf = (scope: Scope): FailureCount => {
    const row = rows.find((r) => r.scope === scope)!;
    return { failures: row.failures, lockedUntil: row.lockedUntil?.getTime() ?? null };
  };
  const { counts, result } = change({ account: countOf('account'), source: countOf('source') });
  for (const { scope, subject } of keys) {
    const count = counts[scope];
    await tx
      .update(loginThrottle)
      .set({
        failures: count.failures,
        lockedUntil: count.lockedUntil === null ? null : new Date(count.lockedUntil),
        expiresAt: new Date(countExpiresAt(count, limitOf(scope, attempt.profile))),
      })
      .where(rowOf(scope, subject));
  }
  return result;
}

class Refusal {
  constructor(
    readonly scope: Scope,
    readonly retryAfterSeconds: number,
  ) {}
}

/**
 * Counts an attempt before its password or code is checked, or refuses it (429) when its
 * source is blocked or its account name locked. A refused attempt checks nothing and counts
 * nowhere: attempts from a blocked source never reach the accounts they name.
 */
export async function admitSignInAttempt(ctx: Context, username: string, profile: SecurityProfile): Promise<Attempt> {
  const now = ctx.platform.clock.now();
  const attempt: Attempt = { username, source: sourceOf(ctx.ip), at: now.getTime(), profile };
  try {
    // Bookkeeping, not a change of its own: the attempt's outcome is audited when it ends.
    await forgetExpired(ctx.platform.database.db, now);
    await ctx.platform.database.db.transaction(async (tx) => {
      await changeCounts(tx, attempt, now, ({ account, source }) => {
        const bySource = admitAttempt(source, attempt.at, sourceLimit(profile));
        if (!bySource.admitted) throw new Refusal('source', Math.ceil(bySource.retryAfterMs / 1000));
        const byAccount = admitAttempt(account, attempt.at, accountLimit(profile));
        if (!byAccount.admitted) throw new Refusal('account', Math.ceil(byAccount.retryAfterMs / 1000));
        return { counts: { account: byAccount.count, source: bySource.count }, result: undefined };
      });
    });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    await recordAuditEvent(ctx, {
      action: error.scope === 'account' ? LOGIN_ACTIONS.refusedWhileLocked : LOGIN_ACTIONS.throttled,
      subjectType: LOGIN_SUBJECT,
      subjectId: username,
      result: 'denied',
      detail: { retryAfterSeconds: error.retryAfterSeconds },
    });
    throw messages.tooManyAttempts(error.scope, error.retryAfterSeconds);
  }
  return attempt;
}

/**
 * The attempt failed; it is audited as `action`. A lock of the account it causes is audited
 * and told to the account's holder (when the name is an account's); a block of its source is audited.
 */
export async function recordFailedAttempt(ctx: Context, attempt: Attempt, action: string, holder: { personId: string; entityId: string } | null): Promise<void> {
  const now = ctx.platform.clock.now();
  await inTransaction(ctx, async (tx, audit) => {
    const locked = await changeCounts(tx, attempt, now, (counts) => {
      const account = attemptFailed(counts.account, now.getTime(), accountLimit(attempt.profile));
      const source = attemptFailed(counts.source, now.getTime(), sourceLimit(attempt.profile));
      return {
        counts: { account: account.count, source: source.count },
        result: { account: account.lockedNow ? new Date(account.count.lockedUntil!) : null, source: source.lockedNow ? new Date(source.count.lockedUntil!) : null },
      };
    });
    audit.record({ action, subjectType: LOGIN_SUBJECT, subjectId: attempt.username, result: 'failure' });
    if (locked.account) {
      const { lockoutThreshold, lockoutWindowMinutes } = attempt.profile;
      audit.record({ action: LOGIN_ACTIONS.locked, subjectType: LOGIN_SUBJECT, subjectId: attempt.username, detail: { lockedUntil: locked.account.toISOString(), failures: lockoutThreshold } });
      if (holder)
        await notify(tx, now, [
          {
            to: holder,
            ...messages.accountLockedNotice(attempt.username, locked.account, lockoutThreshold, lockoutWindowMinutes),
            link: '/workspace/password',
            subject: { type: 'person', id: holder.personId },
          },
        ]);
    }
    if (locked.source) audit.record({ action: SOURCE_BLOCKED, subjectType: SOURCE_SUBJECT, subjectId: attempt.source, detail: { blockedUntil: locked.source.toISOString() } });
  });
}

/**
 * The attempt's password or code was right, in the caller's transaction. A completed sign-in
 * clears the account's failures; a password that still awaits its second factor (or belongs
 * to an inactive account) only withdraws its own attempt, so signing in again does not buy
 * more guesses at the code.
 */
export async function recordPassedAttempt(tx: Db, attempt: Attempt, now: Date, completesSignIn: boolean): Promise<void> {
  await changeCounts(tx, attempt, now, ({ account, source }) => ({
    counts: { account: completesSignIn ? { failures: [], lockedUntil: null } : attemptWithdrawn(account, attempt.at), source: attemptWithdrawn(source, attempt.at) },
    result: undefined,
  }));
}

/** The security administrator lifts a lock: the account name's failures are forgotten. */
export async function clearAccountFailures(tx: Db, username: string): Promise<void> {
  await tx.delete(loginThrottle).where(rowOf('account', username));
}

/** Which of these (normalised) names are locked now, and until when. */
export async function lockedAccounts(db: Db, usernames: string[], now: Date): Promise<Map<string, Date>> {
  if (usernames.length === 0) return new Map();
  const rows = await db
    .select({ subject: loginThrottle.subject, lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.scope, 'account'), inArray(loginThrottle.subject, usernames), gt(loginThrottle.lockedUntil, now)));
  return new Map(rows.map((r) => [r.subject, r.lockedUntil!]));
}

// A few rows at a time, skipping rows that attempts under way hold: the table stays small without a job.
// A statement of its own: holding the deleted rows' locks into the counting transaction let two
// attempts wait for each other (one held the source row it deleted, the other the account row).
async function forgetExpired(db: Db, now: Date): Promise<void> {
  await db.execute(
    sql`DELETE FROM ${loginThrottle} WHERE (scope, subject) IN (SELECT scope, subject FROM ${loginThrottle} WHERE ${loginThrottle.expiresAt} < ${now.toISOString()}::timestamptz LIMIT 20 FOR UPDATE SKIP LOCKED)`,
  );
}
