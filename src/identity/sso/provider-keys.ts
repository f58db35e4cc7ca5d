import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Sealer } from '../../platform/crypto/sealer';
import type { Db } from '../../platform/database/database';
import { oidcModel } from './sso.schema';

export interface ProviderKeys {
  /** The ID tokens' and logout tokens' signing key (a private JWK, RS256). */
  signing: Record<string, unknown>;
  /** Signs the provider's own cookies. */
  cookieKey: string;
}

const KIND = 'ProviderKeys';
const ID = 'current';

/**
 * The provider's keys, made once per installation and kept sealed under the master key (never in
 * plain text), so tokens stay valid across restarts and every API process signs with the same key.
 * Two processes starting at once both try to insert; the first wins and both read its keys.
 */
export async function loadProviderKeys(db: Db, sealer: Sealer): Promise<ProviderKeys> {
  const read = async () => {
    const [row] = await db.select().from(oidcModel).where(and(eq(oidcModel.kind, KIND), eq(oidcModel.id, ID)));
    return row ? (JSON.parse(sealer.unseal(String(row.payload.sealed))) as ProviderKeys) : null;
  };
  const existing = await read();
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys: ProviderKeys = {
    signing: { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' },
    cookieKey: randomBytes(32).toString('base64url'),
  };
  await db
    .insert(oidcModel)
    .values({ kind: KIND, id: ID, payload: { sealed: sealer.seal(JSON.stringify(keys)) } })
    .onConflictDoNothing();
  return (await read())!;
}
