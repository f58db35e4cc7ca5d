import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, createHash, type KeyObject } from 'node:crypto';
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

/** The short id published with every signature: the start of the SHA-256 of the public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** What anyone holding the published public key can check, without the platform. */
export function verifySignature(publicKeyPem: string, payload: unknown, signature: string): boolean {
  return verify(null, Buffer.from(canonicalJson(payload)), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
}

export function signerFromPrivateKey(privatePem: string): ReceiptSigner {
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem,
    sign: (payload) => sign(null, Buffer.from(canonicalJson(payload)), privateKey).toString('base64'),
    verify: (payload, signature) => verify(null, Buffer.from(canonicalJson(payload)), publicKey, Buffer.from(signature, 'base64')),
  };
}

const findKeyRow = async (db: Db) => (await db.select().from(setting).where(and(eq(setting.key, KEY_SETTING), eq(setting.regionCode, '000000'))))[0];

/** The key if it exists, without creating one (for tools that only read). */
export async function findReceiptSigner(db: Db, sealer: Sealer): Promise<ReceiptSigner | null> {
  const row = await findKeyRow(db);
  return row ? signerFromPrivateKey(sealer.unseal((row.value as { sealedPrivateKey: string }).sealedPrivateKey)) : null;
}

/** Loads the key, creating it on the first start (several processes may race; one wins). */
export async function loadReceiptSigner(db: Db, sealer: Sealer, now: Date): Promise<ReceiptSigner> {
  const existing = await findReceiptSigner(db, sealer);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  const sealed = sealer.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await db.insert(setting).values({ key: KEY_SETTING, regionCode: '000000', value: { sealedPrivateKey: sealed }, updatedAt: now }).onConflictDoNothing();
  return (await findReceiptSigner(db, sealer))!;
}
