import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Content-addressed, immutable files (bid ciphertexts, documents, PDFs) under
 * <dataDir>/blobs/ab/cd/<sha256>, and the parts of resumable uploads on their way there. A blob
 * is written to a temporary file, synced to disk, renamed into place and its directory synced,
 * before anyone is told it exists (ARCHITECTURE.md, Durability). The store is the one place
 * that touches these files: S3-compatible storage can replace it behind the same API.
 */
export interface BlobStore {
  put(data: Buffer): Promise<{ sha256: string; size: number }>;
  read(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  uploads: UploadArea;
}

/**
 * Where resumable uploads keep their parts, chunk by chunk, until they are finalised. One
 * operation on a part at a time: a newer chunk (a client retrying after a dropped connection)
 * stops the one still arriving and waits until it has put the part back, so a stalled request
 * never holds up the retry, and never cuts what the retry wrote.
 */
export interface UploadArea {
  /** How many bytes of the part are there (0 before its first chunk). */
  received(uploadId: string, part: number): Promise<number>;
  /**
   * Writes the chunk read from `body` at `offset` (chunks continue the part: `offset` is at most
   * its size; a resent chunk replaces what followed it) and resolves with the part's size once
   * the chunk is synced to disk. A gap before `offset`, a body of more than `maxBytes` or a body
   * that fails rejects, and the part is cut back to its size before the chunk.
   */
  writeChunk(uploadId: string, part: number, offset: number, body: Readable, maxBytes: number): Promise<number>;
  /** Moves a complete part into the store as the blob `sha256`; false (and nothing moved) if it does not hash to that. */
  adopt(uploadId: string, part: number, sha256: string): Promise<boolean>;
  /** Removes what is left of an upload. */
  remove(uploadId: string): Promise<void>;
}

const REFUSALS = {
  gap: 'the chunk starts past the end of the part',
  overrun: 'the chunk is longer than allowed',
  superseded: 'a newer chunk for the part took over',
};

/** Why a chunk was not taken; `received` is the part's size, as it was before the chunk. */
export class ChunkRefused extends Error {
  constructor(
    readonly reason: keyof typeof REFUSALS,
    readonly received: number,
  ) {
    super(REFUSALS[reason]);
  }
}

/**
 * Each step that makes data durable, once it is done. An observer sees them in order (tests
 * check that nothing is acknowledged before it is on disk) and may throw to fail that step.
 */
export type BlobEvent =
  | { step: 'chunk.written' | 'chunk.synced'; uploadId: string; part: number; offset: number; size: number }
  | { step: 'part.directory.synced'; uploadId: string; part: number }
  | { step: 'blob.synced' | 'blob.renamed' | 'blob.directory.synced'; sha256: string };

export interface BlobStoreOptions {
  observe?: (event: BlobEvent) => void | Promise<void>;
}

async function fsyncDir(dir: string) {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** mkdir -p whose new entries survive a crash: each directory made is synced into its parent. */
async function makeDirDurably(dir: string) {
  const first = await fs.mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let made = dir; ; made = path.dirname(made)) {
    await fsyncDir(path.dirname(made));
    if (made === first) return;
  }
}

/** Copies `from` to a new file `to`, piece by piece, and returns the SHA-256 of what it copied. */
async function copyHashing(from: string, to: string): Promise<string> {
  const hash = createHash('sha256');
  const source = await fs.open(from, 'r');
  const target = await fs.open(to, 'wx');
  try {
    for await (const piece of source.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
      hash.update(piece);
      await target.write(piece);
    }
  } finally {
    await source.close();
    await target.close();
  }
  return hash.digest('hex');
}

const sizeOf = (file: string) => fs.stat(file).then((s) => s.size, () => null);

export function createBlobStore(root: string, options: BlobStoreOptions = {}): BlobStore {
  const observe = async (event: BlobEvent) => options.observe?.(event);
  // A durable step and its report are one statement: leave out the step and its report goes too.
  const done = async (step: Promise<unknown>, event: BlobEvent) => {
    await step;
    await observe(event);
  };
  const blobPath = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const has = (sha256: string) =>
    fs.access(blobPath(sha256)).then(
      () => true,
      () => false,
    );
  const uploadDir = (uploadId: string) => path.join(root, 'uploads', uploadId);
  const tmpFile = async () => {
    const tmpDir = path.join(root, 'blobs', 'tmp');
    await makeDirDurably(tmpDir);
    return path.join(tmpDir, randomUUID());
  };
  const partPath = (uploadId: string, part: number) => path.join(uploadDir(uploadId), `${part}.part`);

  async function syncFile(file: string, sha256: string) {
    const handle = await fs.open(file, 'r+');
    try {
      await done(handle.sync(), { step: 'blob.synced', sha256 });
    } finally {
      await handle.close();
    }
  }
  async function place(file: string, sha256: string) {
    const target = blobPath(sha256);
    await makeDirDurably(path.dirname(target));
    await done(fs.rename(file, target), { step: 'blob.renamed', sha256 });
    await done(fsyncDir(path.dirname(target)), { step: 'blob.directory.synced', sha256 });
  }

  // The operation running (or waiting) on each part, by file: see UploadArea.
  const running = new Map<string, { stop(): void; settled: Promise<unknown> }>();
  function oneAtATime<T>(file: string, stop: () => void, work: () => Promise<T>): Promise<T> {
    const previous = running.get(file);
    previous?.stop();
    const result = (previous?.settled ?? Promise.resolve()).then(work);
    const entry = { stop, settled: result.catch(() => undefined) };
    running.set(file, entry);
    void entry.settled.then(() => {
      if (running.get(file) === entry) running.delete(file);
    });
    return result;
  }

  const uploads: UploadArea = {
    received: async (uploadId, part) => (await sizeOf(partPath(uploadId, part))) ?? 0,

    writeChunk(uploadId, part, offset, body, maxBytes) {
      const file = partPath(uploadId, part);
      let superseded = false;
      const stop = () => {
        superseded = true;
        body.destroy();
      };
      return oneAtATime(file, stop, async () => {
        const existing = await sizeOf(file);
        const before = existing ?? 0;
        if (offset > before) throw new ChunkRefused('gap', before);
        if (existing === null) await makeDirDurably(path.dirname(file));
        const handle = await fs.open(file, constants.O_RDWR | constants.O_CREAT);
        try {
          let end = offset;
          // Piece by piece as the body arrives; the iterator leaves the body alone when we stop
          // early, so the refusal can still be answered.
          for await (const piece of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
            if (end + piece.length - offset > maxBytes) throw new ChunkRefused('overrun', before);
            await handle.write(piece, 0, piece.length, end);
            end += piece.length;
          }
          if (end < before) await handle.truncate(end);
          await observe({ step: 'chunk.written', uploadId, part, offset, size: end });
          await done(handle.sync(), { step: 'chunk.synced', uploadId, part, offset, size: end });
          // The part's first bytes: its name must survive a crash too (a refused first chunk may have left an empty file).
          if (before === 0) await done(fsyncDir(path.dirname(file)), { step: 'part.directory.synced', uploadId, part });
          return end;
        } catch (error) {
          // A resent chunk repeats the bytes it overwrote (if not, the part no longer matches its
          // SHA-256, and finalising says so); only the length needs putting back.
          await handle.truncate(before);
          await handle.sync();
          throw superseded ? new ChunkRefused('superseded', before) : error;
        } finally {
          await handle.close();
        }
      });
    },

    adopt(uploadId, part, sha256) {
      const file = partPath(uploadId, part);
      // Hashing is bounded (at most a part's size); a chunk arriving meanwhile waits for it.
      return oneAtATime(
        file,
        () => {},
        async () => {
          // A copy made while hashing, not the part itself: a chunk request still open in another
          // process (a stalled first attempt whose retry went to another worker) may hold the part
          // open and could still write or cut it, and must not reach a stored bid. Nothing holds the copy.
          const tmp = await tmpFile();
          if ((await copyHashing(file, tmp)) !== sha256) {
            await fs.rm(tmp, { force: true });
            return false;
          }
          await syncFile(tmp, sha256);
          if (await has(sha256)) await fs.rm(tmp, { force: true });
          else await place(tmp, sha256);
          return true;
        },
      );
    },

    remove: (uploadId) => fs.rm(uploadDir(uploadId), { recursive: true, force: true }),
  };

  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      if (await has(sha256)) return { sha256, size: data.length };
      const tmp = await tmpFile();
      await fs.writeFile(tmp, data);
      await syncFile(tmp, sha256);
      await place(tmp, sha256);
      return { sha256, size: data.length };
    },
    read: (sha256) => fs.readFile(blobPath(sha256)),
    has,
    uploads,
  };
}
