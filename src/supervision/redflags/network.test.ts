import { describe, expect, it } from 'vitest';
import { seededRandom as prng } from '../../platform/seeded-random';
import { coBiddingNetwork, logGamma, poissonUpperTail, rotation, type LotRecord } from './network';

function pick<T>(rand: () => number, from: readonly T[], n: number): T[] {
  const pool = [...from];
  const out: T[] = [];
  while (out.length < n) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}

/** 200 lots in two categories, each with 3 to 8 bidders drawn at random from 40 suppliers, won by one of them at random. */
function honestMarket(seed: number): LotRecord[] {
  const rand = prng(seed);
  const suppliers = Array.from({ length: 40 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  return Array.from({ length: 200 }, (_, i) => {
    const bidders = pick(rand, suppliers, 3 + Math.floor(rand() * 6));
    return { lotId: `L${i}`, category: rand() < 0.5 ? 'A02' : 'C16', bidders, winner: bidders[Math.floor(rand() * bidders.length)]! };
  });
}

describe('Poisson tail', () => {
  it('matches a hand computation', () => {
    // P(X ≥ 4 | mean 0.5) = 1 − e^−0.5 · (1 + 0.5 + 0.5²/2 + 0.5³/6) = 1 − 0.60653066 · 1.64583333 = 0.00175162
    expect(poissonUpperTail(4, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125 + 0.125 / 6), 12);
    expect(poissonUpperTail(4, 0.5)).toBeCloseTo(0.00175162, 8);
    // P(X ≥ 1 | mean 2) = 1 − e^−2; P(X ≥ 0) = 1; below the mean it goes through the lower tail.
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(3, 0)).toBe(0);
    // A tiny tail keeps its digits: P(X ≥ 10 | 0.5) = e^−0.5 · 0.5^10 / 10! · (1 + 0.5/11 + 0.25/132 + …)
    // = 1.63226e−10 · 1.047424 = 1.70967e−10 (1 − the lower tail would lose it to rounding).
    expect(poissonUpperTail(10, 0.5) / 1.70967e-10).toBeCloseTo(1, 4);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
  });
});

describe('pairs: a hand-computed market', () => {
  // One category of 32 lots. a and b bid in the same 4 lots and nowhere else; c, d, e bid in the other 28.
  // expected(a,b) = n_a·n_b/N = 4·4/32 = 0.5, lift = 4/0.5 = 8, p = P(X ≥ 4 | 0.5) = 0.00175162.
  const lots: LotRecord[] = [
    ...Array.from({ length: 4 }, (_, i) => ({ lotId: `ab${i}`, category: 'X', bidders: ['a', 'b'], winner: i % 2 ? 'b' : 'a' })),
    ...Array.from({ length: 28 }, (_, i) => ({ lotId: `cde${i}`, category: 'X', bidders: ['c', 'd', 'e'], winner: 'c' })),
  ];
  const p = poissonUpperTail(4, 0.5);

  it('reports observed, expected, lift, p and the lots', () => {
    const n = coBiddingNetwork(lots);
    expect(n.pairs).toHaveLength(1);
    expect(n.pairs[0]).toMatchObject({ a: 'a', b: 'b', coBids: 4, expected: 0.5, lift: 8, lotIds: ['ab0', 'ab1', 'ab2', 'ab3'], flagged: true });
    expect(n.pairs[0]!.pValue).toBeCloseTo(0.00175162, 8);
    expect(n.pairs[0]!.explanation['zh-CN']).toContain('第三十九条');
    expect(n.pairs[0]!.explanation['en-US']).toContain('art. 74');
    // c, d, e: 28 co-bids each against 28·28/32 = 24.5 expected: lift 1.14, not flagged.
    expect(n.graph.edges).toEqual([{ a: 'a', b: 'b', coBids: 4, lift: 8, flagged: true }]);
    expect(n.graph.nodes).toEqual([
      { id: 'a', lots: 4, wins: 2 },
      { id: 'b', lots: 4, wins: 2 },
    ]);
  });

  it('flags at each threshold and not just past it', () => {
    const flagged = (s: Parameters<typeof coBiddingNetwork>[1]) => coBiddingNetwork(lots, s).pairs.length === 1;
    expect(flagged({ minLift: 8 })).toBe(true);
    expect(flagged({ minLift: 8.0001 })).toBe(false);
    expect(flagged({ maxPValue: p })).toBe(true);
    expect(flagged({ maxPValue: p * 0.999 })).toBe(false);
    expect(flagged({ minCoBids: 4 })).toBe(true);
    expect(flagged({ minCoBids: 5 })).toBe(false);
    // Benjamini–Hochberg over the 10 possible pairs of a..e: the lone candidate needs p ≤ 1·q/10.
    expect(flagged({ falseDiscoveryRate: p * 10 })).toBe(true);
    expect(flagged({ falseDiscoveryRate: p * 9.99 })).toBe(false);
  });

  it('a lot over the bidder cap is left out of the pair model and said so', () => {
    const crowd = Array.from({ length: 31 }, (_, i) => `m${i}`);
    const n = coBiddingNetwork([...lots, { lotId: 'mall', category: 'X', bidders: ['a', 'b', ...crowd.slice(2)], winner: 'a' }]);
    expect(n.skippedLots).toEqual(['mall']);
    // Left out of both counts: still 4 co-bids against 0.5 expected.
    expect(n.pairs[0]).toMatchObject({ coBids: 4, expected: 0.5 });
    // The nodes still count the lot.
    expect(n.graph.nodes.find((x) => x.id === 'a')).toEqual({ id: 'a', lots: 5, wins: 3 });
    expect(n.notes['zh-CN']).toContain('30');
    expect(coBiddingNetwork([...lots, { lotId: 'thirty', category: 'X', bidders: crowd.slice(0, 30), winner: null }]).skippedLots).toEqual([]);
  });
});

describe('rotation score', () => {
  it('is the members’ share × normalised entropy of their wins', () => {
    expect(rotation([4, 3, 3], 10)).toMatchObject({ won: 10, share: 1, distinctWinners: 3 });
    expect(rotation([4, 3, 3], 10).evenness).toBeCloseTo(-(0.4 * Math.log(0.4) + 2 * 0.3 * Math.log(0.3)) / Math.log(3), 12);
    // 9 to 1: H = 0.325 nats, / ln 2 = 0.469; 7 to 3: 0.881.
    expect(rotation([9, 1], 10).score).toBeCloseTo(0.469, 3);
    expect(rotation([7, 3], 10).score).toBeCloseTo(0.881, 3);
    // One supplier winning everything is not taking turns; nor is a group that never wins.
    expect(rotation([5, 0], 5).score).toBe(0);
    expect(rotation([0, 0], 5).score).toBe(0);
    // Members won half the awarded lots, evenly.
    expect(rotation([2, 2], 8).score).toBe(0.5);
    // Five members, three wins by three of them: as even as three wins can be.
    expect(rotation([1, 1, 1, 0, 0], 3).evenness).toBeCloseTo(1, 12);
  });
});

describe('honest competition and a planted ring', () => {
  it('finds nothing among 40 suppliers bidding at random over 200 lots', () => {
    const n = coBiddingNetwork(honestMarket(20240611));
    expect(n.pairs).toEqual([]);
    expect(n.groups).toEqual([]);
    expect(n.graph).toEqual({ nodes: [], edges: [] });
  });

  it('flags three suppliers that bid together on 10 lots and take turns winning', () => {
    const rand = prng(7);
    const honest = honestMarket(20240611);
    const ring = ['R1', 'R2', 'R3'];
    const ringLots: LotRecord[] = Array.from({ length: 10 }, (_, i) => ({
      lotId: `ring${i}`,
      category: 'A02',
      bidders: [...ring, ...pick(rand, ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08'], 2)],
      winner: ring[i % 3]!,
    }));
    const n = coBiddingNetwork([...honest, ...ringLots]);
    expect(n.pairs.map((x) => [x.a, x.b])).toEqual([
      ['R1', 'R2'],
      ['R1', 'R3'],
      ['R2', 'R3'],
    ]);
    for (const pair of n.pairs) {
      expect(pair.coBids).toBe(10);
      expect(pair.lift).toBeGreaterThan(10);
      expect(pair.pValue).toBeLessThan(1e-6);
      expect(pair.lotIds).toEqual(ringLots.map((l) => l.lotId));
    }
    expect(n.groups).toHaveLength(1);
    const g = n.groups[0]!;
    expect(g).toMatchObject({ members: ring, awardedLots: 10, winsByMember: { R1: 4, R2: 3, R3: 3 }, memberWinShare: 1, flagged: true });
    expect(g.lotIds).toHaveLength(10);
    expect(g.rotationScore).toBeGreaterThan(0.98);
    expect(g.explanation['zh-CN']).toContain('轮流中标');
    expect(g.basis['zh-CN']).toContain('第七十四条');
    expect(n.graph.nodes.map((x) => x.id)).toEqual(ring);
    expect(n.graph.edges.every((e) => e.flagged)).toBe(true);
  });

  it('does not call a ring rotating when one member always wins, and honours the score threshold', () => {
    const lots: LotRecord[] = Array.from({ length: 10 }, (_, i) => ({ lotId: `l${i}`, bidders: ['A', 'B', `x${i}`], winner: 'A' }));
    lots.push(...Array.from({ length: 90 }, (_, i) => ({ lotId: `o${i}`, bidders: [`y${i}`, `z${i}`], winner: `y${i}` })));
    const n = coBiddingNetwork(lots);
    expect(n.pairs.map((x) => [x.a, x.b])).toEqual([['A', 'B']]);
    expect(n.groups[0]).toMatchObject({ members: ['A', 'B'], winsByMember: { A: 10, B: 0 }, rotationScore: 0, flagged: false });

    // 7 to 3 scores 0.881: flagged at 0.881, not at 0.882.
    const turns = lots.map((l, i) => (i < 10 ? { ...l, winner: i < 7 ? 'A' : 'B' } : l));
    const score = rotation([7, 3], 10).score;
    expect(coBiddingNetwork(turns, { minRotationScore: score }).groups[0]!.flagged).toBe(true);
    expect(coBiddingNetwork(turns, { minRotationScore: score + 1e-9 }).groups[0]!.flagged).toBe(false);
    expect(coBiddingNetwork(turns, { minGroupLots: 11 }).groups[0]!.flagged).toBe(false);
  });
});

describe('scale', () => {
  it('100,000 lots and 1,000,000 bids in a few seconds, finding a ring of three among 20,000 suppliers', () => {
    const rand = prng(99);
    const lots: LotRecord[] = new Array(100_000);
    for (let i = 0; i < lots.length; i++) {
      const category = `C${Math.floor(rand() * 100)}`;
      const bidders: string[] = [];
      for (let k = 0; k < 10; k++) bidders.push(`S${Math.floor(rand() * 20_000)}`);
      // Every 10,000th lot, three suppliers replace the first three bidders and take turns winning.
      if (i % 10_000 === 0) bidders.splice(0, 3, 'R1', 'R2', 'R3');
      lots[i] = { lotId: `L${i}`, category, bidders, winner: i % 10_000 === 0 ? `R${((i / 10_000) % 3) + 1}` : bidders[0]! };
    }
    const n = coBiddingNetwork(lots);
    expect(n.skippedLots).toEqual([]);
    // Without the false-discovery control, 392 random pairs pass p ≤ 0.01 and lift ≥ 3 here.
    expect(n.pairs.map((x) => `${x.a}-${x.b}`)).toEqual(['R1-R2', 'R1-R3', 'R2-R3']);
    expect(n.groups).toMatchObject([{ members: ['R1', 'R2', 'R3'], winsByMember: { R1: 4, R2: 3, R3: 3 }, flagged: true }]);
    // Its time (about 2.7 s on two cores) is measured by npm run bench:redflags, not asserted here.
  });
});
