import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommendation).
 * Only the encoded hash is ever stored; passwords are never logged or audited.
 */
export const hashPassword = (password: string) => hash(password);

// Checked when the user name is unknown, so a wrong name takes as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(encoded: string | null, password: string): Promise<boolean> {
  if (encoded === null) {
    dummyHash ??= hash('no such account: constant-time comparison');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(encoded, password).catch(() => false);
}
