import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed, immutable files (bid ciphertexts, documents, PDFs) under
 * <dataDir>/blobs/ab/cd/<sha256>. A blob is written to a temporary file, synced to disk,
 * renamed into place and its directory synced, before anyone is told it exists
 * (ARCHITECTURE.md, Durability). S3-compatible storage can replace this behind the same API.
 */
export interface BlobStore {
  put(data: Buffer): Promise<{ sha256: string; size: number }>;
  /** Moves a finished file (e.g. an assembled upload) into the store; it must hash to `sha256`. */
  adopt(file: string, sha256: string): Promise<void>;
  read(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Where resumable uploads keep their chunks until they are finalised. */
  uploadDir(uploadId: string): string;
}

async function fsyncDir(dir: string) {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await fs.open(file, 'r');
  try {
    for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export function createBlobStore(root: string): BlobStore {
  const blobPath = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  async function place(tmp: string, sha256: string) {
    const target = blobPath(sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(tmp, target);
    await fsyncDir(path.dirname(target));
  }
  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      if (await this.has(sha256)) return { sha256, size: data.length };
      const tmpDir = path.join(root, 'blobs', 'tmp');
      await fs.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      const handle = await fs.open(tmp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await place(tmp, sha256);
      return { sha256, size: data.length };
    },
    async adopt(file, sha256) {
      if ((await fileSha256(file)) !== sha256) throw new Error('the file does not match its hash');
      const handle = await fs.open(file, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (await this.has(sha256)) return;
      await place(file, sha256);
    },
    read: (sha256) => fs.readFile(blobPath(sha256)),
    has: (sha256) =>
      fs.access(blobPath(sha256)).then(
        () => true,
        () => false,
      ),
    uploadDir: (uploadId) => path.join(root, 'uploads', uploadId),
  };
}
