import { describe, expect, it } from 'vitest';
import { auditPath, leafHash, MINIMUM_TREE_SIZE, merkleRoot, receiptTreeLeaves, verifyInclusion } from './merkle';

// The reference tree of RFC 6962's authors (certificate-transparency merkle_tree_test), also used by RFC 9162 implementations.
const DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const digest = (i: number) => i.toString(16).padStart(64, '0');

describe('Merkle tree (RFC 6962 hashing)', () => {
  it('gives the reference roots and the reference inclusion path', () => {
    for (let n = 1; n <= 8; n++) expect(merkleRoot(DATA.slice(0, n))).toBe(ROOTS[n - 1]);
    expect(auditPath(DATA, 0)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });

  it('proves every leaf of trees of every size up to 17, and nothing else', () => {
    const leaves = Array.from({ length: 17 }, (_, i) => leafHash(Buffer.from(digest(i), 'hex')));
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = merkleRoot(tree);
      for (let i = 0; i < n; i++) {
        const proof = { leafIndex: i, treeSize: n, auditPath: auditPath(tree, i) };
        expect(verifyInclusion(tree[i]!, proof, root)).toBe(true);
        if (n === 1) continue;
        expect(verifyInclusion(tree[(i + 1) % n]!, proof, root)).toBe(false);
        expect(verifyInclusion(tree[i]!, { ...proof, leafIndex: (i + 1) % n }, root)).toBe(false);
        expect(verifyInclusion(tree[i]!, { ...proof, treeSize: i }, root)).toBe(false);
      }
    }
    expect(verifyInclusion(leaves[0]!, { leafIndex: 1, treeSize: 1, auditPath: [] }, leaves[0]!)).toBe(false);
  });

  it('keeps a leaf from passing for a node (domain separation)', () => {
    const [a, b] = [DATA[1]!, DATA[2]!];
    const node = merkleRoot([a, b]);
    // The 64 bytes a‖b as a leaf hash differently from the node over a and b.
    expect(leafHash(Buffer.from(a + b, 'hex'))).not.toBe(node);
  });
});

describe('a checkpoint’s receipt tree', () => {
  const seed = 'ab'.repeat(32);

  it('does not show how many receipts it holds: filled to a power of two, at least 16 leaves', () => {
    expect(receiptTreeLeaves([], seed)).toHaveLength(MINIMUM_TREE_SIZE);
    expect(receiptTreeLeaves([digest(1)], seed)).toHaveLength(16);
    expect(receiptTreeLeaves(Array.from({ length: 16 }, (_, i) => digest(i)), seed)).toHaveLength(16);
    expect(receiptTreeLeaves(Array.from({ length: 17 }, (_, i) => digest(i)), seed)).toHaveLength(32);
    // One receipt or fifteen: the same proof length.
    const one = receiptTreeLeaves([digest(1)], seed);
    const fifteen = receiptTreeLeaves(Array.from({ length: 15 }, (_, i) => digest(i + 1)), seed);
    const leaf = leafHash(Buffer.from(digest(1), 'hex'));
    expect(auditPath(one, one.indexOf(leaf))).toHaveLength(auditPath(fifteen, fifteen.indexOf(leaf)).length);
  });

  it('is the same tree for the same receipts and seed, in any order, and another tree with another seed', () => {
    const digests = [digest(3), digest(1), digest(2)];
    const root = merkleRoot(receiptTreeLeaves(digests, seed));
    expect(merkleRoot(receiptTreeLeaves([...digests].reverse(), seed))).toBe(root);
    expect(merkleRoot(receiptTreeLeaves(digests, 'cd'.repeat(32)))).not.toBe(root);
    expect(merkleRoot(receiptTreeLeaves([digest(1), digest(2)], seed))).not.toBe(root);
  });
});
