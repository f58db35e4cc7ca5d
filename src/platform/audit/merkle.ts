import { createHash, createHmac } from 'node:crypto';

/**
 * A Merkle tree over receipt digests, hashed as in RFC 6962 / RFC 9162 §2.1: leaves and inner
 * nodes are domain-separated (0x00 and 0x01 prefixes), so a leaf can never pass for a node.
 * Pure functions; hashes are lower-case hex.
 */
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');

export const leafHash = (data: Buffer): string => sha256(Buffer.from([0]), data);
export const nodeHash = (left: string, right: string): string => sha256(Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex'));

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes (already hashed with leafHash). */
export function merkleRoot(leaves: string[]): string {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** PATH(m, D[n]): the sibling hashes from the leaf up to the root. */
export function auditPath(leaves: string[], index: number): string[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...auditPath(leaves.slice(0, k), index), merkleRoot(leaves.slice(k))]
    : [...auditPath(leaves.slice(k), index - k), merkleRoot(leaves.slice(0, k))];
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  auditPath: string[];
}

/** RFC 9162 §2.1.3.2: does `leaf` sit at `leafIndex` of a tree of `treeSize` leaves with this root? */
export function verifyInclusion(leaf: string, proof: InclusionProof, root: string): boolean {
  const { leafIndex, treeSize, auditPath: path } = proof;
  if (!Number.isInteger(leafIndex) || !Number.isInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && r === root;
}

/** At least this many leaves in every tree, so a small number of receipts does not show. */
export const MINIMUM_TREE_SIZE = 16;

/**
 * The leaves of a checkpoint's receipt tree. SEALED MEANS SEALED: the tree must not tell how many
 * receipts it holds, not even to a bidder reading its own proof (whose path length and index
 * would). So it is filled up to a power of two (at least MINIMUM_TREE_SIZE) with leaves derived
 * from a secret seed, which look like any other hash, and sorted, so a position says nothing about
 * arrival order either. The same digests and seed always give the same leaves.
 */
export function receiptTreeLeaves(receiptDigests: string[], fillerSeed: string): string[] {
  let size = MINIMUM_TREE_SIZE;
  while (size < receiptDigests.length) size *= 2;
  const fillers = Array.from({ length: size - receiptDigests.length }, (_, i) => createHmac('sha256', Buffer.from(fillerSeed, 'hex')).update(`filler ${i}`).digest('hex'));
  return [...receiptDigests.map((d) => leafHash(Buffer.from(d, 'hex'))), ...fillers].sort();
}
