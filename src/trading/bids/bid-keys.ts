import { createHash, createPublicKey, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { person } from '../../identity/identity.schema';
import type { Context } from '../../platform/context';
import { DomainError, bilingual } from '../../platform/errors';
import { notify } from '../../platform/notifications/notifications';
import { inTransaction } from '../../platform/unit-of-work';
import { shanghaiDateTime } from '../notice/render';
import { bidKey } from '../trading.schema';
import { formatFingerprint } from './sealing';

/**
 * A supplier's bid key pair is made in its browser; the private key stays with the supplier in
 * a passphrase-protected key file, and only the public key is registered here. Content keys
 * are wrapped with RSA-OAEP (SHA-256), so only the key file can unwrap them at the opening.
 * A supplier has one current key: registering a new one revokes the earlier ones, and the
 * supplier's administrators are told, since whoever controls the current key receives its bids.
 */
export const BID_KEY_ALGORITHM = 'RSA-OAEP-SHA256';

export const bidKeyInput = z.object({
  algorithm: z.literal(BID_KEY_ALGORITHM),
  publicKey: z.string().min(100).max(2000).describe('SubjectPublicKeyInfo, base64 (DER)'),
});

export const bidKeyView = (k: typeof bidKey.$inferSelect) => ({ id: k.id, algorithm: k.algorithm, fingerprint: k.fingerprint, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null });

export async function registerBidKey(ctx: Context, input: z.infer<typeof bidKeyInput>) {
  const actor = ctx.actor!;
  const der = Buffer.from(input.publicKey, 'base64');
  let modulusBits = 0;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  } catch {
    throw new DomainError('BID_KEY_INVALID', bilingual('公钥格式错误', 'The public key is not a valid RSA SubjectPublicKeyInfo'), 422, { field: 'publicKey' });
  }
  if (modulusBits < 2048) throw new DomainError('BID_KEY_TOO_SHORT', bilingual('公钥长度不得少于2048位', 'The key must have at least 2048 bits'), 422, { field: 'publicKey' });
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const revoked = await tx
      .update(bidKey)
      .set({ revokedAt: now })
      .where(and(eq(bidKey.supplierEntityId, actor.entityId), isNull(bidKey.revokedAt)))
      .returning({ id: bidKey.id, fingerprint: bidKey.fingerprint });
    const [row] = await tx
      .insert(bidKey)
      .values({ id: randomUUID(), supplierEntityId: actor.entityId, personId: actor.personId, algorithm: input.algorithm, publicKey: input.publicKey, fingerprint: createHash('sha256').update(der).digest('hex'), createdAt: now })
      .returning();
    const fingerprint = formatFingerprint(row!.fingerprint);
    const when = shanghaiDateTime(now.toISOString());
    const admins = await tx
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.entityId, actor.entityId), eq(person.isEntityAdmin, true), eq(person.status, 'active')));
    await notify(
      tx,
      now,
      admins.map((a) => ({
        to: { personId: a.id, entityId: actor.entityId },
        title: bilingual('本单位登记了新的投标加密密钥', 'A new bid encryption key was registered for your organisation'),
        body: bilingual(
          `${actor.displayName}（${actor.username}）于${when}（北京时间）登记了新的投标加密密钥，指纹 ${fingerprint}。此后本单位的投标须用该密钥文件加密，原有密钥停止使用。如非本单位所为，请立即联系平台运营方。`,
          `${actor.displayName} (${actor.username}) registered a new bid encryption key on ${when} (Beijing time), fingerprint ${fingerprint}. From now on your bids are sealed with its key file; earlier keys are no longer used. If nobody in your organisation did this, contact the platform operator at once.`,
        ),
        subject: { type: 'bidKey', id: row!.id },
      })),
    );
    audit.record({ action: 'bid.key_register', subjectType: 'bidKey', subjectId: row!.id, after: bidKeyView(row!), detail: { revoked } });
    return bidKeyView(row!);
  });
}

/**
 * The supplier's keys, newest first. Without the public keys themselves: a browser seals with the
 * key in the supplier's own key file and only checks here that it is the current one.
 */
export async function listBidKeys(ctx: Context) {
  const rows = await ctx.platform.database.db.select().from(bidKey).where(eq(bidKey.supplierEntityId, ctx.actor!.entityId)).orderBy(desc(bidKey.createdAt));
  return rows.map(bidKeyView);
}

export async function findOwnBidKey(ctx: Context, id: string) {
  const [row] = await ctx.platform.database.db.select().from(bidKey).where(and(eq(bidKey.id, id), eq(bidKey.supplierEntityId, ctx.actor!.entityId)));
  return row;
}
