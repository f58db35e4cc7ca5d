// Runs on the opening's worker threads (WorkerPool): compiled as CommonJS there, so no import.meta.
import { createDecipheriv, createHash, type DecipherGCM } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { createBlobStore } from '../../platform/blobs/blob-store';
import type { WorkerTask } from '../../platform/workers/worker-pool';

export interface OpenPartTask {
  /**
   * The platform's blob store directory (DATA_DIR, as app.ts opens it). The part is read, and its
   * plaintext written, where it is opened: a megabyte read or written from the main thread waits
   * behind every request in the event loop at each step.
   */
  blobRoot: string;
  /** SHA-256 of the stored ciphertext as receipted. */
  sha256: string;
  key: Uint8Array;
  /** The part's AES-GCM nonce, base64. */
  iv: string;
  /** Hand the plaintext back (the price schedule). */
  returnPlaintext: boolean;
  /** Write the plaintext into the blob store. */
  storePlaintext: boolean;
  /** Read the document's own metadata (RULES.md §4.3). */
  readMetadata: boolean;
}

export type OpenedPart =
  | { outcome: 'storageMismatch' }
  | { outcome: 'wrongKey' }
  | { outcome: 'opened'; sha256: string; size: number; plaintext: Uint8Array | null; metadata: Record<string, string | null> | null };

// WebCrypto's AES-GCM output, as stored, is the ciphertext followed by the 16-byte tag.
const TAG_BYTES = 16;
// Hashing and decrypting the same slice one after the other keeps it in the cache.
const SLICE_BYTES = 256 * 1024;

/**
 * Checks the stored ciphertext against its receipt and decrypts it; the GCM tag proves the key
 * is the bid's and nothing changed. The plaintext's hash is what the decision records. Plaintext
 * that fails the tag never leaves this function.
 */
export const run: WorkerTask<OpenPartTask, OpenedPart> = async (task) => {
  const blobs = createBlobStore(task.blobRoot);
  const stored = await blobs.read(task.sha256).catch(() => null);
  if (!stored) return { result: { outcome: 'storageMismatch' }, transfer: [] };
  const cipherHash = createHash('sha256');
  const plainHash = createHash('sha256');
  const size = Math.max(0, stored.length - TAG_BYTES);
  const plaintext = task.returnPlaintext || task.storePlaintext || task.readMetadata ? new Uint8Array(size) : null;
  let decipher: DecipherGCM | null;
  try {
    decipher = createDecipheriv('aes-256-gcm', task.key, Buffer.from(task.iv, 'base64'));
    decipher.setAuthTag(stored.subarray(size));
  } catch {
    decipher = null;
  }
  for (let at = 0; at < size; at += SLICE_BYTES) {
    const slice = stored.subarray(at, Math.min(size, at + SLICE_BYTES));
    cipherHash.update(slice);
    if (!decipher) continue;
    const plain = decipher.update(slice);
    plainHash.update(plain);
    plaintext?.set(plain, at);
  }
  let decrypted = false;
  try {
    decipher?.final();
    decrypted = decipher !== null;
  } catch {
    // A wrong key (or a bid sealed with another) fails the tag.
  }
  // A mismatch with the receipt is the platform's fault whatever the key.
  if (cipherHash.update(stored.subarray(size)).digest('hex') !== task.sha256) return { result: { outcome: 'storageMismatch' }, transfer: [] };
  if (!decrypted) return { result: { outcome: 'wrongKey' }, transfer: [] };
  if (task.storePlaintext) await blobs.put(Buffer.from(plaintext!.buffer));
  const metadata = task.readMetadata ? await documentMetadata(plaintext!) : null;
  const returned = task.returnPlaintext ? plaintext : null;
  return { result: { outcome: 'opened', sha256: plainHash.digest('hex'), size, plaintext: returned, metadata }, transfer: returned ? [returned.buffer] : [] };
};

const NOT_A_PDF = { format: 'not a readable PDF' };

/** RULES.md §4.3: the documents' own metadata, compared across bidders by supervision. */
async function documentMetadata(bytes: Uint8Array): Promise<Record<string, string | null>> {
  // Readers look for the header in the first 1,024 bytes; pdf-lib would search the whole file.
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.length)).includes('%PDF-')) return NOT_A_PDF;
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return {
      author: pdf.getAuthor() ?? null,
      creator: pdf.getCreator() ?? null,
      producer: pdf.getProducer() ?? null,
      createdAt: pdf.getCreationDate()?.toISOString() ?? null,
      modifiedAt: pdf.getModificationDate()?.toISOString() ?? null,
    };
  } catch {
    return NOT_A_PDF;
  }
}
