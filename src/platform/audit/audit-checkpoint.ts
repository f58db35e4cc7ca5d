import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HOUR, MINUTE } from '../clock';
import { keyIdOf, verifySignature } from '../crypto/receipt-signer';
import { bilingual, type Bilingual } from '../errors';
import { canonicalJson } from './audit-chain';
import { leafHash, verifyInclusion, type InclusionProof } from './merkle';

/**
 * Signed checkpoints of the audit chain, as pure functions. A checkpoint says "entry #seq had this
 * hash at this time, and these receipts had been issued"; once a copy is kept outside the
 * platform, rewriting or cutting the chain up to #seq can no longer go unnoticed, even by someone
 * who recomputes every hash after the change.
 */
export const CHECKPOINT_STATEMENT = 'yiwang.audit-checkpoint.v1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The published form: the API answers with it, and the verifiers read saved copies with it. */
export const checkpointSchema = z
  .object({
    statement: z.literal(CHECKPOINT_STATEMENT),
    seq: z.int().min(0).describe('The audit entry the checkpoint vouches for (the head when it was made)'),
    headHash: hex64.describe('That entry’s hash'),
    receiptsRoot: hex64.describe('Merkle root (RFC 6962 hashing, padded with filler leaves) over the receipts issued since the previous checkpoint'),
    createdAt: z.string(),
    signingKeyId: z.string(),
    signature: z.string().describe('Ed25519, base64, over the canonical JSON (keys sorted) of the other fields except signingKeyId'),
  })
  .meta({ id: 'AuditCheckpoint' });

export type PublishedCheckpoint = z.infer<typeof checkpointSchema>;
/** What the platform signs (Ed25519 over its canonical JSON). */
export type CheckpointStatement = Omit<PublishedCheckpoint, 'signingKeyId' | 'signature'>;

export const signedPart = (c: CheckpointStatement): CheckpointStatement => ({
  statement: c.statement,
  seq: c.seq,
  headHash: c.headHash,
  receiptsRoot: c.receiptsRoot,
  createdAt: c.createdAt,
});

export function verifyCheckpointSignature(c: PublishedCheckpoint, publicKeyPem: string): boolean {
  return c.statement === CHECKPOINT_STATEMENT && c.signingKeyId === keyIdOf(publicKeyPem) && verifySignature(publicKeyPem, signedPart(c), c.signature);
}

/** What goes into the checkpoint for a receipt: its SHA-256 (the receipt names the bidder; its hash does not). */
export const receiptDigest = (receipt: unknown): string => createHash('sha256').update(canonicalJson(receipt)).digest('hex');

/** Checkpoints are made on every full hour, and at every opening. */
export function nextCheckpointAt(after: Date): Date {
  return new Date((Math.floor(after.getTime() / HOUR) + 1) * HOUR);
}

/**
 * The latest time a receipt will be in a checkpoint: the first hourly one at least a minute after
 * it was issued (its transaction commits well within that minute; one issued at 10:59:59.9 could
 * still be committing when the 11:00 checkpoint reads the chain).
 */
export const receiptCheckpointDueBy = (receivedAt: Date): Date => nextCheckpointAt(new Date(receivedAt.getTime() + MINUTE));

export type CheckpointComparison =
  | { agrees: true; checkpoints: number; upTo: number }
  /** Entry #seq no longer has the hash the checkpoint signed: something in from..to was rewritten. */
  | { agrees: false; kind: 'rewritten'; seq: number; checkpointAt: string; expectedHash: string; actualHash: string; from: number; to: number }
  /** Entry #seq is gone: the chain ends at #head (a missing tail), or the entry was deleted. */
  | { agrees: false; kind: 'missing'; seq: number; checkpointAt: string; head: number; from: number; to: number };

/**
 * Compares the chain with checkpoints saved earlier, oldest first. A chain whose hashes link up
 * and whose entry at each checkpoint's seq has the signed hash is, up to that seq, the chain that
 * was checkpointed. The first checkpoint that disagrees is reported with the entries it implicates:
 * those after the previous agreeing checkpoint, up to its own.
 */
export function compareWithCheckpoints(checkpoints: PublishedCheckpoint[], hashAt: (seq: number) => string | undefined, headSeq: number): CheckpointComparison {
  const ordered = [...checkpoints].sort((a, b) => a.seq - b.seq);
  let agreedUpTo = 0;
  for (const c of ordered) {
    const actual = hashAt(c.seq);
    if (actual === undefined) return { agrees: false, kind: 'missing', seq: c.seq, checkpointAt: c.createdAt, head: headSeq, from: Math.min(headSeq + 1, c.seq), to: c.seq };
    if (actual !== c.headHash)
      return { agrees: false, kind: 'rewritten', seq: c.seq, checkpointAt: c.createdAt, expectedHash: c.headHash, actualHash: actual, from: Math.min(agreedUpTo + 1, c.seq), to: c.seq };
    agreedUpTo = c.seq;
  }
  return { agrees: true, checkpoints: ordered.length, upTo: agreedUpTo };
}

/** What a bidder downloads for its bid (GET /api/bids/:id/receipt-proof) and keeps. */
export interface ReceiptProof<Receipt = unknown> {
  status: 'included' | 'pending';
  receipt: Receipt;
  /** The platform's signature over the receipt. */
  signature: string;
  receiptSha256: string;
  /** The latest time the checkpoint holding this receipt will be made. */
  checkpointDueBy: string;
  checkpoint: PublishedCheckpoint | null;
  proof: InclusionProof | null;
}

/**
 * Checks, with nothing but the platform's published public key: the receipt is signed, its hash
 * is a leaf of the checkpoint's receipt tree, and the checkpoint is signed. Returns what failed.
 */
export function verifyReceiptProof(p: ReceiptProof, publicKeyPem: string): Bilingual[] {
  const problems: Bilingual[] = [];
  if (!verifySignature(publicKeyPem, p.receipt, p.signature)) problems.push(bilingual('回执签名无效', 'The receipt’s signature does not verify'));
  if (receiptDigest(p.receipt) !== p.receiptSha256) problems.push(bilingual('回执摘要与回执内容不符', 'The receipt hash does not match the receipt'));
  if (p.status !== 'included' || !p.checkpoint || !p.proof) {
    problems.push(bilingual(`回执尚未纳入检查点（最迟${p.checkpointDueBy}）`, `The receipt is not in a checkpoint yet (due by ${p.checkpointDueBy})`));
    return problems;
  }
  if (!verifyInclusion(leafHash(Buffer.from(receiptDigest(p.receipt), 'hex')), p.proof, p.checkpoint.receiptsRoot))
    problems.push(bilingual('包含证明与检查点的回执根不符', 'The inclusion proof does not lead to the checkpoint’s receipts root'));
  if (!verifyCheckpointSignature(p.checkpoint, publicKeyPem)) problems.push(bilingual('检查点签名无效', 'The checkpoint’s signature does not verify'));
  return problems;
}
