import { createHash, createPublicKey, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from '../../platform/context';
import { DomainError, bilingual } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { bidKey } from '../trading.schema';

/**
 * A supplier's bid key pair is made in its browser; the private key stays with the supplier in
 * a passphrase-protected key file, and only the public key is registered here. Content keys
 * are wrapped with RSA-OAEP (SHA-256), so only the key file can unwrap them at the opening.
 */
export const BID_KEY_ALGORITHM = 'RSA-OAEP-SHA256';

export const bidKeyInput = z.object({
  algorithm: z.literal(BID_KEY_ALGORITHM),
  publicKey: z.string().min(100).max(2000).describe('SubjectPublicKeyInfo, base64 (DER)'),
});

export const bidKeyView = (k: typeof bidKey.$inferSelect) => ({ id: k.id, algorithm: k.algorithm, fingerprint: k.fingerprint, createdAt: k.createdAt.toISOString() });

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
    const [row] = await tx
      .insert(bidKey)
      .values({ id: randomUUID(), supplierEntityId: actor.entityId, personId: actor.personId, algorithm: input.algorithm, publicKey: input.publicKey, fingerprint: createHash('sha256').update(der).digest('hex'), createdAt: ctx.platform.clock.now() })
      .returning();
    audit.record({ action: 'bid.key_register', subjectType: 'bidKey', subjectId: row!.id, after: bidKeyView(row!) });
    return bidKeyView(row!);
  });
}

export async function listBidKeys(ctx: Context) {
  const rows = await ctx.platform.database.db.select().from(bidKey).where(eq(bidKey.supplierEntityId, ctx.actor!.entityId)).orderBy(desc(bidKey.createdAt));
  return rows.map((k) => ({ ...bidKeyView(k), publicKey: k.publicKey }));
}

export async function findOwnBidKey(ctx: Context, id: string) {
  const [row] = await ctx.platform.database.db.select().from(bidKey).where(and(eq(bidKey.id, id), eq(bidKey.supplierEntityId, ctx.actor!.entityId)));
  return row;
}
