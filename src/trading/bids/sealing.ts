/**
 * Bid sealing with WebCrypto, the same code in the supplier's browser, the tests and the
 * benchmarks (it uses only globalThis.crypto.subtle, so it runs in browsers and Node 20).
 *
 *  - The supplier's key pair: RSA-OAEP 3072 with SHA-256, made in the browser. The private
 *    key leaves only as a key file encrypted under the supplier's passphrase
 *    (PBKDF2-SHA256, 600,000 iterations → AES-256-GCM).
 *  - Each bid: a fresh AES-256-GCM content key encrypts every part (its own nonce each);
 *    the content key is wrapped with the public key in the supplier's own key file, never
 *    with a key the server hands out (whoever could add one would receive the bids).
 *  - At the opening the browser unwraps the content key with the key file and hands only
 *    that key to the platform, which checks and decrypts what it stored.
 */
const subtle = globalThis.crypto.subtle;
const RSA = { name: 'RSA-OAEP', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
export const KEY_FILE_ITERATIONS = 600_000;

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return [...new Uint8Array(await subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface BidKeyFile {
  format: 'yiwang-bid-key/1';
  algorithm: 'RSA-OAEP-SHA256';
  publicKey: string;
  fingerprint: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  iv: string;
  encryptedPrivateKey: string;
}

/**
 * The fingerprint of the public key in a key file: SHA-256 over its SubjectPublicKeyInfo,
 * computed here rather than read from the file, the same way the platform computes it.
 */
export async function keyFileFingerprint(file: Pick<BidKeyFile, 'publicKey'>): Promise<string> {
  return sha256Hex(fromBase64(file.publicKey));
}

/** "3F2A 9C1B …": a fingerprint as people compare it, in groups of four. */
export function formatFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

export async function generateBidKeyPair(): Promise<CryptoKeyPair> {
  return subtle.generateKey(RSA, true, ['wrapKey', 'unwrapKey']) as Promise<CryptoKeyPair>;
}

export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toBase64(await subtle.exportKey('spki', key));
}

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The key file the supplier keeps; without it and its passphrase the bid cannot be opened. */
export async function protectKeyPair(pair: CryptoKeyPair, passphrase: string, iterations = KEY_FILE_ITERATIONS): Promise<BidKeyFile> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  const encrypted = await subtle.encrypt({ name: 'AES-GCM', iv }, await passphraseKey(passphrase, salt, iterations), pkcs8);
  const publicKey = await exportPublicKey(pair.publicKey);
  return {
    format: 'yiwang-bid-key/1',
    algorithm: 'RSA-OAEP-SHA256',
    publicKey,
    fingerprint: await keyFileFingerprint({ publicKey }),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    iv: toBase64(iv),
    encryptedPrivateKey: toBase64(encrypted),
  };
}

/** Throws if the passphrase is wrong (the AES-GCM tag does not verify). */
export async function unlockKeyFile(file: BidKeyFile, passphrase: string): Promise<CryptoKey> {
  const key = await passphraseKey(passphrase, fromBase64(file.kdf.salt), file.kdf.iterations);
  const pkcs8 = await subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.iv) }, key, fromBase64(file.encryptedPrivateKey));
  return subtle.importKey('pkcs8', pkcs8, RSA, false, ['unwrapKey']);
}

export interface PlainPart {
  name: string;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface SealedPart {
  name: string;
  fileName: string;
  size: number;
  sha256: string;
  iv: string;
  ciphertext: Uint8Array<ArrayBuffer>;
}

export async function sealBid(publicKeyB64: string, parts: PlainPart[]): Promise<{ wrappedKey: string; parts: SealedPart[] }> {
  const publicKey = await subtle.importKey('spki', fromBase64(publicKeyB64), RSA, false, ['wrapKey']);
  const contentKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const sealed: SealedPart[] = [];
  for (const part of parts) {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, contentKey, part.bytes));
    sealed.push({ name: part.name, fileName: part.fileName, size: ciphertext.length, sha256: await sha256Hex(ciphertext), iv: toBase64(iv), ciphertext });
  }
  const wrappedKey = toBase64(await subtle.wrapKey('raw', contentKey, publicKey, { name: 'RSA-OAEP' }));
  return { wrappedKey, parts: sealed };
}

/** At the opening: the raw content key, base64, to hand to the platform. */
export async function unwrapContentKey(privateKey: CryptoKey, wrappedKeyB64: string): Promise<string> {
  const key = await subtle.unwrapKey('raw', fromBase64(wrappedKeyB64), privateKey, { name: 'RSA-OAEP' }, { name: 'AES-GCM', length: 256 }, true, ['decrypt']);
  return toBase64(await subtle.exportKey('raw', key));
}

/** Lets the bidder see what it sealed before handing the key over. */
export async function openPart(contentKeyB64: string, ivB64: string, ciphertext: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', fromBase64(contentKeyB64), 'AES-GCM', false, ['decrypt']);
  return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(ivB64) }, key, ciphertext));
}

/** A hash of the browser's characteristics, recorded with each bid for collusion checks (RULES.md §4.3, CL-01). */
export async function deviceFingerprint(traits: Record<string, string | number | undefined>): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(Object.entries(traits).sort())));
}
