import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { canonicalJson } from '../audit/audit-chain';
import type { Db } from '../database/database';
import { setting } from '../settings/settings.schema';
import type { Sealer } from './sealer';

/**
 * The platform's Ed25519 key for signed receipts (bids, later payments). Ed25519 signatures
 * are deterministic, so a retried request gets a byte-identical receipt. The private key is
 * kept sealed in the settings table; the public key is published for anyone to verify.
 */
export interface ReceiptSigner {
  keyId: string;
  publicKeyPem: string;
  sign(payload: unknown): string;
  verify(payload: unknown, signature: string): boolean;
}

const KEY_SETTING = 'platform.receiptSigningKey';

export function signerFromPrivateKey(privatePem: string): ReceiptSigner {
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16),
    publicKeyPem,
    sign: (payload) => sign(null, Buffer.from(canonicalJson(payload)), privateKey).toString('base64'),
    verify: (payload, signature) => verify(null, Buffer.from(canonicalJson(payload)), publicKey, Buffer.from(signature, 'base64')),
  };
}

/** Loads the key, creating it on the first start (several processes may race; one wins). */
export async function loadReceiptSigner(db: Db, sealer: Sealer, now: Date): Promise<ReceiptSigner> {
  const find = async () => (await db.select().from(setting).where(and(eq(setting.key, KEY_SETTING), eq(setting.regionCode, '000000'))))[0];
  let row = await find();
  if (!row) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const sealed = sealer.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await db.insert(setting).values({ key: KEY_SETTING, regionCode: '000000', value: { sealedPrivateKey: sealed }, updatedAt: now }).onConflictDoNothing();
    row = await find();
  }
  return signerFromPrivateKey(sealer.unseal((row!.value as { sealedPrivateKey: string }).sealedPrivateKey));
}
