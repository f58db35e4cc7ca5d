import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signerFromPrivateKey } from '../crypto/receipt-signer';
import {
  CHECKPOINT_STATEMENT,
  compareWithCheckpoints,
  nextCheckpointAt,
  receiptCheckpointDueBy,
  receiptDigest,
  verifyCheckpointSignature,
  verifyReceiptProof,
  type CheckpointStatement,
  type PublishedCheckpoint,
  type ReceiptProof,
} from './audit-checkpoint';
import { auditPath, merkleRoot, receiptTreeLeaves, leafHash } from './merkle';

const newSigner = () => signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const signer = newSigner();
const hash = (n: number) => n.toString(16).padStart(64, '0');

function checkpoint(seq: number, headHash = hash(seq), receiptsRoot = hash(0)): PublishedCheckpoint {
  const statement: CheckpointStatement = { statement: CHECKPOINT_STATEMENT, seq, headHash, receiptsRoot, createdAt: new Date(Date.UTC(2026, 2, 2, seq)).toISOString() };
  return { ...statement, signingKeyId: signer.keyId, signature: signer.sign(statement) };
}

describe('a checkpoint’s signature', () => {
  it('verifies with the platform’s public key alone, and not once any signed field changes or with another key', () => {
    const c = checkpoint(7);
    expect(verifyCheckpointSignature(c, signer.publicKeyPem)).toBe(true);
    expect(verifyCheckpointSignature({ ...c, seq: 8 }, signer.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, headHash: hash(8) }, signer.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, receiptsRoot: hash(1) }, signer.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, createdAt: '2026-03-01T00:00:00.000Z' }, signer.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature(c, newSigner().publicKeyPem)).toBe(false);
  });
});

describe('the chain against saved checkpoints', () => {
  const saved = [checkpoint(30), checkpoint(10), checkpoint(20)];
  const chain = (n: number, changed: Record<number, string> = {}) => (seq: number) => (seq <= n ? (changed[seq] ?? hash(seq)) : undefined);

  it('agrees when every checkpointed entry still has its signed hash', () => {
    expect(compareWithCheckpoints(saved, chain(35), 35)).toEqual({ agrees: true, checkpoints: 3, upTo: 30 });
  });

  it('names the first checkpointed entry that differs and the entries it implicates', () => {
    // Entry 14 was rewritten and every hash after it recomputed: entries 14.. all have new hashes.
    const rewritten = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [14 + i, 'f'.repeat(64)]));
    expect(compareWithCheckpoints(saved, chain(35, rewritten), 35)).toMatchObject({ agrees: false, kind: 'rewritten', seq: 20, from: 11, to: 20, expectedHash: hash(20), actualHash: 'f'.repeat(64) });
    // Before the first checkpoint, the range starts at entry 1.
    expect(compareWithCheckpoints(saved, chain(35, { 10: 'e'.repeat(64) }), 35)).toMatchObject({ kind: 'rewritten', seq: 10, from: 1, to: 10 });
  });

  it('reports a missing tail: a chain that ends before a checkpoint', () => {
    expect(compareWithCheckpoints(saved, chain(27), 27)).toMatchObject({ agrees: false, kind: 'missing', seq: 30, head: 27, from: 28, to: 30 });
    // Exactly at the checkpoint is still whole.
    expect(compareWithCheckpoints(saved, chain(30), 30)).toMatchObject({ agrees: true });
  });
});

describe('when a receipt will be in a checkpoint', () => {
  it('checkpoints fall on full hours; a receipt is due in the first one at least a minute later', () => {
    expect(nextCheckpointAt(new Date('2026-03-02T02:00:00.000Z')).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(nextCheckpointAt(new Date('2026-03-02T02:59:59.999Z')).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(receiptCheckpointDueBy(new Date('2026-03-02T02:58:59.999Z')).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(receiptCheckpointDueBy(new Date('2026-03-02T02:59:00.000Z')).toISOString()).toBe('2026-03-02T04:00:00.000Z');
  });
});

describe('a bidder’s receipt proof, checked offline', () => {
  const receipt = { bidId: 'b1', supplierName: '上海申联信息科技有限公司', receivedAt: '2026-03-02T02:30:00.000Z' };
  const others = [receiptDigest({ bidId: 'b2' }), receiptDigest({ bidId: 'b3' })];
  const seed = '12'.repeat(32);
  const leaves = receiptTreeLeaves([receiptDigest(receipt), ...others], seed);
  const leafIndex = leaves.indexOf(leafHash(Buffer.from(receiptDigest(receipt), 'hex')));
  const proof: ReceiptProof = {
    status: 'included',
    receipt,
    signature: signer.sign(receipt),
    receiptSha256: receiptDigest(receipt),
    checkpointDueBy: '2026-03-02T03:00:00.000Z',
    checkpoint: checkpoint(12, hash(12), merkleRoot(leaves)),
    proof: { leafIndex, treeSize: leaves.length, auditPath: auditPath(leaves, leafIndex) },
  };
  const en = (problems: { 'en-US': string }[]) => problems.map((p) => p['en-US']);

  it('leads from the signed receipt to the signed checkpoint', () => {
    expect(verifyReceiptProof(proof, signer.publicKeyPem)).toEqual([]);
  });

  it('fails for a changed receipt, a proof of another tree, a forged checkpoint, and a receipt not yet checkpointed', () => {
    expect(en(verifyReceiptProof({ ...proof, receipt: { ...receipt, receivedAt: '2026-03-02T01:00:00.000Z' } }, signer.publicKeyPem))).toEqual([
      'The receipt’s signature does not verify',
      'The receipt hash does not match the receipt',
      'The inclusion proof does not lead to the checkpoint’s receipts root',
    ]);
    expect(en(verifyReceiptProof({ ...proof, checkpoint: checkpoint(12) }, signer.publicKeyPem))).toEqual(['The inclusion proof does not lead to the checkpoint’s receipts root']);
    expect(en(verifyReceiptProof({ ...proof, checkpoint: { ...proof.checkpoint!, createdAt: '2026-03-02T00:00:00.000Z' } }, signer.publicKeyPem))).toEqual(['The checkpoint’s signature does not verify']);
    expect(en(verifyReceiptProof({ ...proof, status: 'pending', checkpoint: null, proof: null }, signer.publicKeyPem))).toEqual(['The receipt is not in a checkpoint yet (due by 2026-03-02T03:00:00.000Z)']);
  });
});
